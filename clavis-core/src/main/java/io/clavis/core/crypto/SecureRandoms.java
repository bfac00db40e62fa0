package io.clavis.core.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * The process-wide source of randomness for keys, nonces and salts.
 *
 * <p>{@code NativePRNGNonBlocking} reads {@code /dev/urandom}, which never blocks once the kernel
 * pool is seeded and is thread-safe without a global lock; a server must not stall on entropy.
 * Where it does not exist (Windows) the platform default is used.
 */
public final class SecureRandoms {
  private static final SecureRandom SHARED = create();

  private SecureRandoms() {}

  private static SecureRandom create() {
    try {
      return SecureRandom.getInstance("NativePRNGNonBlocking");
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
    SHARED.nextBytes(out);
    return out;
  }

  /**
   * Returns the shared generator, for JCA calls that take one (key pair generation, signing). It is
   * thread-safe; do not reseed it.
   */
  public static SecureRandom shared() {
    return SHARED;
  }
}
