package io.clavis.core.policy;

import java.util.List;
import java.util.StringJoiner;

/** What {@link Condition.All} and {@link Condition.Any} share: everything but their logic. */
final class Groups {
  private Groups() {}

  static List<Condition> check(String keyword, List<Condition> conditions) {
    List<Condition> copy = List.copyOf(conditions);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(keyword + " { } needs at least one condition");
    }
    return copy;
  }

  static int depth(List<Condition> conditions) {
    int deepest = 0;
    for (Condition condition : conditions) {
      deepest = Math.max(deepest, condition.depth());
    }
    return deepest + 1;
  }

  static int comparisons(List<Condition> conditions) {
    int count = 0;
    for (Condition condition : conditions) {
      count += condition.comparisons();
    }
    return count;
  }

  static String canonical(String keyword, List<Condition> conditions) {
    StringJoiner joined = new StringJoiner(", ", keyword + " { ", " }");
    for (Condition condition : conditions) {
      joined.add(condition.canonical());
    }
    return joined.toString();
  }
}
