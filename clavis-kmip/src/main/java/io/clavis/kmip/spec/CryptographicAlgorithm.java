package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The algorithm of a key or of a cryptographic operation (KMIP 1.4 section 9.1.3.2.13; ARIA and
 * later are KMIP 2.0).
 *
 * <p>Values and names are those of the registry's {@code Cryptographic Algorithm} enumeration; a
 * test checks each constant against it.
 */
public enum CryptographicAlgorithm implements KmipEnum {
  DES(0x00000001, "DES"),
  TRIPLE_DES(0x00000002, "3DES"),
  AES(0x00000003, "AES"),
  RSA(0x00000004, "RSA"),
  DSA(0x00000005, "DSA"),
  ECDSA(0x00000006, "ECDSA"),
  HMAC_SHA1(0x00000007, "HMAC-SHA1"),
  HMAC_SHA224(0x00000008, "HMAC-SHA224"),
  HMAC_SHA256(0x00000009, "HMAC-SHA256"),
  HMAC_SHA384(0x0000000A, "HMAC-SHA384"),
  HMAC_SHA512(0x0000000B, "HMAC-SHA512"),
  HMAC_MD5(0x0000000C, "HMAC-MD5"),
  DH(0x0000000D, "DH"),
  ECDH(0x0000000E, "ECDH"),
  ECMQV(0x0000000F, "ECMQV"),
  BLOWFISH(0x00000010, "Blowfish"),
  CAMELLIA(0x00000011, "Camellia"),
  CAST5(0x00000012, "CAST5"),
  IDEA(0x00000013, "IDEA"),
  MARS(0x00000014, "MARS"),
  RC2(0x00000015, "RC2"),
  RC4(0x00000016, "RC4"),
  RC5(0x00000017, "RC5"),
  SKIPJACK(0x00000018, "SKIPJACK"),
  TWOFISH(0x00000019, "Twofish"),
  EC(0x0000001A, "EC"),
  ONE_TIME_PAD(0x0000001B, "One Time Pad"),
  CHACHA20(0x0000001C, "ChaCha20"),
  POLY1305(0x0000001D, "Poly1305"),
  CHACHA20_POLY1305(0x0000001E, "ChaCha20Poly1305"),
  SHA3_224(0x0000001F, "SHA3-224"),
  SHA3_256(0x00000020, "SHA3-256"),
  SHA3_384(0x00000021, "SHA3-384"),
  SHA3_512(0x00000022, "SHA3-512"),
  HMAC_SHA3_224(0x00000023, "HMAC-SHA3-224"),
  HMAC_SHA3_256(0x00000024, "HMAC-SHA3-256"),
  HMAC_SHA3_384(0x00000025, "HMAC-SHA3-384"),
  HMAC_SHA3_512(0x00000026, "HMAC-SHA3-512"),
  SHAKE_128(0x00000027, "SHAKE-128"),
  SHAKE_256(0x00000028, "SHAKE-256"),
  ARIA(0x00000029, "ARIA"),
  SEED(0x0000002A, "SEED"),
  SM2(0x0000002B, "SM2"),
  SM3(0x0000002C, "SM3"),
  SM4(0x0000002D, "SM4"),
  GOST_R_34_10_2012(0x0000002E, "GOST R 34.10-2012"),
  GOST_R_34_11_2012(0x0000002F, "GOST R 34.11-2012"),
  GOST_R_34_13_2015(0x00000030, "GOST R 34.13-2015"),
  GOST_28147_89(0x00000031, "GOST 28147-89"),
  XMSS(0x00000032, "XMSS"),
  SPHINCS_256(0x00000033, "SPHINCS-256"),
  MCELIECE(0x00000034, "McEliece"),
  MCELIECE_6960119(0x00000035, "McEliece-6960119"),
  MCELIECE_8192128(0x00000036, "McEliece-8192128"),
  ED25519(0x00000037, "Ed25519"),
  ED448(0x00000038, "Ed448");

  private final int value;
  private final String kmipName;

  CryptographicAlgorithm(int value, String kmipName) {
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
  public static Optional<CryptographicAlgorithm> fromValue(int value) {
    return KmipEnums.fromValue(CryptographicAlgorithm.class, value);
  }
}
