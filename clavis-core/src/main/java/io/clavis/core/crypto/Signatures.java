package io.clavis.core.crypto;

import io.clavis.core.key.KeyFamily;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;

/**
 * Creates and checks signatures over a message or over its precomputed hash.
 *
 * <p>{@link #signDigest} produces exactly what {@link #sign} produces for a message with that hash
 * (the same bytes for deterministic RSA PKCS#1 v1.5; a signature the other side verifies for the
 * randomised schemes), so clients may hash large documents themselves. Signing is done by the
 * system's OpenSSL when it can ({@link NativePrivateKeys}): the JDK hashes the message and OpenSSL
 * signs the hash, exactly as the JDK's own schemes would. Otherwise, and for every verification,
 * the JDK does the work, except for pre-hashed RSA-PSS, which the JDK lacks and Bouncy Castle's raw
 * PSS signer provides.
 *
 * <p>{@code verify} and {@code verifyDigest} answer {@code false} for any signature that does not
 * verify, including malformed ones; they throw only for caller errors (wrong key family, wrong
 * digest length).
 */
public final class Signatures {
  private static final Map<SignatureAlgorithm, EngineCache<Signature>> MESSAGE_ENGINES =
      new EnumMap<>(SignatureAlgorithm.class);

  static {
    for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
      MESSAGE_ENGINES.put(alg, new EngineCache<>(() -> newMessageEngine(alg)));
    }
  }

  // Raw RSA for pre-hashed PKCS#1 v1.5 (RSA/ECB/PKCS1Padding in ENCRYPT_MODE with a private key
  // applies the signature padding, block type 1); NONEwithRSA is not in every Java 21 runtime.
  private static final EngineCache<Cipher> RSA_PKCS1_SIGN =
      new EngineCache<>(() -> Cipher.getInstance("RSA/ECB/PKCS1Padding"));
  // Verification recomputes the whole encoded message and compares it, as the JDK's own
  // SHA256withRSA does, instead of parsing the padding.
  private static final EngineCache<Cipher> RSA_RAW =
      new EngineCache<>(() -> Cipher.getInstance("RSA/ECB/NoPadding"));
  // SunEC hashes with SHA*withECDSA and then runs the same code as NONEwithECDSA, including the
  // truncation of a hash longer than the curve order (FIPS 186-5, 6.4.1), so both agree on every
  // curve and hash combination.
  private static final EngineCache<Signature> ECDSA_RAW =
      new EngineCache<>(() -> Signature.getInstance("NONEwithECDSA"));

  private static final Map<SignatureAlgorithm, EngineCache<MessageDigest>> DIGESTS =
      new EnumMap<>(SignatureAlgorithm.class);

  static {
    for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
      DIGESTS.put(alg, new EngineCache<>(() -> MessageDigest.getInstance(alg.digestName())));
    }
  }

  private Signatures() {}

  /** Signs {@code message}. */
  public static byte[] sign(SignatureAlgorithm alg, PrivateKey key, byte[] message) {
    Objects.requireNonNull(message, "message");
    checkKey(alg, key);
    if (NativePrivateKeys.OPERATIONS != null) {
      // OpenSSL signs hashes; signDigest falls back to the JDK's pre-hashed schemes if it cannot.
      return signDigest(alg, key, hash(alg, message));
    }
    EngineCache<Signature> cache = MESSAGE_ENGINES.get(alg);
    Signature engine = cache.acquire();
    try {
      engine.initSign(key, SecureRandoms.current());
      engine.update(message);
      return engine.sign();
    } catch (InvalidKeyException e) {
      throw unusableKey(alg, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing failed", e);
    } finally {
      cache.release(engine);
    }
  }

  /**
   * Signs a precomputed hash; the result verifies with {@link #verify} against any message with
   * that hash.
   *
   * @throws IllegalArgumentException if {@code digest} is not {@link
   *     SignatureAlgorithm#digestLength()} bytes or the key does not fit the algorithm
   */
  public static byte[] signDigest(SignatureAlgorithm alg, PrivateKey key, byte[] digest) {
    checkDigest(alg, digest);
    checkKey(alg, key);
    if (NativePrivateKeys.OPERATIONS != null) {
      byte[] signature = NativePrivateKeys.OPERATIONS.signDigest(key, alg, digest);
      if (signature != null) {
        return signature;
      }
    }
    try {
      return switch (alg.scheme()) {
        case RSA_PKCS1 -> signPkcs1Digest(alg, key, digest);
        case ECDSA -> signEcdsaDigest(key, digest);
        case RSA_PSS -> signPssDigest(alg, (RSAPrivateKey) key, digest);
      };
    } catch (InvalidKeyException e) {
      throw unusableKey(alg, e);
    } catch (GeneralSecurityException | CryptoException e) {
      throw new IllegalStateException("signing failed", e);
    }
  }

  /**
   * Checks a signature over {@code message}.
   *
   * @return whether the signature is valid; {@code false} also for malformed signatures
   * @throws IllegalArgumentException if the key does not fit the algorithm
   */
  public static boolean verify(
      SignatureAlgorithm alg, PublicKey key, byte[] message, byte[] signature) {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    checkKey(alg, key);
    if (alg.scheme() == SignatureAlgorithm.Scheme.ECDSA && !EcdsaDer.isStrictDer(signature)) {
      return false;
    }
    EngineCache<Signature> cache = MESSAGE_ENGINES.get(alg);
    Signature engine = cache.acquire();
    try {
      try {
        engine.initVerify(key);
      } catch (InvalidKeyException e) {
        throw unusableKey(alg, e);
      }
      try {
        engine.update(message);
        return engine.verify(signature);
      } catch (GeneralSecurityException | RuntimeException e) {
        // Providers signal malformed signatures with assorted exceptions; all mean "not valid".
        return false;
      }
    } finally {
      cache.release(engine);
    }
  }

  /**
   * Checks a signature over a precomputed hash; equivalent to {@link #verify} of any message with
   * that hash.
   *
   * @return whether the signature is valid; {@code false} also for malformed signatures
   * @throws IllegalArgumentException if {@code digest} has the wrong length or the key does not fit
   *     the algorithm
   */
  public static boolean verifyDigest(
      SignatureAlgorithm alg, PublicKey key, byte[] digest, byte[] signature) {
    checkDigest(alg, digest);
    Objects.requireNonNull(signature, "signature");
    checkKey(alg, key);
    return switch (alg.scheme()) {
      case RSA_PKCS1 -> verifyPkcs1Digest(alg, (RSAPublicKey) key, digest, signature);
      case ECDSA -> verifyEcdsaDigest(alg, key, digest, signature);
      case RSA_PSS -> verifyPssDigest(alg, (RSAPublicKey) key, digest, signature);
    };
  }

  private static Signature newMessageEngine(SignatureAlgorithm alg)
      throws GeneralSecurityException {
    Signature engine = Signature.getInstance(alg.jcaName());
    if (alg.scheme() == SignatureAlgorithm.Scheme.RSA_PSS) {
      // Set once; the parameters survive re-initialisation with another key.
      engine.setParameter(pssParameters(alg));
    }
    return engine;
  }

  private static PSSParameterSpec pssParameters(SignatureAlgorithm alg) {
    String hash = alg.digestName();
    return new PSSParameterSpec(
        hash,
        "MGF1",
        new MGF1ParameterSpec(hash),
        alg.digestLength(),
        PSSParameterSpec.TRAILER_FIELD_BC);
  }

  private static byte[] signPkcs1Digest(SignatureAlgorithm alg, PrivateKey key, byte[] digest)
      throws GeneralSecurityException {
    byte[] digestInfo = digestInfo(alg, digest);
    Cipher cipher = RSA_PKCS1_SIGN.acquire();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, SecureRandoms.current());
      return cipher.doFinal(digestInfo);
    } finally {
      RSA_PKCS1_SIGN.release(cipher);
    }
  }

  private static boolean verifyPkcs1Digest(
      SignatureAlgorithm alg, RSAPublicKey key, byte[] digest, byte[] signature) {
    int k = (key.getModulus().bitLength() + 7) / 8;
    byte[] expected = pkcs1Encoding(digestInfo(alg, digest), k);
    if (expected == null || signature.length != k) {
      return false;
    }
    Cipher cipher = RSA_RAW.acquire();
    try {
      try {
        cipher.init(Cipher.DECRYPT_MODE, key);
      } catch (InvalidKeyException e) {
        throw unusableKey(alg, e);
      }
      byte[] encoded;
      try {
        encoded = cipher.doFinal(signature);
      } catch (GeneralSecurityException | RuntimeException e) {
        return false; // e.g. the signature is not smaller than the modulus
      }
      return MessageDigest.isEqual(expected, encoded);
    } finally {
      RSA_RAW.release(cipher);
    }
  }

  /** EMSA-PKCS1-v1_5 (RFC 8017, section 9.2): {@code 00 01 FF..FF 00 || T}, or null if too long. */
  private static byte[] pkcs1Encoding(byte[] digestInfo, int k) {
    int padding = k - digestInfo.length - 3;
    if (padding < 8) {
      return null;
    }
    byte[] em = new byte[k];
    em[1] = 0x01;
    Arrays.fill(em, 2, 2 + padding, (byte) 0xff);
    System.arraycopy(digestInfo, 0, em, k - digestInfo.length, digestInfo.length);
    return em;
  }

  private static byte[] digestInfo(SignatureAlgorithm alg, byte[] digest) {
    byte[] prefix = alg.digestInfoPrefix();
    byte[] out = Arrays.copyOf(prefix, prefix.length + digest.length);
    System.arraycopy(digest, 0, out, prefix.length, digest.length);
    return out;
  }

  private static byte[] hash(SignatureAlgorithm alg, byte[] message) {
    EngineCache<MessageDigest> cache = DIGESTS.get(alg);
    MessageDigest digest = cache.acquire();
    try {
      return digest.digest(message);
    } finally {
      cache.release(digest);
    }
  }

  private static byte[] signEcdsaDigest(PrivateKey key, byte[] digest)
      throws GeneralSecurityException {
    Signature engine = ECDSA_RAW.acquire();
    try {
      engine.initSign(key, SecureRandoms.current());
      engine.update(digest);
      return engine.sign();
    } finally {
      ECDSA_RAW.release(engine);
    }
  }

  private static boolean verifyEcdsaDigest(
      SignatureAlgorithm alg, PublicKey key, byte[] digest, byte[] signature) {
    if (!EcdsaDer.isStrictDer(signature)) {
      return false;
    }
    Signature engine = ECDSA_RAW.acquire();
    try {
      try {
        engine.initVerify(key);
      } catch (InvalidKeyException e) {
        throw unusableKey(alg, e);
      }
      try {
        engine.update(digest);
        return engine.verify(signature);
      } catch (GeneralSecurityException | RuntimeException e) {
        return false; // malformed DER, r or s out of range, ...
      }
    } finally {
      ECDSA_RAW.release(engine);
    }
  }

  private static byte[] signPssDigest(SignatureAlgorithm alg, RSAPrivateKey key, byte[] digest)
      throws CryptoException {
    PSSSigner signer = rawPssSigner(alg);
    signer.init(true, new ParametersWithRandom(privateParameters(key), SecureRandoms.current()));
    signer.update(digest, 0, digest.length);
    return signer.generateSignature();
  }

  private static boolean verifyPssDigest(
      SignatureAlgorithm alg, RSAPublicKey key, byte[] digest, byte[] signature) {
    PSSSigner verifier = rawPssSigner(alg);
    verifier.init(false, new RSAKeyParameters(false, key.getModulus(), key.getPublicExponent()));
    verifier.update(digest, 0, digest.length);
    try {
      return verifier.verifySignature(signature);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * A PSS signer whose input is the hash itself. The blinded engine hides the private exponent from
   * timing; salt length = hash length and trailer 0xBC match the JDK's RSASSA-PSS above.
   */
  private static PSSSigner rawPssSigner(SignatureAlgorithm alg) {
    return PSSSigner.createRawSigner(
        new RSABlindedEngine(),
        bcDigest(alg),
        bcDigest(alg),
        alg.digestLength(),
        PSSSigner.TRAILER_IMPLICIT);
  }

  private static Digest bcDigest(SignatureAlgorithm alg) {
    return switch (alg.digestLength()) {
      case 32 -> new SHA256Digest();
      case 48 -> new SHA384Digest();
      case 64 -> new SHA512Digest();
      default -> throw new AssertionError(alg);
    };
  }

  private static RSAKeyParameters privateParameters(RSAPrivateKey key) {
    if (key instanceof RSAPrivateCrtKey crt && crt.getPublicExponent() != null) {
      return new RSAPrivateCrtKeyParameters(
          crt.getModulus(),
          crt.getPublicExponent(),
          crt.getPrivateExponent(),
          crt.getPrimeP(),
          crt.getPrimeQ(),
          crt.getPrimeExponentP(),
          crt.getPrimeExponentQ(),
          crt.getCrtCoefficient());
    }
    return new RSAKeyParameters(true, key.getModulus(), key.getPrivateExponent());
  }

  private static void checkDigest(SignatureAlgorithm alg, byte[] digest) {
    Objects.requireNonNull(alg, "alg");
    Objects.requireNonNull(digest, "digest");
    if (digest.length != alg.digestLength()) {
      throw new IllegalArgumentException(
          alg + " needs a " + alg.digestLength() + "-byte digest, got " + digest.length);
    }
  }

  private static void checkKey(SignatureAlgorithm alg, PrivateKey key) {
    Objects.requireNonNull(alg, "alg");
    Objects.requireNonNull(key, "key");
    boolean fits =
        alg.keyFamily() == KeyFamily.RSA
            ? key instanceof RSAPrivateKey
            : key instanceof ECPrivateKey;
    if (!fits) {
      throw new IllegalArgumentException(alg + " needs an " + alg.keyFamily() + " private key");
    }
  }

  private static void checkKey(SignatureAlgorithm alg, PublicKey key) {
    Objects.requireNonNull(alg, "alg");
    Objects.requireNonNull(key, "key");
    boolean fits =
        alg.keyFamily() == KeyFamily.RSA ? key instanceof RSAPublicKey : key instanceof ECPublicKey;
    if (!fits) {
      throw new IllegalArgumentException(alg + " needs an " + alg.keyFamily() + " public key");
    }
  }

  private static IllegalArgumentException unusableKey(SignatureAlgorithm alg, Exception cause) {
    return new IllegalArgumentException("key cannot be used for " + alg, cause);
  }
}
