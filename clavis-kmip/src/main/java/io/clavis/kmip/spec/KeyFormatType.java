package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The encoding of key material in a Key Block (KMIP 1.4 section 9.1.3.2.3).
 *
 * <p>Values and names are those of the registry's {@code Key Format Type} enumeration; a test
 * checks each constant against it.
 */
public enum KeyFormatType implements KmipEnum {
  RAW(0x00000001, "Raw"),
  OPAQUE(0x00000002, "Opaque"),
  PKCS_1(0x00000003, "PKCS#1"),
  PKCS_8(0x00000004, "PKCS#8"),
  X_509(0x00000005, "X.509"),
  EC_PRIVATE_KEY(0x00000006, "ECPrivateKey"),
  TRANSPARENT_SYMMETRIC_KEY(0x00000007, "Transparent Symmetric Key"),
  TRANSPARENT_DSA_PRIVATE_KEY(0x00000008, "Transparent DSA Private Key"),
  TRANSPARENT_DSA_PUBLIC_KEY(0x00000009, "Transparent DSA Public Key"),
  TRANSPARENT_RSA_PRIVATE_KEY(0x0000000A, "Transparent RSA Private Key"),
  TRANSPARENT_RSA_PUBLIC_KEY(0x0000000B, "Transparent RSA Public Key"),
  TRANSPARENT_DH_PRIVATE_KEY(0x0000000C, "Transparent DH Private Key"),
  TRANSPARENT_DH_PUBLIC_KEY(0x0000000D, "Transparent DH Public Key"),
  TRANSPARENT_ECDSA_PRIVATE_KEY(0x0000000E, "Transparent ECDSA Private Key"),
  TRANSPARENT_ECDSA_PUBLIC_KEY(0x0000000F, "Transparent ECDSA Public Key"),
  TRANSPARENT_ECDH_PRIVATE_KEY(0x00000010, "Transparent ECDH Private Key"),
  TRANSPARENT_ECDH_PUBLIC_KEY(0x00000011, "Transparent ECDH Public Key"),
  TRANSPARENT_ECMQV_PRIVATE_KEY(0x00000012, "Transparent ECMQV Private Key"),
  TRANSPARENT_ECMQV_PUBLIC_KEY(0x00000013, "Transparent ECMQV Public Key"),
  TRANSPARENT_EC_PRIVATE_KEY(0x00000014, "Transparent EC Private Key"),
  TRANSPARENT_EC_PUBLIC_KEY(0x00000015, "Transparent EC Public Key"),
  PKCS_12(0x00000016, "PKCS#12");

  private final int value;
  private final String kmipName;

  KeyFormatType(int value, String kmipName) {
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
  public static Optional<KeyFormatType> fromValue(int value) {
    return KmipEnums.fromValue(KeyFormatType.class, value);
  }
}
