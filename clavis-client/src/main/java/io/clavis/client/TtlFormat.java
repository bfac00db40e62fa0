package io.clavis.client;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The duration syntax of the API ({@code "90s"}, {@code "30m"}, {@code "12h"}, {@code "7d"}, or a
 * bare number of seconds), used for token lifetimes.
 */
public final class TtlFormat {
  private TtlFormat() {}

  /**
   * Formats a positive whole number of seconds with the largest unit that divides it exactly:
   * {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d}.
   *
   * @throws IllegalArgumentException if the duration is not positive or has a fraction of a second
   */
  public static String format(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    if (ttl.getNano() != 0) {
      throw new IllegalArgumentException("ttl must be a whole number of seconds: " + ttl);
    }
    long s = ttl.getSeconds();
    if (s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s % 3_600 == 0) {
      return s / 3_600 + "h";
    }
    if (s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }

  /**
   * Parses {@code <n>s|m|h|d} or a bare number of seconds.
   *
   * @throws IllegalArgumentException if the text is not such a positive duration
   */
  public static Duration parse(String text) {
    Objects.requireNonNull(text, "text");
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (t.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    char last = t.charAt(t.length() - 1);
    long unitSeconds =
        switch (last) {
          case 's' -> 1;
          case 'm' -> 60;
          case 'h' -> 3_600;
          case 'd' -> 86_400;
          default -> 0;
        };
    boolean bare = unitSeconds == 0; // no unit: a number of seconds
    String digits = bare ? t : t.substring(0, t.length() - 1);
    if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "' (expected e.g. 90s, 30m, 12h, 7d or seconds)");
    }
    long n;
    try {
      n = Long.parseLong(digits);
      Duration d = Duration.ofSeconds(Math.multiplyExact(n, bare ? 1 : unitSeconds));
      if (d.isZero()) {
        throw new IllegalArgumentException("duration must be positive: '" + text + "'");
      }
      return d;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("duration too large: '" + text + "'", e);
    }
  }
}
