package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The hash in Cryptographic Parameters and Digest (KMIP 1.4 section 9.1.3.2.16); also carried by
 * Mask Generator Hashing Algorithm.
 *
 * <p>Values and names are those of the registry's {@code Hashing Algorithm} enumeration; a test
 * checks each constant against it.
 */
public enum HashingAlgorithm implements KmipEnum {
  MD2(0x00000001, "MD2"),
  MD4(0x00000002, "MD4"),
  MD5(0x00000003, "MD5"),
  SHA_1(0x00000004, "SHA-1"),
  SHA_224(0x00000005, "SHA-224"),
  SHA_256(0x00000006, "SHA-256"),
  SHA_384(0x00000007, "SHA-384"),
  SHA_512(0x00000008, "SHA-512"),
  RIPEMD_160(0x00000009, "RIPEMD-160"),
  TIGER(0x0000000A, "Tiger"),
  WHIRLPOOL(0x0000000B, "Whirlpool"),
  SHA_512_224(0x0000000C, "SHA-512/224"),
  SHA_512_256(0x0000000D, "SHA-512/256"),
  SHA_3_224(0x0000000E, "SHA-3-224"),
  SHA_3_256(0x0000000F, "SHA-3-256"),
  SHA_3_384(0x00000010, "SHA-3-384"),
  SHA_3_512(0x00000011, "SHA-3-512");

  private final int value;
  private final String kmipName;

  HashingAlgorithm(int value, String kmipName) {
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
  public static Optional<HashingAlgorithm> fromValue(int value) {
    return KmipEnums.fromValue(HashingAlgorithm.class, value);
  }
}
