package io.clavis.core.crypto;

import java.security.DrbgParameters;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The source of randomness for keys, nonces and salts.
 *
 * <p>Each thread has its own NIST SP 800-90A Hash_DRBG (SHA-256, 256-bit strength), instantiated
 * from the operating system's entropy: nonces are drawn on every encryption, and one shared
 * generator serialises every caller behind a single lock (the JDK's {@code NativePRNG} reads {@code
 * /dev/urandom} under one) and a system call. Where DRBG is not available the platform default is
 * used, still one per thread.
 */
public final class SecureRandoms {
  private static final ThreadLocal<SecureRandom> PER_THREAD =
      ThreadLocal.withInitial(SecureRandoms::create);

  private SecureRandoms() {}

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
    PER_THREAD.get().nextBytes(out);
    return out;
  }

  /**
   * Returns this thread's generator, for JCA calls that take one (key pair generation, signing).
   * Use it on the calling thread only; do not reseed it.
   */
  public static SecureRandom current() {
    return PER_THREAD.get();
  }
}
