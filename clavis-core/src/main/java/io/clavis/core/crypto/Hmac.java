package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) with full-length tags.
 *
 * <p>Truncated tags are not accepted: {@link #verify} requires exactly {@link
 * HmacAlgorithm#tagLength()} bytes, so a client cannot weaken a check by sending a prefix of the
 * tag. Instances are immutable and thread-safe; construction is cheap.
 */
public final class Hmac {
  /** Shortest key accepted: 128 bits, the security level below which HMAC keys are guessable. */
  public static final int MIN_KEY_LENGTH = 16;

  private static final Map<HmacAlgorithm, EngineCache<Mac>> MACS =
      new EnumMap<>(HmacAlgorithm.class);

  static {
    for (HmacAlgorithm alg : HmacAlgorithm.values()) {
      MACS.put(alg, new EngineCache<>(() -> Mac.getInstance(alg.jcaName())));
    }
  }

  private final HmacAlgorithm algorithm;
  private final SecretKeySpec key;

  /**
   * Creates the primitive.
   *
   * @throws IllegalArgumentException if the key is shorter than {@link #MIN_KEY_LENGTH}
   */
  public Hmac(HmacAlgorithm algorithm, SecretBytes key) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    if (key.size() < MIN_KEY_LENGTH) {
      throw new IllegalArgumentException("HMAC key must be at least 16 bytes");
    }
    this.key = key.toKeySpec(algorithm.jcaName());
  }

  /** Returns the algorithm. */
  public HmacAlgorithm algorithm() {
    return algorithm;
  }

  /** Computes the full-length tag of {@code message}. */
  public byte[] compute(byte[] message) {
    Objects.requireNonNull(message, "message");
    EngineCache<Mac> cache = MACS.get(algorithm);
    Mac mac = cache.acquire();
    try {
      mac.init(key);
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC computation failed", e);
    } finally {
      cache.release(mac);
    }
  }

  /**
   * Checks {@code tag} against {@code message} in constant time. Returns {@code false} for a tag of
   * any other length than {@link HmacAlgorithm#tagLength()}.
   */
  public boolean verify(byte[] message, byte[] tag) {
    Objects.requireNonNull(tag, "tag");
    byte[] expected = compute(message);
    return tag.length == expected.length && MessageDigest.isEqual(expected, tag);
  }

  @Override
  public String toString() {
    return "Hmac[" + algorithm + "]";
  }
}
