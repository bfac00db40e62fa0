package io.clavis.kmip.spec;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The operations a key may be used for (KMIP 1.4 section 9.1.3.3.1). Each constant is one bit; an
 * attribute value is their bitwise or.
 *
 * <p>Values and names are those of the registry's {@code Cryptographic Usage Mask} mask; a test
 * checks each constant against it.
 */
public enum CryptographicUsageMask implements KmipEnum {
  SIGN(0x00000001, "Sign"),
  VERIFY(0x00000002, "Verify"),
  ENCRYPT(0x00000004, "Encrypt"),
  DECRYPT(0x00000008, "Decrypt"),
  WRAP_KEY(0x00000010, "Wrap Key"),
  UNWRAP_KEY(0x00000020, "Unwrap Key"),
  EXPORT(0x00000040, "Export"),
  MAC_GENERATE(0x00000080, "MAC Generate"),
  MAC_VERIFY(0x00000100, "MAC Verify"),
  DERIVE_KEY(0x00000200, "Derive Key"),
  CONTENT_COMMITMENT(0x00000400, "Content Commitment"),
  KEY_AGREEMENT(0x00000800, "Key Agreement"),
  CERTIFICATE_SIGN(0x00001000, "Certificate Sign"),
  CRL_SIGN(0x00002000, "CRL Sign"),
  GENERATE_CRYPTOGRAM(0x00004000, "Generate Cryptogram"),
  VALIDATE_CRYPTOGRAM(0x00008000, "Validate Cryptogram"),
  TRANSLATE_ENCRYPT(0x00010000, "Translate Encrypt"),
  TRANSLATE_DECRYPT(0x00020000, "Translate Decrypt"),
  TRANSLATE_WRAP(0x00040000, "Translate Wrap"),
  TRANSLATE_UNWRAP(0x00080000, "Translate Unwrap");

  private final int value;
  private final String kmipName;

  CryptographicUsageMask(int value, String kmipName) {
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
  public static Optional<CryptographicUsageMask> fromValue(int value) {
    return KmipEnums.fromValue(CryptographicUsageMask.class, value);
  }

  /** Returns the bitwise or of the given bits, the value of a Cryptographic Usage Mask item. */
  public static int toMask(Set<CryptographicUsageMask> bits) {
    int mask = 0;
    for (CryptographicUsageMask bit : bits) {
      mask |= bit.value;
    }
    return mask;
  }

  /**
   * Returns the bits set in {@code mask} that this enum knows; callers that must reject unknown
   * bits compare {@code toMask(fromMask(mask))} with {@code mask}.
   */
  public static EnumSet<CryptographicUsageMask> fromMask(int mask) {
    EnumSet<CryptographicUsageMask> bits = EnumSet.noneOf(CryptographicUsageMask.class);
    for (CryptographicUsageMask bit : values()) {
      if ((mask & bit.value) != 0) {
        bits.add(bit);
      }
    }
    return bits;
  }
}
