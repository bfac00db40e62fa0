package io.clavis.server.vault;

import java.time.Instant;

/** A node in the compartment tree; the tenancy root has id {@value #TENANCY} and no parent. */
public record Compartment(
    String id, String name, String parentId, Instant createdAt, String createdBy) {
  public static final String TENANCY = "tenancy";

  public static String key(String id) {
    return "compartment/" + id;
  }

  static String nameKey(String parentId, String name) {
    return "compartment-name/" + parentId + "/" + name;
  }
}
