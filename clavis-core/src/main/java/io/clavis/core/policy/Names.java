package io.clavis.core.policy;

/**
 * The syntax shared by principal names, group names, compartment names and compartment ids: 1 to
 * 128 ASCII letters, digits, {@code '-'}, {@code '_'} and {@code '.'} (the server's own rule for
 * names). Keeping policy names to the same alphabet means every name the server accepts can be
 * written in a policy, and nothing in a policy can be confused with punctuation.
 */
final class Names {
  /** The longest name or id. */
  static final int MAX_LENGTH = 128;

  /** How the rule reads in error messages. */
  static final String RULE = "1-128 letters, digits, '-', '_', '.'";

  private Names() {}

  /** Whether {@code text} is a valid name or id; false for null. */
  static boolean isValid(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code text} if valid, else throws naming {@code what} it was meant to be. */
  static String require(String what, String text) {
    if (!isValid(text)) {
      throw new IllegalArgumentException(
          what + " must be " + RULE + ", not " + PolicySyntaxException.quote(text));
    }
    return text;
  }
}
