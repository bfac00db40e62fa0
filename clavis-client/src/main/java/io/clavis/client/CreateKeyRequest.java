package io.clavis.client;

import java.util.Map;
import java.util.Objects;

/**
 * The body of {@code POST /v1/keys}. Start with {@link #of(String, String, String)} and add the
 * optional parts with the {@code with...} methods.
 */
public record CreateKeyRequest(
    String vaultId,
    String name,
    String algorithm,
    String description,
    Map<String, String> tags,
    Integer rotationPeriodDays) {

  public CreateKeyRequest {
    Objects.requireNonNull(vaultId, "vaultId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    tags = tags == null ? null : Map.copyOf(tags);
  }

  public static CreateKeyRequest of(String vaultId, String name, String algorithm) {
    return new CreateKeyRequest(vaultId, name, algorithm, null, null, null);
  }

  public CreateKeyRequest withDescription(String description) {
    return new CreateKeyRequest(vaultId, name, algorithm, description, tags, rotationPeriodDays);
  }

  public CreateKeyRequest withTags(Map<String, String> tags) {
    return new CreateKeyRequest(vaultId, name, algorithm, description, tags, rotationPeriodDays);
  }

  public CreateKeyRequest withRotationPeriodDays(Integer rotationPeriodDays) {
    return new CreateKeyRequest(vaultId, name, algorithm, description, tags, rotationPeriodDays);
  }
}
