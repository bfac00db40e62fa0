package io.clavis.server.key;

import io.clavis.core.key.KeyAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A key as the API shows it. */
public record KeyView(
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
    Instant nextRotationAt,
    Instant deletionTime,
    Instant createdAt,
    Instant updatedAt,
    String createdBy,
    List<VersionView> versions) {

  /** One version: number, state, creation time. Never material. */
  public record VersionView(int version, KeyState state, Instant createdAt) {}

  static KeyView of(KeyRecord k, List<KeyVersionRecord> versions) {
    return new KeyView(
        k.id(),
        k.vaultId(),
        k.compartmentId(),
        k.name(),
        k.description(),
        k.tags(),
        k.algorithm(),
        k.state(),
        k.currentVersion(),
        k.rotationPeriodDays(),
        k.nextRotationAt(),
        k.deletionTime(),
        k.createdAt(),
        k.updatedAt(),
        k.createdBy(),
        versions == null
            ? null
            : versions.stream()
                .map(v -> new VersionView(v.version(), v.state(), v.createdAt()))
                .toList());
  }
}
