package io.clavis.server.key;

import io.clavis.core.key.KeyAlgorithm;
import java.time.Instant;
import java.util.Map;

/** Key records for tests of the key package that write the store themselves. */
final class TestKeys {
  static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private TestKeys() {}

  /** An AES-256 key in vault "vault-1" of the tenancy, named after its id. */
  static KeyRecord aes256(String id, KeyState state, int currentVersion) {
    return new KeyRecord(
        id,
        "vault-1",
        "tenancy",
        id,
        null,
        Map.of(),
        KeyAlgorithm.AES_256,
        state,
        currentVersion,
        0,
        T,
        null,
        T,
        T,
        "test");
  }
}
