package io.clavis.core.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the condition after {@code where}, counting comparisons and nesting against the
 * {@linkplain PolicyLimits limits} as it goes, so that an oversized condition is refused at the
 * word that crosses the limit.
 */
final class ConditionParser {
  private static final String CONDITION = "a condition (a variable, 'all' or 'any')";

  private final Tokenizer tokens;
  private int comparisons;

  ConditionParser(Tokenizer tokens) {
    this.tokens = tokens;
  }

  /** Parses one condition, leaving whatever follows it to the caller. */
  Condition parse() {
    return condition(0);
  }

  /**
   * Parses a comparison or a group.
   *
   * @param enclosing how many groups enclose this condition
   */
  private Condition condition(int enclosing) {
    Token token = tokens.next();
    boolean all = token.is("all");
    if (all || token.is("any")) {
      return group(all, token, enclosing);
    }
    if (token.kind() != Token.Kind.WORD) {
      throw PolicySyntaxException.expected(CONDITION, token);
    }
    String variable = Ascii.toLowerCase(token.text());
    if (!ConditionVariables.isKnown(variable)) {
      throw PolicySyntaxException.about("unknown variable", token);
    }
    if (++comparisons > PolicyLimits.MAX_COMPARISONS) {
      throw PolicySyntaxException.limit(
          "statement has more than " + PolicyLimits.MAX_COMPARISONS + " comparisons", token);
    }
    Token operator = tokens.next();
    if (operator.kind() != Token.Kind.EQUAL && operator.kind() != Token.Kind.NOT_EQUAL) {
      throw PolicySyntaxException.expected("'=' or '!='", operator);
    }
    Token value = tokens.next();
    if (value.kind() != Token.Kind.STRING && value.kind() != Token.Kind.PATTERN) {
      throw PolicySyntaxException.expected("a quoted value or /pattern/", value);
    }
    return new Condition.Comparison(
        variable,
        operator.kind() == Token.Kind.EQUAL,
        value.value(),
        value.kind() == Token.Kind.PATTERN);
  }

  private Condition group(boolean all, Token keyword, int enclosing) {
    if (enclosing == PolicyLimits.MAX_CONDITION_DEPTH) {
      throw PolicySyntaxException.limit(
          "conditions nest deeper than " + PolicyLimits.MAX_CONDITION_DEPTH + " levels", keyword);
    }
    Token open = tokens.next();
    if (open.kind() != Token.Kind.OPEN_BRACE) {
      throw PolicySyntaxException.expected("'{'", open);
    }
    List<Condition> conditions = new ArrayList<>();
    do {
      conditions.add(condition(enclosing + 1));
    } while (tokens.accept(Token.Kind.COMMA));
    Token close = tokens.next();
    if (close.kind() != Token.Kind.CLOSE_BRACE) {
      throw PolicySyntaxException.expected("',' or '}'", close);
    }
    return all ? new Condition.All(conditions) : new Condition.Any(conditions);
  }
}
