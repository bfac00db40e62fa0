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

  private static final String PREFIX = "key-version/";

  public static String key(String keyId, int version) {
    return String.format(PREFIX + "%s/%010d", keyId, version);
  }

  static String prefix(String keyId) {
    return PREFIX + keyId + "/";
  }

  /**
   * The key id a store key names, if it is a key version record's; null for any other store key.
   */
  static String keyIdOf(String storeKey) {
    int end = storeKey.lastIndexOf('/');
    return storeKey.startsWith(PREFIX) && end > PREFIX.length()
        ? storeKey.substring(PREFIX.length(), end)
        : null;
  }

  KeyVersionRecord destroyed() {
    return new KeyVersionRecord(keyId, version, KeyState.DESTROYED, createdAt, null, publicKeyDer);
  }
}
