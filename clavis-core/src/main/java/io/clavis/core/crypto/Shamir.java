package io.clavis.core.crypto;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Shamir's secret sharing over GF(2^8), byte by byte.
 *
 * <p>Each secret byte is the constant term of its own random polynomial of degree {@code threshold
 * - 1}; share {@code x} holds the polynomials' values at {@code x}. Any {@code threshold} shares
 * determine the polynomials by Lagrange interpolation; fewer reveal nothing about the secret (every
 * secret is equally consistent with them). Shares carry no integrity check: combining too few, or a
 * corrupted one, yields a wrong secret without an error, so the caller must verify the result (for
 * example by unwrapping something under it).
 */
public final class Shamir {
  /** At most 255 shares: the evaluation points are the non-zero field elements. */
  public static final int MAX_SHARES = 255;

  private Shamir() {}

  /**
   * Splits {@code secret} into {@code shares} shares, any {@code threshold} of which reconstruct
   * it. The shares have x = 1..shares.
   *
   * @throws IllegalArgumentException unless {@code 1 <= threshold <= shares <= 255} and the secret
   *     is not empty
   */
  public static List<Share> split(byte[] secret, int shares, int threshold) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length == 0) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    if (threshold < 1 || threshold > shares || shares > MAX_SHARES) {
      throw new IllegalArgumentException("need 1 <= threshold <= shares <= 255");
    }
    // coefficients[i * threshold + k] is the coefficient of x^k in the polynomial for byte i.
    byte[] coefficients = SecureRandoms.bytes(secret.length * threshold);
    byte[] y = new byte[secret.length];
    try {
      for (int i = 0; i < secret.length; i++) {
        coefficients[i * threshold] = secret[i];
      }
      List<Share> result = new ArrayList<>(shares);
      for (int x = 1; x <= shares; x++) {
        for (int i = 0; i < secret.length; i++) {
          y[i] = (byte) evaluate(coefficients, i * threshold, threshold, x);
        }
        result.add(new Share(x, y));
      }
      return List.copyOf(result);
    } finally {
      Arrays.fill(coefficients, (byte) 0);
      Arrays.fill(y, (byte) 0);
    }
  }

  /**
   * Reconstructs the secret from at least {@code threshold} shares (passing more is fine). With
   * fewer shares the result is a wrong value, not an error.
   *
   * @throws IllegalArgumentException if the list is empty, two shares have the same x, or the
   *     shares differ in length
   */
  public static byte[] combine(List<Share> shares) {
    Objects.requireNonNull(shares, "shares");
    if (shares.isEmpty()) {
      throw new IllegalArgumentException("need at least one share");
    }
    int n = shares.size();
    int length = shares.get(0).length();
    int[] xs = new int[n];
    boolean[] seen = new boolean[256];
    for (int i = 0; i < n; i++) {
      Share share = Objects.requireNonNull(shares.get(i), "share");
      if (share.length() != length) {
        throw new IllegalArgumentException("shares differ in length");
      }
      xs[i] = share.x(); // 1..255, enforced by Share
      if (seen[xs[i]]) {
        throw new IllegalArgumentException("duplicate share x");
      }
      seen[xs[i]] = true;
    }
    byte[] secret = new byte[length];
    for (int i = 0; i < n; i++) {
      int basis = lagrangeBasisAtZero(xs, i);
      byte[] y = shares.get(i).y();
      for (int k = 0; k < length; k++) {
        secret[k] ^= (byte) Gf256.mul(basis, y[k] & 0xff);
      }
      Arrays.fill(y, (byte) 0);
    }
    return secret;
  }

  /** Horner evaluation of the polynomial stored at {@code coefficients[offset..offset+degree]}. */
  private static int evaluate(byte[] coefficients, int offset, int count, int x) {
    int result = 0;
    for (int k = count - 1; k >= 0; k--) {
      result = Gf256.add(Gf256.mul(result, x), coefficients[offset + k] & 0xff);
    }
    return result;
  }

  /** l_i(0) = prod_{j != i} x_j / (x_j - x_i); subtraction is XOR in GF(2^8). */
  private static int lagrangeBasisAtZero(int[] xs, int i) {
    int numerator = 1;
    int denominator = 1;
    for (int j = 0; j < xs.length; j++) {
      if (j != i) {
        numerator = Gf256.mul(numerator, xs[j]);
        denominator = Gf256.mul(denominator, Gf256.add(xs[j], xs[i]));
      }
    }
    return Gf256.div(numerator, denominator);
  }
}
