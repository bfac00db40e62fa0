package io.clavis.server.key;

import io.clavis.core.key.KeyAlgorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** A key's metadata as stored; its versions are separate {@link KeyVersionRecord}s. */
public record KeyRecord(
    String id,
    String vaultId,
    String compartmentId,
    String name,
    String description,
    Map<String, String> tags,
    KeyAlgorithm algorithm,
    KeyState state,
    int currentVersion,
    int rotationPeriodDays,
    Instant lastRotatedAt,
    Instant deletionTime,
    Instant createdAt,
    Instant updatedAt,
    String createdBy) {

  private static final String PREFIX = "key/";

  public static String key(String id) {
    return PREFIX + id;
  }

  /** The key id a store key names, if it is a key record's; null for any other store key. */
  static String idOf(String storeKey) {
    return storeKey.startsWith(PREFIX) ? storeKey.substring(PREFIX.length()) : null;
  }

  /** Index of key names within a vault (names are unique there), holding the key id. */
  public static String nameKey(String vaultId, String name) {
    return "key-name/" + vaultId + "/" + name;
  }

  /** Index of a vault's keys, in id order. */
  static String vaultIndexKey(String vaultId, String keyId) {
    return "vault-key/" + vaultId + "/" + keyId;
  }

  public Instant nextRotationAt() {
    return rotationPeriodDays > 0 && state == KeyState.ENABLED
        ? lastRotatedAt.plus(Duration.ofDays(rotationPeriodDays))
        : null;
  }

  KeyRecord withState(KeyState newState, Instant newDeletionTime, Instant at) {
    return new KeyRecord(
        id,
        vaultId,
        compartmentId,
        name,
        description,
        tags,
        algorithm,
        newState,
        currentVersion,
        rotationPeriodDays,
        lastRotatedAt,
        newDeletionTime,
        createdAt,
        at,
        createdBy);
  }

  KeyRecord withNewVersion(int version, Instant at) {
    return new KeyRecord(
        id,
        vaultId,
        compartmentId,
        name,
        description,
        tags,
        algorithm,
        state,
        version,
        rotationPeriodDays,
        at,
        deletionTime,
        createdAt,
        at,
        createdBy);
  }

  KeyRecord withDetails(
      String newDescription, Map<String, String> newTags, int newRotationDays, Instant at) {
    return new KeyRecord(
        id,
        vaultId,
        compartmentId,
        name,
        newDescription,
        newTags,
        algorithm,
        state,
        currentVersion,
        newRotationDays,
        lastRotatedAt,
        deletionTime,
        createdAt,
        at,
        createdBy);
  }
}
