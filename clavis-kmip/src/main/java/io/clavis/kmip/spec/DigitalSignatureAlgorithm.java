package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The signature algorithm in Cryptographic Parameters (KMIP 1.4 section 9.1.3.2.7).
 *
 * <p>Values and names are those of the registry's {@code Digital Signature Algorithm} enumeration;
 * a test checks each constant against it.
 */
public enum DigitalSignatureAlgorithm implements KmipEnum {
  MD2_WITH_RSA_ENCRYPTION(0x00000001, "MD2 with RSA Encryption"),
  MD5_WITH_RSA_ENCRYPTION(0x00000002, "MD5 with RSA Encryption"),
  SHA_1_WITH_RSA_ENCRYPTION(0x00000003, "SHA-1 with RSA Encryption"),
  SHA_224_WITH_RSA_ENCRYPTION(0x00000004, "SHA-224 with RSA Encryption"),
  SHA_256_WITH_RSA_ENCRYPTION(0x00000005, "SHA-256 with RSA Encryption"),
  SHA_384_WITH_RSA_ENCRYPTION(0x00000006, "SHA-384 with RSA Encryption"),
  SHA_512_WITH_RSA_ENCRYPTION(0x00000007, "SHA-512 with RSA Encryption"),
  RSASSA_PSS(0x00000008, "RSASSA-PSS"),
  DSA_WITH_SHA_1(0x00000009, "DSA with SHA-1"),
  DSA_WITH_SHA224(0x0000000A, "DSA with SHA224"),
  DSA_WITH_SHA256(0x0000000B, "DSA with SHA256"),
  ECDSA_WITH_SHA_1(0x0000000C, "ECDSA with SHA-1"),
  ECDSA_WITH_SHA224(0x0000000D, "ECDSA with SHA224"),
  ECDSA_WITH_SHA256(0x0000000E, "ECDSA with SHA256"),
  ECDSA_WITH_SHA384(0x0000000F, "ECDSA with SHA384"),
  ECDSA_WITH_SHA512(0x00000010, "ECDSA with SHA512"),
  SHA3_256_WITH_RSA_ENCRYPTION(0x00000011, "SHA3-256 with RSA Encryption"),
  SHA3_384_WITH_RSA_ENCRYPTION(0x00000012, "SHA3-384 with RSA Encryption"),
  SHA3_512_WITH_RSA_ENCRYPTION(0x00000013, "SHA3-512 with RSA Encryption");

  private final int value;
  private final String kmipName;

  DigitalSignatureAlgorithm(int value, String kmipName) {
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
  public static Optional<DigitalSignatureAlgorithm> fromValue(int value) {
    return KmipEnums.fromValue(DigitalSignatureAlgorithm.class, value);
  }
}
