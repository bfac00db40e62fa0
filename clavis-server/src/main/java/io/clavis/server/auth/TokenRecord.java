package io.clavis.server.auth;

import java.time.Instant;

/**
 * A bearer token as stored: only the SHA-256 of the secret, never the secret itself. A {@code root}
 * token bypasses authorisation.
 */
public record TokenRecord(
    String id,
    String hash,
    boolean root,
    String description,
    Instant createdAt,
    Instant expiresAt,
    String createdBy) {

  public static String key(String hash) {
    return "token/" + hash;
  }

  public boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }
}
