package io.clavis.core.key;

import io.clavis.core.crypto.HmacAlgorithm;
import io.clavis.core.crypto.SignatureAlgorithm;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The key types Clavis can create, and what each can be used for; plus the {@linkplain
 * KeyFamily#DATA data} kinds that KMIP clients register, which are stored like keys but are not
 * keys: they cannot be created over REST and no cryptographic operation accepts them.
 */
public enum KeyAlgorithm {
  AES_128(KeyFamily.AES, 128),
  AES_192(KeyFamily.AES, 192),
  AES_256(KeyFamily.AES, 256),
  RSA_2048(KeyFamily.RSA, 2048),
  RSA_3072(KeyFamily.RSA, 3072),
  RSA_4096(KeyFamily.RSA, 4096),
  EC_P256(KeyFamily.EC, 256),
  EC_P384(KeyFamily.EC, 384),
  EC_P521(KeyFamily.EC, 521),
  HMAC_SHA256(KeyFamily.HMAC, 256),
  HMAC_SHA384(KeyFamily.HMAC, 384),
  HMAC_SHA512(KeyFamily.HMAC, 512),
  /** KMIP Secret Data (a password, a seed, a database's master secret): registered, never used. */
  SECRET_DATA(KeyFamily.DATA, 0),
  /** A KMIP Opaque Object: bytes the server does not interpret. */
  OPAQUE_DATA(KeyFamily.DATA, 0),
  /** A KMIP Certificate: the DER of an X.509 certificate. */
  X509_CERTIFICATE(KeyFamily.DATA, 0),
  /**
   * A KMIP Public Key registered without its private key (SubjectPublicKeyInfo DER): it can verify
   * signatures and wrap keys over KMIP, never sign; for Clavis it is data, like a certificate.
   */
  PUBLIC_RSA_2048(KeyFamily.DATA, 2048),
  PUBLIC_RSA_3072(KeyFamily.DATA, 3072),
  PUBLIC_RSA_4096(KeyFamily.DATA, 4096),
  PUBLIC_EC_P256(KeyFamily.DATA, 256),
  PUBLIC_EC_P384(KeyFamily.DATA, 384),
  PUBLIC_EC_P521(KeyFamily.DATA, 521),
  /** A KMIP Split Key: one part of a key split among several holders, with how it was split. */
  SPLIT_KEY(KeyFamily.DATA, 0);

  /**
   * The largest {@linkplain KeyFamily#DATA data} object, in bytes: enough for any certificate chain
   * or secret a database registers, small enough that a Raft entry stays small.
   */
  public static final int MAX_DATA_BYTES = 64 * 1024;

  private static final Set<SignatureAlgorithm> RSA_SIGNATURES =
      Collections.unmodifiableSet(
          EnumSet.of(
              SignatureAlgorithm.RSA_PSS_SHA256,
              SignatureAlgorithm.RSA_PSS_SHA384,
              SignatureAlgorithm.RSA_PSS_SHA512,
              SignatureAlgorithm.RSA_PKCS1_SHA256,
              SignatureAlgorithm.RSA_PKCS1_SHA384,
              SignatureAlgorithm.RSA_PKCS1_SHA512));

  // Any hash with any curve, as JCA and OpenSSL allow; SHA-256/P-256, SHA-384/P-384 and
  // SHA-512/P-521 are the natural pairings (and the only ones in the Wycheproof vectors).
  private static final Set<SignatureAlgorithm> EC_SIGNATURES =
      Collections.unmodifiableSet(
          EnumSet.of(
              SignatureAlgorithm.ECDSA_SHA256,
              SignatureAlgorithm.ECDSA_SHA384,
              SignatureAlgorithm.ECDSA_SHA512));

  private final KeyFamily family;
  private final int bits;

  KeyAlgorithm(KeyFamily family, int bits) {
    this.family = family;
    this.bits = bits;
  }

  /** Returns the key family. */
  public KeyFamily family() {
    return family;
  }

  /**
   * Returns the key size in bits: the AES or HMAC key length, the RSA modulus length, or the EC
   * field size (521 for P-521); for a public key held alone, that of its key pair; 0 for other
   * data, whose size is that of what was registered.
   */
  public int bits() {
    return bits;
  }

  /**
   * Whether this is a key at all: false for the {@linkplain KeyFamily#DATA data} kinds, which are
   * only ever registered, never generated, created over REST or used.
   */
  public boolean isKey() {
    return family != KeyFamily.DATA;
  }

  /** Whether the key encrypts (AES-GCM, RSA-OAEP). */
  public boolean canEncrypt() {
    return family == KeyFamily.AES || family == KeyFamily.RSA;
  }

  /** Whether the key signs (RSA, ECDSA). */
  public boolean canSign() {
    return family == KeyFamily.RSA || family == KeyFamily.EC;
  }

  /** Whether the key computes MACs (HMAC). */
  public boolean canMac() {
    return family == KeyFamily.HMAC;
  }

  /** Whether the key has a public half (RSA, EC). */
  public boolean isAsymmetric() {
    return family == KeyFamily.RSA || family == KeyFamily.EC;
  }

  /**
   * For a public key held alone (the {@code PUBLIC_*} kinds), the algorithm of the key pair it is
   * the public half of; empty otherwise.
   */
  public Optional<KeyAlgorithm> keyPairOfPublicKey() {
    return switch (this) {
      case PUBLIC_RSA_2048 -> Optional.of(RSA_2048);
      case PUBLIC_RSA_3072 -> Optional.of(RSA_3072);
      case PUBLIC_RSA_4096 -> Optional.of(RSA_4096);
      case PUBLIC_EC_P256 -> Optional.of(EC_P256);
      case PUBLIC_EC_P384 -> Optional.of(EC_P384);
      case PUBLIC_EC_P521 -> Optional.of(EC_P521);
      default -> Optional.empty();
    };
  }

  /**
   * The kind of a public key held alone whose key pair would be of this algorithm.
   *
   * @throws IllegalStateException for algorithms without a public half
   */
  public KeyAlgorithm publicKeyAlone() {
    return Arrays.stream(values())
        .filter(a -> a.keyPairOfPublicKey().orElse(null) == this)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(this + " has no public half"));
  }

  /** Returns the HMAC variant of an HMAC key, empty for other families. */
  public Optional<HmacAlgorithm> hmacAlgorithm() {
    return switch (this) {
      case HMAC_SHA256 -> Optional.of(HmacAlgorithm.HMAC_SHA256);
      case HMAC_SHA384 -> Optional.of(HmacAlgorithm.HMAC_SHA384);
      case HMAC_SHA512 -> Optional.of(HmacAlgorithm.HMAC_SHA512);
      default -> Optional.empty();
    };
  }

  /**
   * Returns the signature algorithms this key may use: every RSA_* for RSA keys, every ECDSA_* for
   * EC keys, none otherwise. The set is unmodifiable.
   */
  public Set<SignatureAlgorithm> signatureAlgorithms() {
    return switch (family) {
      case RSA -> RSA_SIGNATURES;
      case EC -> EC_SIGNATURES;
      case AES, HMAC, DATA -> Set.of();
    };
  }

  /**
   * Returns the JCA name of the curve ({@code "secp256r1"}, {@code "secp384r1"}, {@code
   * "secp521r1"}).
   *
   * @throws IllegalStateException for keys that are not EC
   */
  public String curveName() {
    return switch (this) {
      case EC_P256 -> "secp256r1";
      case EC_P384 -> "secp384r1";
      case EC_P521 -> "secp521r1";
      default -> throw new IllegalStateException(this + " is not an EC key");
    };
  }

  /** Parses an algorithm name such as {@code "aes_256"}, ignoring case; otherwise empty. */
  public static Optional<KeyAlgorithm> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
  }
}
