package io.clavis.client;

import java.util.Map;

/**
 * The body of {@code PATCH /v1/keys/{id}}: null fields are left unchanged. A {@code
 * rotationPeriodDays} of 0 turns automatic rotation off; {@code tags} replaces all tags.
 */
public record UpdateKeyRequest(
    String description, Map<String, String> tags, Integer rotationPeriodDays) {

  public UpdateKeyRequest {
    tags = tags == null ? null : Map.copyOf(tags);
  }

  public static UpdateKeyRequest empty() {
    return new UpdateKeyRequest(null, null, null);
  }

  public UpdateKeyRequest withDescription(String description) {
    return new UpdateKeyRequest(description, tags, rotationPeriodDays);
  }

  public UpdateKeyRequest withTags(Map<String, String> tags) {
    return new UpdateKeyRequest(description, tags, rotationPeriodDays);
  }

  public UpdateKeyRequest withRotationPeriodDays(Integer rotationPeriodDays) {
    return new UpdateKeyRequest(description, tags, rotationPeriodDays);
  }

  public boolean isEmpty() {
    return description == null && tags == null && rotationPeriodDays == null;
  }
}
