package io.clavis.core.policy;

import java.io.Serial;

/**
 * A statement that does not follow the policy grammar or exceeds a {@linkplain PolicyLimits limit}.
 *
 * <p>The message is meant for the administrator who wrote the statement: it says what was expected
 * and quotes the offending word with its position, in one consistent shape ({@code expected a verb
 * (inspect, read, use, manage) but found 'usee' at position 17}). Quoted words are cut to 40
 * characters and their control characters escaped, so that messages stay readable and safe to log.
 */
public final class PolicySyntaxException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  private static final int MAX_QUOTED = 40;

  /** The 1-based position of the offending word, or the statement length + 1. */
  private final int position;

  /** The offending word, or null at the end of the statement. */
  private final String found;

  PolicySyntaxException(String message, int position, String found) {
    super(message);
    this.position = position;
    this.found = found;
  }

  /**
   * Returns the 1-based index of the first character of the offending word, or the statement length
   * + 1 if the statement ended too early.
   */
  public int position() {
    return position;
  }

  /** Returns the offending word as written, or null if the statement ended too early. */
  public String found() {
    return found;
  }

  /** {@code <requirement> but found 'x' at position n}, or {@code ... but the statement ends}. */
  static PolicySyntaxException mismatch(String requirement, Token token) {
    String tail =
        token.isEnd()
            ? " but the statement ends at position " + token.position()
            : " but found " + quote(token.text()) + " at position " + token.position();
    return new PolicySyntaxException(requirement + tail, token.position(), token.text());
  }

  /** {@code expected <what> but found 'x' at position n}. */
  static PolicySyntaxException expected(String what, Token token) {
    return mismatch("expected " + what, token);
  }

  /** {@code <problem> 'x' at position n}, for problems with the word itself. */
  static PolicySyntaxException about(String problem, Token token) {
    return new PolicySyntaxException(
        problem + " " + quote(token.text()) + " at position " + token.position(),
        token.position(),
        token.text());
  }

  /** {@code <problem> at position n}, for limits reached at a word. */
  static PolicySyntaxException limit(String problem, Token token) {
    return new PolicySyntaxException(
        problem + " at position " + token.position(), token.position(), token.text());
  }

  /**
   * Returns {@code word} between single quotes, cut to 40 characters (then followed by {@code
   * ...}), with control and formatting characters written as {@code \}{@code uXXXX}.
   */
  static String quote(String word) {
    if (word == null) {
      return "null";
    }
    int end = Math.min(word.length(), MAX_QUOTED);
    if (end < word.length() && Character.isHighSurrogate(word.charAt(end - 1))) {
      end--;
    }
    StringBuilder quoted = new StringBuilder(end + 8).append('\'');
    for (int i = 0; i < end; i++) {
      char c = word.charAt(i);
      if (isInvisible(c)) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    if (end < word.length()) {
      quoted.append("...");
    }
    return quoted.append('\'').toString();
  }

  private static boolean isInvisible(char c) {
    int type = Character.getType(c);
    return Character.isISOControl(c)
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR;
  }
}
