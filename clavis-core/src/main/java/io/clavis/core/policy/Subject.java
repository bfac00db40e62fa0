package io.clavis.core.policy;

import java.util.Objects;

/**
 * Who a statement grants access to: a named group, user or service, or every authenticated
 * principal.
 *
 * @param kind what the name names
 * @param name the group, user or service name; null for {@link Kind#ANY_USER}
 */
public record Subject(Kind kind, String name) {

  /** What a subject names. */
  public enum Kind {
    /** Every member of a group, users and services alike. */
    GROUP("group"),
    /** One user. */
    USER("user"),
    /** One service principal. */
    SERVICE("service"),
    /** Every authenticated principal, users and services alike. */
    ANY_USER("any-user");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the spelling in statements. */
    public String keyword() {
      return keyword;
    }
  }

  /**
   * Checks that the name is present exactly when the kind needs one, and is a valid name.
   *
   * @throws IllegalArgumentException if not
   */
  public Subject {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.ANY_USER) {
      if (name != null) {
        throw new IllegalArgumentException("any-user takes no name");
      }
    } else {
      Names.require("a " + kind.keyword() + " name", name);
    }
  }

  /** Returns the members of the group {@code name}. */
  public static Subject group(String name) {
    return new Subject(Kind.GROUP, name);
  }

  /** Returns the user {@code name}. */
  public static Subject user(String name) {
    return new Subject(Kind.USER, name);
  }

  /** Returns the service principal {@code name}. */
  public static Subject service(String name) {
    return new Subject(Kind.SERVICE, name);
  }

  /** Returns every authenticated principal. */
  public static Subject anyUser() {
    return new Subject(Kind.ANY_USER, null);
  }

  /** Whether this subject names {@code principal}. */
  public boolean names(PrincipalRef principal) {
    return switch (kind) {
      case GROUP -> principal.groups().contains(name);
      case USER -> principal.type() == PrincipalType.USER && principal.name().equals(name);
      case SERVICE -> principal.type() == PrincipalType.SERVICE && principal.name().equals(name);
      case ANY_USER -> true;
    };
  }

  /** Returns the statement spelling, such as {@code group apps} or {@code any-user}. */
  public String canonical() {
    return kind == Kind.ANY_USER ? kind.keyword() : kind.keyword() + " " + name;
  }
}
