package io.clavis.core.policy;

/**
 * Case folding restricted to ASCII letters.
 *
 * <p>Keywords and variable names are case-insensitive, but {@link String#toLowerCase} and {@link
 * String#equalsIgnoreCase} also fold some non-ASCII characters onto ASCII ones (the Kelvin sign
 * onto {@code k}, the long s onto {@code s}) and depend on the locale. A policy that looks
 * unfamiliar must not silently parse as a familiar keyword, so only {@code A-Z} are folded here.
 */
final class Ascii {
  private Ascii() {}

  /** Returns {@code text} with {@code A-Z} replaced by {@code a-z} and every other char kept. */
  static String toLowerCase(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] chars = text.toCharArray();
        for (int j = i; j < chars.length; j++) {
          chars[j] = lower(chars[j]);
        }
        return new String(chars);
      }
    }
    return text;
  }

  /** Whether {@code text} equals {@code lowerCase} once its ASCII letters are folded. */
  static boolean equalsIgnoreCase(String text, String lowerCase) {
    if (text.length() != lowerCase.length()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (lower(text.charAt(i)) != lowerCase.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static char lower(char c) {
    return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
  }
}
