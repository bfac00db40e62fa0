package io.clavis.core.policy;

/**
 * Bounds on the size of one statement.
 *
 * <p>Statements come from administrators through the API and are evaluated on every request, so
 * their size is bounded to keep parsing, storage and evaluation cheap and predictable, and to keep
 * the recursive parser and evaluator far from any stack limit.
 */
public final class PolicyLimits {
  /** The longest statement text, in chars; also the longest canonical form. */
  public static final int MAX_STATEMENT_LENGTH = 4096;

  /** The deepest nesting of {@code all { }} and {@code any { }} groups. */
  public static final int MAX_CONDITION_DEPTH = 8;

  /** The most comparisons in the condition of one statement. */
  public static final int MAX_COMPARISONS = 64;

  /** The most subjects in one statement. */
  public static final int MAX_SUBJECTS = 32;

  private PolicyLimits() {}
}
