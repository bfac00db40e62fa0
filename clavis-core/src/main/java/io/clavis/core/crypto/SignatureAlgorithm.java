package io.clavis.core.crypto;

import io.clavis.core.key.KeyFamily;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The signature algorithms Clavis offers. RSA-PSS uses MGF1 with the same hash and a salt as long
 * as the hash; ECDSA signatures are DER-encoded (the form OpenSSL and X.509 use).
 */
public enum SignatureAlgorithm {
  RSA_PSS_SHA256(Scheme.RSA_PSS, 256),
  RSA_PSS_SHA384(Scheme.RSA_PSS, 384),
  RSA_PSS_SHA512(Scheme.RSA_PSS, 512),
  RSA_PKCS1_SHA256(Scheme.RSA_PKCS1, 256),
  RSA_PKCS1_SHA384(Scheme.RSA_PKCS1, 384),
  RSA_PKCS1_SHA512(Scheme.RSA_PKCS1, 512),
  ECDSA_SHA256(Scheme.ECDSA, 256),
  ECDSA_SHA384(Scheme.ECDSA, 384),
  ECDSA_SHA512(Scheme.ECDSA, 512);

  /** How the hash is turned into a signature. */
  enum Scheme {
    RSA_PSS,
    RSA_PKCS1,
    ECDSA
  }

  private final Scheme scheme;
  private final int hashBits;

  SignatureAlgorithm(Scheme scheme, int hashBits) {
    this.scheme = scheme;
    this.hashBits = hashBits;
  }

  /**
   * Returns the JCA name of the hash: {@code "SHA-256"}, {@code "SHA-384"} or {@code "SHA-512"}.
   */
  public String digestName() {
    return "SHA-" + hashBits;
  }

  /** Returns the length in bytes of the hash, which is also the RSA-PSS salt length. */
  public int digestLength() {
    return hashBits / 8;
  }

  /** Returns the key family that can make and check these signatures. */
  public KeyFamily keyFamily() {
    return scheme == Scheme.ECDSA ? KeyFamily.EC : KeyFamily.RSA;
  }

  /** Parses an algorithm name, ignoring case; anything else yields empty. */
  public static Optional<SignatureAlgorithm> parse(String name) {
    if (name == null) {
      return Optional.empty();
    }
    return Arrays.stream(values()).filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
  }

  Scheme scheme() {
    return scheme;
  }

  /** The JCA name of the message (hash-then-sign) signature. */
  String jcaName() {
    String hash = "SHA" + hashBits;
    return switch (scheme) {
      case RSA_PSS -> "RSASSA-PSS";
      case RSA_PKCS1 -> hash + "withRSA";
      case ECDSA -> hash + "withECDSA";
    };
  }

  /**
   * The DER prefix of the PKCS#1 v1.5 DigestInfo for this hash (RFC 8017, section 9.2, note 1); the
   * full DigestInfo is this prefix followed by the hash.
   */
  byte[] digestInfoPrefix() {
    String hex =
        switch (hashBits) {
          case 256 -> "3031300d060960864801650304020105000420";
          case 384 -> "3041300d060960864801650304020205000430";
          case 512 -> "3051300d060960864801650304020305000440";
          default -> throw new AssertionError(hashBits);
        };
    return HexFormat.of().parseHex(hex);
  }
}
