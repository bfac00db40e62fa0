package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * How Derive Key derives (KMIP 1.4 section 9.1.3.2.21; AWS Signature Version 4 and HKDF are KMIP
 * 2.0).
 *
 * <p>Values and names are those of the registry's {@code Derivation Method} enumeration; a test
 * checks each constant against it.
 */
public enum DerivationMethod implements KmipEnum {
  PBKDF2(0x00000001, "PBKDF2"),
  HASH(0x00000002, "HASH"),
  HMAC(0x00000003, "HMAC"),
  ENCRYPT(0x00000004, "ENCRYPT"),
  NIST800_108_C(0x00000005, "NIST800 - 108 - C"),
  NIST800_108_F(0x00000006, "NIST800 - 108 - F"),
  NIST800_108_DPI(0x00000007, "NIST800 - 108 - DPI"),
  ASYMMETRIC_KEY(0x00000008, "Asymmetric Key"),
  AWS_SIGNATURE_VERSION_4(0x00000009, "AWS Signature Version 4"),
  HKDF(0x0000000A, "HKDF");

  private final int value;
  private final String kmipName;

  DerivationMethod(int value, String kmipName) {
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
  public static Optional<DerivationMethod> fromValue(int value) {
    return KmipEnums.fromValue(DerivationMethod.class, value);
  }
}
