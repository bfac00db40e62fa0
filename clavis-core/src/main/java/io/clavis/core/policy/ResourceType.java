package io.clavis.core.policy;

import java.util.Optional;

/**
 * The kinds of resource a statement grants access to.
 *
 * <p>Two values are families rather than concrete types, so that a common grant fits in one
 * statement: {@link #KEY_FAMILY} stands for vaults and keys, {@link #ALL_RESOURCES} for every type.
 * A request always names a concrete type.
 */
public enum ResourceType {
  VAULTS("vaults"),
  KEYS("keys"),
  KEY_FAMILY("key-family"),
  AUDIT_EVENTS("audit-events"),
  POLICIES("policies"),
  USERS("users"),
  GROUPS("groups"),
  SERVICES("services"),
  COMPARTMENTS("compartments"),
  CLUSTER("cluster"),
  ALL_RESOURCES("all-resources");

  private static final ResourceType[] VALUES = values();

  private final String keyword;

  ResourceType(String keyword) {
    this.keyword = keyword;
  }

  /** Returns the spelling in statements, such as {@code key-family}. */
  public String keyword() {
    return keyword;
  }

  /**
   * Whether a grant on this type is a grant on {@code concrete}: a type covers itself, {@code
   * key-family} covers vaults and keys, {@code all-resources} covers everything. Given a family,
   * answers whether this type covers every member of it.
   */
  public boolean covers(ResourceType concrete) {
    return switch (this) {
      case ALL_RESOURCES -> true;
      case KEY_FAMILY -> concrete == VAULTS || concrete == KEYS || concrete == KEY_FAMILY;
      default -> this == concrete;
    };
  }

  /** Whether this value stands for several concrete types; requests never name a family. */
  public boolean isFamily() {
    return this == KEY_FAMILY || this == ALL_RESOURCES;
  }

  /** Returns the type spelled {@code keyword}, ignoring ASCII case; empty if none or null. */
  public static Optional<ResourceType> fromKeyword(String keyword) {
    if (keyword != null) {
      for (ResourceType type : VALUES) {
        if (Ascii.equalsIgnoreCase(keyword, type.keyword)) {
          return Optional.of(type);
        }
      }
    }
    return Optional.empty();
  }
}
