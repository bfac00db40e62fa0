package io.clavis.core.policy;

/**
 * Matching of {@code /pattern/} values, where {@code '*'} stands for any run of characters
 * (including none) and every other character stands for itself.
 *
 * <p>Deliberately not a regular expression: patterns come from administrators and run on every
 * request, so they must be impossible to get subtly wrong and must not backtrack exponentially.
 * This matcher allocates nothing and takes at most O(pattern × value) steps.
 */
final class Glob {
  private Glob() {}

  /** Whether {@code value} matches {@code pattern} as a whole. */
  static boolean matches(String pattern, String value) {
    int p = 0;
    int v = 0;
    int star = -1; // index in pattern of the last '*' seen
    int resume = 0; // index in value where that '*' currently stops absorbing
    while (v < value.length()) {
      if (p < pattern.length() && pattern.charAt(p) == '*') {
        star = p++;
        resume = v;
      } else if (p < pattern.length() && pattern.charAt(p) == value.charAt(v)) {
        p++;
        v++;
      } else if (star >= 0) {
        // Let the last '*' absorb one more character and retry the rest after it.
        p = star + 1;
        v = ++resume;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }
}
