package io.clavis.server.identity;

import java.time.Instant;
import java.util.List;

/** A named set of users and services that policies grant to. */
public record GroupRecord(
    String id,
    String name,
    String description,
    boolean builtIn,
    Instant createdAt,
    String createdBy) {

  public static String key(String id) {
    return "group/" + id;
  }

  /**
   * The built-in groups that keep duties apart, as in Oracle Key Vault: none of them can both
   * manage keys and read the audit trail. They always exist and cannot be deleted.
   */
  public static final List<GroupRecord> BUILT_IN =
      List.of(
          builtIn("system-admins", "Runs the cluster and manages users, groups and services."),
          builtIn("key-admins", "Manages vaults and keys (the key family)."),
          builtIn("audit-managers", "Reads the audit trail."));

  private static GroupRecord builtIn(String name, String description) {
    return new GroupRecord("group_" + name, name, description, true, Instant.EPOCH, "clavis");
  }

  static java.util.Optional<GroupRecord> builtIn(String nameOrId) {
    return BUILT_IN.stream()
        .filter(g -> g.name().equals(nameOrId) || g.id().equals(nameOrId))
        .findFirst();
  }
}
