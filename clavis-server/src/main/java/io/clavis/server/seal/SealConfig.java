package io.clavis.server.seal;

import java.time.Instant;

/**
 * How the root key is protected, as replicated to every node: the root key wrapped (AES-GCM) under
 * a key derived from a passphrase (Argon2id) or reconstructed from Shamir shares. Nothing here is
 * secret on its own.
 */
public record SealConfig(
    SealType type,
    String salt,
    Integer memoryKiB,
    Integer iterations,
    Integer parallelism,
    Integer shares,
    Integer threshold,
    String wrappedRootKey,
    Instant initializedAt) {
  public static final String KEY = "sys/seal";

  /** The kinds of seal. */
  public enum SealType {
    PASSPHRASE,
    SHAMIR
  }
}
