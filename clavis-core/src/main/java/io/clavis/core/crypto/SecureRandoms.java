package io.clavis.core.crypto;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The source of randomness for keys, nonces and salts.
 *
 * <p>A few NIST SP 800-90A Hash_DRBGs (SHA-256, 256-bit strength), instantiated once from the
 * operating system's entropy, each thread drawing from one chosen by its id. Nonces are drawn on
 * every encryption: one shared generator would serialise every caller behind one lock (the JDK's
 * {@code NativePRNG} also makes a {@code /dev/urandom} read under it), and a generator per thread
 * would be instantiated again for every short-lived (virtual) thread. Each DRBG is thread-safe.
 * Where DRBG is not available the platform default is used.
 */
public final class SecureRandoms {
  private static final SecureRandom[] STRIPES = createStripes();

  private SecureRandoms() {}

  private static SecureRandom[] createStripes() {
    // a power of two, at least four per core
    int n =
        Integer.highestOneBit(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()) - 1) << 1;
    SecureRandom[] stripes = new SecureRandom[n];
    for (int i = 0; i < n; i++) {
      stripes[i] = create();
    }
    return stripes;
  }

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** Returns {@code n} fresh random bytes. */
  public static byte[] bytes(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("n must not be negative");
    }
    byte[] out = new byte[n];
    current().nextBytes(out);
    return out;
  }

  /**
   * Returns a generator for the calling thread, for JCA calls that take one (key pair generation,
   * signing). It is thread-safe; do not reseed it.
   */
  public static SecureRandom current() {
    return STRIPES[(int) (Thread.currentThread().threadId() & (STRIPES.length - 1))];
  }
}
