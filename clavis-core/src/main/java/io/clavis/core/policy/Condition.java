package io.clavis.core.policy;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The optional {@code where} clause of a statement: comparisons of request attributes with values,
 * combined with {@code all { }} and {@code any { }}.
 *
 * <p>There is no negation of a group and a comparison whose variable has no value is false, for
 * {@code =} and {@code !=} alike: a statement grants access only on evidence found in the request,
 * never on the absence of an attribute.
 */
public sealed interface Condition permits Condition.Comparison, Condition.All, Condition.Any {

  /** Whether the condition holds for a request with these attributes (keyed by variable). */
  boolean test(Map<String, String> attributes);

  /** How many {@code all}/{@code any} groups nest here: 0 for a comparison. */
  int depth();

  /** How many comparisons this condition holds. */
  int comparisons();

  /** Returns the statement spelling, with values re-quoted. */
  String canonical();

  /** Returns {@code variable = 'value'}. */
  static Comparison equal(String variable, String value) {
    return new Comparison(variable, true, value, false);
  }

  /** Returns {@code variable != 'value'}. */
  static Comparison notEqual(String variable, String value) {
    return new Comparison(variable, false, value, false);
  }

  /** Returns {@code variable = /pattern/}. */
  static Comparison matching(String variable, String pattern) {
    return new Comparison(variable, true, pattern, true);
  }

  /** Returns {@code variable != /pattern/}. */
  static Comparison notMatching(String variable, String pattern) {
    return new Comparison(variable, false, pattern, true);
  }

  /** Returns {@code all { conditions }}. */
  static All all(Condition... conditions) {
    return new All(List.of(conditions));
  }

  /** Returns {@code any { conditions }}. */
  static Any any(Condition... conditions) {
    return new Any(List.of(conditions));
  }

  /**
   * One comparison of a variable with a value or a pattern.
   *
   * @param variable a {@linkplain ConditionVariables known variable}, folded to lower case
   * @param equal true for {@code =}, false for {@code !=}
   * @param value the unquoted value, or the pattern between its slashes
   * @param pattern whether {@code value} is a pattern in which {@code '*'} matches any run
   */
  record Comparison(String variable, boolean equal, String value, boolean pattern)
      implements Condition {
    /**
     * Folds the variable to lower case and checks it and the value.
     *
     * @throws IllegalArgumentException if the variable is unknown or a pattern contains {@code /}
     */
    public Comparison {
      variable = Ascii.toLowerCase(Objects.requireNonNull(variable, "variable"));
      Objects.requireNonNull(value, "value");
      if (!ConditionVariables.isKnown(variable)) {
        throw new IllegalArgumentException(
            "unknown variable " + PolicySyntaxException.quote(variable));
      }
      if (pattern && value.indexOf('/') >= 0) {
        throw new IllegalArgumentException("a pattern cannot contain '/'");
      }
    }

    @Override
    public boolean test(Map<String, String> attributes) {
      String actual = attributes.get(variable);
      if (actual == null) {
        return false;
      }
      boolean same = pattern ? Glob.matches(value, actual) : value.equals(actual);
      return same == equal;
    }

    @Override
    public int depth() {
      return 0;
    }

    @Override
    public int comparisons() {
      return 1;
    }

    @Override
    public String canonical() {
      String operator = equal ? " = " : " != ";
      String literal = pattern ? "/" + value + "/" : "'" + value.replace("'", "''") + "'";
      return variable + operator + literal;
    }
  }

  /**
   * True when every condition is.
   *
   * @param conditions at least one; copied, unmodifiable
   */
  record All(List<Condition> conditions) implements Condition {
    /** Copies the conditions and checks there is at least one. */
    public All {
      conditions = Groups.check("all", conditions);
    }

    @Override
    public boolean test(Map<String, String> attributes) {
      for (int i = 0; i < conditions.size(); i++) {
        if (!conditions.get(i).test(attributes)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int depth() {
      return Groups.depth(conditions);
    }

    @Override
    public int comparisons() {
      return Groups.comparisons(conditions);
    }

    @Override
    public String canonical() {
      return Groups.canonical("all", conditions);
    }
  }

  /**
   * True when at least one condition is.
   *
   * @param conditions at least one; copied, unmodifiable
   */
  record Any(List<Condition> conditions) implements Condition {
    /** Copies the conditions and checks there is at least one. */
    public Any {
      conditions = Groups.check("any", conditions);
    }

    @Override
    public boolean test(Map<String, String> attributes) {
      for (int i = 0; i < conditions.size(); i++) {
        if (conditions.get(i).test(attributes)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int depth() {
      return Groups.depth(conditions);
    }

    @Override
    public int comparisons() {
      return Groups.comparisons(conditions);
    }

    @Override
    public String canonical() {
      return Groups.canonical("any", conditions);
    }
  }
}
