package io.clavis.core.policy;

/**
 * One word or symbol of a statement, with the position error messages quote.
 *
 * @param kind what sort of token
 * @param text the token as written (quotes and slashes included); null at the end
 * @param value the unquoted value of a string, the body of a pattern, else {@code text}
 * @param position the 1-based index of its first character; the statement length + 1 at the end
 */
record Token(Kind kind, String text, String value, int position) {

  /** The sorts of token. */
  enum Kind {
    /** A run of characters up to whitespace or one of {@code , { } = !}. */
    WORD,
    /** A single-quoted string. */
    STRING,
    /** A {@code /pattern/}. */
    PATTERN,
    COMMA,
    OPEN_BRACE,
    CLOSE_BRACE,
    EQUAL,
    NOT_EQUAL,
    /** A {@code !} not followed by {@code =}. */
    OTHER,
    /** The end of the statement. */
    END
  }

  /** Whether this is the end of the statement. */
  boolean isEnd() {
    return kind == Kind.END;
  }

  /** Whether this is the word {@code keyword} (given in lower case), ignoring ASCII case. */
  boolean is(String keyword) {
    return kind == Kind.WORD && Ascii.equalsIgnoreCase(text, keyword);
  }
}
