package io.clavis.core.crypto;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * One share of a secret split by {@link Shamir}: the evaluation point {@code x} (1..255) and the
 * polynomial values {@code y}, one byte per secret byte.
 *
 * <p>Shares are secret material: {@link #toString()} hides {@code y}, {@link #y()} returns a copy,
 * and equality is not content-based (the array is compared by identity, and each share holds its
 * own copy), as for {@link SecretBytes}.
 */
public record Share(int x, byte[] y) {

  /**
   * Creates a share, copying {@code y}.
   *
   * @throws IllegalArgumentException if {@code x} is outside 1..255 or {@code y} is empty
   */
  public Share {
    if (x < 1 || x > 255) {
      throw new IllegalArgumentException("share x must be in 1..255");
    }
    Objects.requireNonNull(y, "y");
    if (y.length == 0) {
      throw new IllegalArgumentException("share y must not be empty");
    }
    y = y.clone();
  }

  /** Returns a copy of the share values. */
  @Override
  public byte[] y() {
    return y.clone();
  }

  /** Returns the number of value bytes, which equals the length of the secret. */
  public int length() {
    return y.length;
  }

  /** Encodes as standard base64 (with padding) of {@code x (1 byte) || y}. */
  public String encode() {
    byte[] raw = new byte[1 + y.length];
    raw[0] = (byte) x;
    System.arraycopy(y, 0, raw, 1, y.length);
    try {
      return Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Decodes the output of {@link #encode()}; surrounding whitespace is ignored.
   *
   * @throws IllegalArgumentException if {@code encoded} is not canonical base64 of at least two
   *     bytes with a non-zero first byte
   */
  public static Share decode(String encoded) {
    Objects.requireNonNull(encoded, "encoded");
    String text = encoded.strip();
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("share is not valid base64");
    }
    try {
      // The JDK decoder tolerates missing padding and non-zero trailing bits; a share typed in by
      // hand with such a slip would silently decode to different bytes, so insist on the one form.
      if (!Base64.getEncoder().encodeToString(raw).equals(text)) {
        throw new IllegalArgumentException("share is not canonical base64");
      }
      if (raw.length < 2) {
        throw new IllegalArgumentException("share is too short");
      }
      int x = raw[0] & 0xff;
      if (x == 0) {
        throw new IllegalArgumentException("share x must not be 0");
      }
      byte[] y = Arrays.copyOfRange(raw, 1, raw.length);
      try {
        return new Share(x, y);
      } finally {
        Arrays.fill(y, (byte) 0);
      }
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "Share[x=" + x + ", redacted, " + y.length + " bytes]";
  }
}
