package io.clavis.core.policy;

/**
 * Splits a statement into {@link Token}s on demand, one token ahead of the parser.
 *
 * <p>Tokens are read lazily so that a lexical error (an unterminated string) is reported only if
 * the parser gets that far, and errors come out in the order the statement reads.
 *
 * <p>A word runs up to whitespace or one of {@code , { } = !}, so that a misspelt or invalid word
 * ({@code apps#}) is quoted whole in the error rather than cut at the first odd character. Quotes
 * and slashes only start a string or a pattern at the beginning of a token.
 */
final class Tokenizer {
  private final String text;
  private int index;
  private Token lookahead;

  Tokenizer(String text) {
    this.text = text;
  }

  /** Returns the next token without consuming it. */
  Token peek() {
    if (lookahead == null) {
      lookahead = read();
    }
    return lookahead;
  }

  /** Returns the next token and consumes it. */
  Token next() {
    Token token = peek();
    lookahead = null;
    return token;
  }

  /** Consumes the next token if it is of this kind, and says whether it did. */
  boolean accept(Token.Kind kind) {
    if (peek().kind() != kind) {
      return false;
    }
    next();
    return true;
  }

  private Token read() {
    while (index < text.length() && isWhitespace(text.charAt(index))) {
      index++;
    }
    int start = index;
    if (start == text.length()) {
      return new Token(Token.Kind.END, null, null, start + 1);
    }
    return switch (text.charAt(start)) {
      case ',' -> symbol(Token.Kind.COMMA, 1);
      case '{' -> symbol(Token.Kind.OPEN_BRACE, 1);
      case '}' -> symbol(Token.Kind.CLOSE_BRACE, 1);
      case '=' -> symbol(Token.Kind.EQUAL, 1);
      case '!' ->
          start + 1 < text.length() && text.charAt(start + 1) == '='
              ? symbol(Token.Kind.NOT_EQUAL, 2)
              : symbol(Token.Kind.OTHER, 1);
      case '\'' -> string();
      case '/' -> pattern();
      default -> word();
    };
  }

  private Token symbol(Token.Kind kind, int length) {
    int start = index;
    index += length;
    String symbol = text.substring(start, index);
    return new Token(kind, symbol, symbol, start + 1);
  }

  private Token word() {
    int start = index;
    while (index < text.length()
        && !isWhitespace(text.charAt(index))
        && !isDelimiter(text.charAt(index))) {
      index++;
    }
    String word = text.substring(start, index);
    return new Token(Token.Kind.WORD, word, word, start + 1);
  }

  /** A single-quoted string, in which {@code ''} stands for one quote. */
  private Token string() {
    int start = index;
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      int quote = text.indexOf('\'', i);
      if (quote < 0) {
        throw unterminated("string", start);
      }
      value.append(text, i, quote);
      if (quote + 1 < text.length() && text.charAt(quote + 1) == '\'') {
        value.append('\'');
        i = quote + 2;
      } else {
        index = quote + 1;
        return new Token(
            Token.Kind.STRING, text.substring(start, index), value.toString(), start + 1);
      }
    }
  }

  /** A pattern between slashes; it cannot contain a slash. */
  private Token pattern() {
    int start = index;
    int slash = text.indexOf('/', start + 1);
    if (slash < 0) {
      throw unterminated("pattern", start);
    }
    index = slash + 1;
    return new Token(
        Token.Kind.PATTERN,
        text.substring(start, index),
        text.substring(start + 1, slash),
        start + 1);
  }

  private PolicySyntaxException unterminated(String what, int start) {
    return new PolicySyntaxException(
        "unterminated " + what + " starting at position " + (start + 1),
        start + 1,
        text.substring(start));
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isDelimiter(char c) {
    return c == ',' || c == '{' || c == '}' || c == '=' || c == '!';
  }
}
