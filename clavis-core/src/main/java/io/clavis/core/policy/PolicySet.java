package io.clavis.core.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable set of attached statements, answering for each request which statement, if any,
 * allows it. Access is denied unless a statement allows it.
 *
 * <p>Every request is checked, so statements are indexed by the subjects that name them (group,
 * user, service, any-user) and a request only looks at the statements that can name its principal.
 * When several statements allow a request the first in the given order is reported, so that the
 * answer (which the audit log records) does not depend on which index it came through. Evaluation
 * allocates nothing beyond what iterating over the principal's groups needs.
 */
public final class PolicySet {
  private static final int[] NONE = {};

  private final List<AttachedStatement> statements;
  // The possible answers, built once so that allowing() does not allocate them.
  private final List<Optional<AttachedStatement>> answers;
  // For each group, user and service name, the ascending indexes of the statements naming it.
  private final Map<String, int[]> byGroup;
  private final Map<String, int[]> byUser;
  private final Map<String, int[]> byService;
  private final int[] anyUser;

  private PolicySet(List<AttachedStatement> statements) {
    this.statements = statements;
    List<Optional<AttachedStatement>> answers = new ArrayList<>(statements.size());
    Map<Subject.Kind, Map<String, List<Integer>>> index = new EnumMap<>(Subject.Kind.class);
    for (Subject.Kind kind : Subject.Kind.values()) {
      index.put(kind, new HashMap<>());
    }
    for (int i = 0; i < statements.size(); i++) {
      AttachedStatement attached = statements.get(i);
      answers.add(Optional.of(attached));
      for (Subject subject : attached.statement().subjects()) {
        String key = subject.name() == null ? "" : subject.name();
        List<Integer> indexes =
            index.get(subject.kind()).computeIfAbsent(key, k -> new ArrayList<>());
        if (indexes.isEmpty() || indexes.get(indexes.size() - 1) != i) {
          indexes.add(i); // once per statement, however often it names the same subject
        }
      }
    }
    this.answers = List.copyOf(answers);
    this.byGroup = freeze(index.get(Subject.Kind.GROUP));
    this.byUser = freeze(index.get(Subject.Kind.USER));
    this.byService = freeze(index.get(Subject.Kind.SERVICE));
    this.anyUser = freeze(index.get(Subject.Kind.ANY_USER)).getOrDefault("", NONE);
  }

  /** Returns a set of these statements, in this order (which decides which match is reported). */
  public static PolicySet of(Collection<AttachedStatement> statements) {
    return new PolicySet(List.copyOf(statements));
  }

  /** Returns the statements, in the order given. */
  public List<AttachedStatement> statements() {
    return statements;
  }

  /**
   * Returns the first statement that allows {@code request}, or empty if none does and the request
   * must be denied.
   */
  public Optional<AttachedStatement> allowing(AccessRequest request) {
    PrincipalRef principal = request.principal();
    int best = first(anyUser, request, statements.size());
    Map<String, int[]> own = principal.type() == PrincipalType.USER ? byUser : byService;
    best = first(own.getOrDefault(principal.name(), NONE), request, best);
    for (String group : principal.groups()) {
      best = first(byGroup.getOrDefault(group, NONE), request, best);
    }
    return best < statements.size() ? answers.get(best) : Optional.empty();
  }

  /**
   * Returns the lowest of {@code candidates} below {@code best} whose statement applies to {@code
   * request}, or {@code best} if there is none. The subject check is implied by the index.
   */
  private int first(int[] candidates, AccessRequest request, int best) {
    for (int candidate : candidates) {
      if (candidate >= best) {
        break;
      }
      if (statements.get(candidate).appliesTo(request)) {
        return candidate;
      }
    }
    return best;
  }

  private static Map<String, int[]> freeze(Map<String, List<Integer>> index) {
    Map<String, int[]> frozen = new HashMap<>();
    index.forEach(
        (name, indexes) ->
            frozen.put(name, indexes.stream().mapToInt(Integer::intValue).toArray()));
    return Map.copyOf(frozen);
  }
}
