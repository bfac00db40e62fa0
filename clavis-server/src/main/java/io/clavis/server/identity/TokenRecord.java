package io.clavis.server.identity;

import java.time.Instant;

/**
 * A bearer token as stored: only the SHA-256 of the secret, never the secret itself. A {@code root}
 * token bypasses authorisation; any other token acts for the user or service {@code principalId}.
 */
public record TokenRecord(
    String id,
    String hash,
    boolean root,
    String description,
    Instant createdAt,
    Instant expiresAt,
    String createdBy,
    String principalId) {

  public static String key(String hash) {
    return "token/" + hash;
  }

  /** Token id to hash, so a token can be revoked by its id. */
  public static String idKey(String id) {
    return "token-id/" + id;
  }

  /** The tokens of one principal, so deleting it revokes them. */
  static String ownerKey(String principalId, String id) {
    return ownerPrefix(principalId) + id;
  }

  static String ownerPrefix(String principalId) {
    return "token-owner/" + principalId + "/";
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** What listing a principal's tokens shows: everything but the hash. */
  public record Info(
      String id, String description, Instant createdAt, Instant expiresAt, String createdBy) {}

  public Info info() {
    return new Info(id, description, createdAt, expiresAt, createdBy);
  }
}
