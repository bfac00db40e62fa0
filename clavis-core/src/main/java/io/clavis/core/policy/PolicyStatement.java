package io.clavis.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * One parsed statement: {@code allow <subjects> to <verb> <resource> in <location> [where
 * <condition>]}.
 *
 * <p>The constructor enforces the same {@linkplain PolicyLimits limits} as the parser, including on
 * the length of {@link #canonical()}, so that every statement, however it was built, can be written
 * out and parsed back to an equal statement.
 *
 * @param subjects who is granted access, 1 to {@value PolicyLimits#MAX_SUBJECTS}; copied,
 *     unmodifiable
 * @param verb what they may do
 * @param resource on which kind of resource
 * @param location in which part of the compartment tree
 * @param condition a further restriction, or null for none
 */
public record PolicyStatement(
    List<Subject> subjects,
    Verb verb,
    ResourceType resource,
    Location location,
    Condition condition) {

  /**
   * Checks for nulls and limits, and copies the subjects.
   *
   * @throws IllegalArgumentException if a limit is exceeded
   */
  public PolicyStatement {
    subjects = List.copyOf(subjects);
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(location, "location");
    if (subjects.isEmpty()) {
      throw new IllegalArgumentException("a statement needs at least one subject");
    }
    if (subjects.size() > PolicyLimits.MAX_SUBJECTS) {
      throw new IllegalArgumentException(
          "statement has more than " + PolicyLimits.MAX_SUBJECTS + " subjects");
    }
    if (condition != null) {
      if (condition.depth() > PolicyLimits.MAX_CONDITION_DEPTH) {
        throw new IllegalArgumentException(
            "conditions nest deeper than " + PolicyLimits.MAX_CONDITION_DEPTH + " levels");
      }
      if (condition.comparisons() > PolicyLimits.MAX_COMPARISONS) {
        throw new IllegalArgumentException(
            "statement has more than " + PolicyLimits.MAX_COMPARISONS + " comparisons");
      }
    }
    if (canonical(subjects, verb, resource, location, condition).length()
        > PolicyLimits.MAX_STATEMENT_LENGTH) {
      throw new IllegalArgumentException(
          "statement is longer than "
              + PolicyLimits.MAX_STATEMENT_LENGTH
              + " characters in canonical form");
    }
  }

  /**
   * Returns the normalized text: lower-case keywords and variables, single spaces, values
   * re-quoted. Equal statements have equal canonical forms, and parsing it gives this statement.
   */
  public String canonical() {
    return canonical(subjects, verb, resource, location, condition);
  }

  /** Returns {@link #canonical()}. */
  @Override
  public String toString() {
    return canonical();
  }

  /** The canonical text of a statement with these parts, for checking it before building it. */
  static String canonical(
      List<Subject> subjects,
      Verb verb,
      ResourceType resource,
      Location location,
      Condition condition) {
    StringBuilder text = new StringBuilder(64).append("allow ");
    for (int i = 0; i < subjects.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(subjects.get(i).canonical());
    }
    text.append(" to ").append(verb.keyword()).append(' ').append(resource.keyword());
    text.append(" in ").append(location.canonical());
    if (condition != null) {
      text.append(" where ").append(condition.canonical());
    }
    return text.toString();
  }
}
