package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The block cipher mode in Cryptographic Parameters (KMIP 1.4 section 9.1.3.2.14).
 *
 * <p>Values and names are those of the registry's {@code Block Cipher Mode} enumeration; a test
 * checks each constant against it.
 */
public enum BlockCipherMode implements KmipEnum {
  CBC(0x00000001, "CBC"),
  ECB(0x00000002, "ECB"),
  PCBC(0x00000003, "PCBC"),
  CFB(0x00000004, "CFB"),
  OFB(0x00000005, "OFB"),
  CTR(0x00000006, "CTR"),
  CMAC(0x00000007, "CMAC"),
  CCM(0x00000008, "CCM"),
  GCM(0x00000009, "GCM"),
  CBC_MAC(0x0000000A, "CBC-MAC"),
  XTS(0x0000000B, "XTS"),
  AES_KEY_WRAP_PADDING(0x0000000C, "AESKeyWrapPadding"),
  NIST_KEY_WRAP(0x0000000D, "NISTKeyWrap"),
  X9_102_AESKW(0x0000000E, "X9.102 AESKW"),
  X9_102_TDKW(0x0000000F, "X9.102 TDKW"),
  X9_102_AKW1(0x00000010, "X9.102 AKW1"),
  X9_102_AKW2(0x00000011, "X9.102 AKW2"),
  AEAD(0x00000012, "AEAD");

  private final int value;
  private final String kmipName;

  BlockCipherMode(int value, String kmipName) {
    this.value = value;
    this.kmipName = kmipName;
  }

  @Override
  public int value() {
    return value;
  }

  @Override
  public String kmipName() {
    return kmipName;
  }

  /** Returns the constant with this wire value, or empty for a value this enum does not know. */
  public static Optional<BlockCipherMode> fromValue(int value) {
    return KmipEnums.fromValue(BlockCipherMode.class, value);
  }
}
