package io.clavis.server.identity;

import java.time.Instant;
import java.util.List;

/**
 * A person. The password is kept only as an Argon2id hash (PHC string). After {@link
 * IdentityService#MAX_FAILED_LOGINS} wrong passwords in a row the user is locked until {@code
 * lockedUntil}.
 */
public record UserRecord(
    String id,
    String name,
    List<String> groups,
    String passwordHash,
    int failedLogins,
    Instant lockedUntil,
    Instant createdAt,
    String createdBy) {

  public UserRecord {
    groups = List.copyOf(groups);
  }

  public static String key(String id) {
    return "user/" + id;
  }

  UserRecord withGroups(List<String> newGroups) {
    return new UserRecord(
        id, name, newGroups, passwordHash, failedLogins, lockedUntil, createdAt, createdBy);
  }

  UserRecord withPassword(String newHash) {
    return new UserRecord(id, name, groups, newHash, 0, null, createdAt, createdBy);
  }

  UserRecord withLogins(int failed, Instant locked) {
    return new UserRecord(id, name, groups, passwordHash, failed, locked, createdAt, createdBy);
  }

  boolean lockedAt(Instant now) {
    return lockedUntil != null && now.isBefore(lockedUntil);
  }
}
