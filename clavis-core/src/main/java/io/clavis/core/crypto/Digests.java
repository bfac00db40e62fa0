package io.clavis.core.crypto;

import java.security.MessageDigest;

/**
 * SHA-256 for the per-request paths (token lookup, request fingerprints) without a provider lookup
 * each time.
 */
public final class Digests {
  private static final EngineCache<MessageDigest> SHA256 =
      new EngineCache<>(() -> MessageDigest.getInstance("SHA-256"));

  private Digests() {}

  /** The SHA-256 of {@code data}. */
  public static byte[] sha256(byte[] data) {
    MessageDigest sha = SHA256.acquire();
    try {
      sha.reset();
      return sha.digest(data);
    } finally {
      SHA256.release(sha);
    }
  }
}
