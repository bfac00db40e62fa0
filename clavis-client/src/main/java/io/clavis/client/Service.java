package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * An application that authenticates with tokens, or with a registered TLS client certificate
 * ({@code /v1/services}).
 *
 * @param groups the names of the groups the service belongs to
 * @param certificateFingerprint the SHA-256 fingerprint of its registered certificate, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Service(
    String id,
    String name,
    String type,
    List<String> groups,
    String certificateFingerprint,
    Instant createdAt,
    String createdBy) {
  public Service {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }
}
