package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A key. {@code state} is {@code ENABLED}, {@code DISABLED}, {@code PENDING_DELETION} or {@code
 * DESTROYED}; {@code algorithm} one of {@code AES_128|192|256}, {@code RSA_2048|3072|4096}, {@code
 * EC_P256|P384|P521}, {@code HMAC_SHA256|384|512}. {@code rotationPeriodDays} is null or 0 when
 * automatic rotation is off.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Key(
    String id,
    String vaultId,
    String compartmentId,
    String name,
    String description,
    Map<String, String> tags,
    String algorithm,
    String state,
    int currentVersion,
    Integer rotationPeriodDays,
    Instant nextRotationAt,
    Instant deletionTime,
    Instant createdAt,
    Instant updatedAt,
    String createdBy,
    List<KeyVersionInfo> versions) {

  public Key {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    versions = versions == null ? List.of() : List.copyOf(versions);
  }
}
