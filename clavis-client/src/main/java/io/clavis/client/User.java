package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A person who logs in with a password or uses tokens issued for them ({@code /v1/users}).
 *
 * @param groups the names of the groups the user belongs to
 * @param hasPassword whether the user can log in with a password
 * @param lockedUntil when a lockout after repeated failed logins ends, or null when not locked
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(
    String id,
    String name,
    String type,
    List<String> groups,
    boolean hasPassword,
    Instant lockedUntil,
    Instant createdAt,
    String createdBy) {
  public User {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
