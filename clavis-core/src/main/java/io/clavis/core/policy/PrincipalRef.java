package io.clavis.core.policy;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * The authenticated principal of a request, as policies see it: its kind, its name and the names of
 * the groups it belongs to (resolved by the server before evaluation).
 *
 * @param type user or service
 * @param name the user or service name
 * @param groups the names of the principal's groups; copied, unmodifiable
 */
public record PrincipalRef(PrincipalType type, String name, Set<String> groups) {

  /** Checks for nulls and copies the groups. */
  public PrincipalRef {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    groups = Set.copyOf(groups);
  }

  /** Returns the user {@code name}, member of {@code groups}. */
  public static PrincipalRef user(String name, String... groups) {
    return new PrincipalRef(PrincipalType.USER, name, Set.copyOf(Arrays.asList(groups)));
  }

  /** Returns the service principal {@code name}, member of {@code groups}. */
  public static PrincipalRef service(String name, String... groups) {
    return new PrincipalRef(PrincipalType.SERVICE, name, Set.copyOf(Arrays.asList(groups)));
  }
}
