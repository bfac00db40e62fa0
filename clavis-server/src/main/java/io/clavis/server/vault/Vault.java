package io.clavis.server.vault;

import java.time.Instant;

/** A container of keys in a compartment. Protection mode SOFTWARE: keys wrapped by the root key. */
public record Vault(
    String id,
    String name,
    String compartmentId,
    String protectionMode,
    Instant createdAt,
    String createdBy) {
  public static final String SOFTWARE = "SOFTWARE";

  public static String key(String id) {
    return "vault/" + id;
  }

  static String nameKey(String compartmentId, String name) {
    return "vault-name/" + compartmentId + "/" + name;
  }
}
