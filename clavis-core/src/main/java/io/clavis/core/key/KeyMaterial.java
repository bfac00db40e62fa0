package io.clavis.core.key;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SecureRandoms;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.Objects;

/**
 * The material of one key version: what is generated, wrapped under the root key, stored, and
 * rebuilt after unwrapping.
 *
 * <p>The secret is the raw key for AES and HMAC, and the PKCS#8 DER of the private key for RSA and
 * EC; the public key travels beside it as X.509 SubjectPublicKeyInfo DER. JCA key objects are
 * parsed on first use and cached, so a cached {@code KeyMaterial} is cheap to use repeatedly.
 * Instances are immutable and thread-safe; equality is identity and {@link #toString()} shows no
 * key material.
 */
public final class KeyMaterial {
  private final KeyAlgorithm algorithm;
  private final SecretBytes secret;
  private final byte[] publicKeyDer;

  // Benign races: two threads may both parse, and either result is equally good.
  private volatile PrivateKey privateKey;
  private volatile PublicKey publicKey;

  private KeyMaterial(
      KeyAlgorithm algorithm,
      SecretBytes secret,
      byte[] publicKeyDer,
      PrivateKey privateKey,
      PublicKey publicKey) {
    this.algorithm = algorithm;
    this.secret = secret;
    this.publicKeyDer = publicKeyDer;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Generates a new key: random bytes of {@code bits/8} for AES and HMAC, an RSA key pair with
   * public exponent 65537, or an EC key pair on the named curve.
   */
  public static KeyMaterial generate(KeyAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (!algorithm.isKey()) {
      throw new IllegalArgumentException(algorithm + " is registered, never generated");
    }
    if (!algorithm.isAsymmetric()) {
      return new KeyMaterial(algorithm, SecretBytes.random(algorithm.bits() / 8), null, null, null);
    }
    KeyPair pair;
    try {
      if (algorithm.family() == KeyFamily.RSA) {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(
            new RSAKeyGenParameterSpec(algorithm.bits(), RSAKeyGenParameterSpec.F4),
            SecureRandoms.current());
        pair = generator.generateKeyPair();
      } else {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(
            new ECGenParameterSpec(algorithm.curveName()), SecureRandoms.current());
        pair = generator.generateKeyPair();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate " + algorithm + " key", e);
    }
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    try {
      return new KeyMaterial(
          algorithm,
          SecretBytes.copyOf(pkcs8),
          pair.getPublic().getEncoded(),
          pair.getPrivate(),
          pair.getPublic());
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * Rebuilds key material from its stored parts. The keys are parsed lazily, so a damaged private
   * key is reported by {@link #privateKey()}, not here.
   *
   * @param secret the raw key ({@code bits/8} bytes), the PKCS#8 DER of the private key, or the
   *     registered bytes of a data object (1 to {@link KeyAlgorithm#MAX_DATA_BYTES})
   * @param publicKeyDer SubjectPublicKeyInfo DER for RSA and EC, {@code null} otherwise
   * @throws IllegalArgumentException if the parts do not fit the algorithm
   */
  public static KeyMaterial fromSecret(
      KeyAlgorithm algorithm, SecretBytes secret, byte[] publicKeyDer) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(secret, "secret");
    if (algorithm.isAsymmetric()) {
      if (publicKeyDer == null || publicKeyDer.length == 0) {
        throw new IllegalArgumentException(algorithm + " needs a public key");
      }
      if (secret.size() == 0) {
        throw new IllegalArgumentException(algorithm + " needs a private key");
      }
      return new KeyMaterial(algorithm, secret, publicKeyDer.clone(), null, null);
    }
    if (publicKeyDer != null) {
      throw new IllegalArgumentException(algorithm + " has no public key");
    }
    if (!algorithm.isKey()) {
      if (secret.size() == 0 || secret.size() > KeyAlgorithm.MAX_DATA_BYTES) {
        throw new IllegalArgumentException(
            algorithm + " holds 1 to " + KeyAlgorithm.MAX_DATA_BYTES + " bytes");
      }
      return new KeyMaterial(algorithm, secret, null, null, null);
    }
    if (secret.size() != algorithm.bits() / 8) {
      throw new IllegalArgumentException(
          algorithm + " needs a " + algorithm.bits() / 8 + "-byte key");
    }
    return new KeyMaterial(algorithm, secret, null, null, null);
  }

  /** Returns the algorithm. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns the secret part: the raw symmetric key, the PKCS#8 DER of the private key, or the bytes
   * of a data object.
   */
  public SecretBytes secret() {
    return secret;
  }

  /** Returns a copy of the SubjectPublicKeyInfo DER, or {@code null} for symmetric keys. */
  public byte[] publicKeyDer() {
    return publicKeyDer == null ? null : publicKeyDer.clone();
  }

  /**
   * Returns the private key.
   *
   * @throws IllegalStateException for symmetric keys, or if the stored key cannot be parsed
   */
  public PrivateKey privateKey() {
    PrivateKey key = privateKey;
    if (key == null) {
      requireAsymmetric();
      byte[] pkcs8 = secret.toByteArray(SecretAccess.get());
      try {
        String jcaName = algorithm.family() == KeyFamily.RSA ? "RSA" : "EC";
        key = KeyFactory.getInstance(jcaName).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // No cause: parser messages may quote the input.
        throw new IllegalStateException("stored " + algorithm + " private key cannot be parsed");
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
      privateKey = key;
    }
    return key;
  }

  /**
   * Returns the public key.
   *
   * @throws IllegalStateException for symmetric keys, or if the stored key does not parse as a key
   *     of this algorithm
   */
  public PublicKey publicKey() {
    PublicKey key = publicKey;
    if (key == null) {
      requireAsymmetric();
      try {
        key = PublicKeys.parse(algorithm, publicKeyDer);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("stored " + algorithm + " public key cannot be parsed", e);
      }
      publicKey = key;
    }
    return key;
  }

  private void requireAsymmetric() {
    if (!algorithm.isAsymmetric()) {
      throw new IllegalStateException(algorithm + " is a symmetric key");
    }
  }

  @Override
  public String toString() {
    return "KeyMaterial[" + algorithm + ", secret redacted]";
  }
}
