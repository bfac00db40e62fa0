package io.clavis.server.key;

import java.time.Instant;

/**
 * One version of a key: its material wrapped under the root key (bound to key id and version), and
 * for asymmetric keys the public key in the clear. A destroyed version keeps no material.
 */
public record KeyVersionRecord(
    String keyId,
    int version,
    KeyState state,
    Instant createdAt,
    String wrappedMaterial,
    String publicKeyDer) {

  public static String key(String keyId, int version) {
    return String.format("key-version/%s/%010d", keyId, version);
  }

  static String prefix(String keyId) {
    return "key-version/" + keyId + "/";
  }

  KeyVersionRecord destroyed() {
    return new KeyVersionRecord(keyId, version, KeyState.DESTROYED, createdAt, null, publicKeyDer);
  }
}
