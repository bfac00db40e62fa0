package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A named set of users and services that policies grant to ({@code /v1/groups}). The built-in
 * groups ({@code system-admins}, {@code key-admins}, {@code audit-managers}) always exist.
 *
 * @param members the names of its users, then of its services
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Group(
    String id,
    String name,
    String description,
    boolean builtIn,
    List<String> members,
    Instant createdAt,
    String createdBy) {
  public Group {
    members = members == null ? List.of() : List.copyOf(members);
  }
}
