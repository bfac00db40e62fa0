package io.clavis.server.identity;

import java.time.Instant;
import java.util.List;

/**
 * An application or KMIP endpoint. It authenticates with tokens, or with the TLS client certificate
 * whose SHA-256 fingerprint is recorded here.
 */
public record ServiceRecord(
    String id,
    String name,
    List<String> groups,
    String certificatePem,
    String certificateFingerprint,
    Instant createdAt,
    String createdBy) {

  public ServiceRecord {
    groups = List.copyOf(groups);
  }

  public static String key(String id) {
    return "service/" + id;
  }

  static String certificateKey(String fingerprint) {
    return "service-cert/" + fingerprint;
  }

  ServiceRecord withGroups(List<String> newGroups) {
    return new ServiceRecord(
        id, name, newGroups, certificatePem, certificateFingerprint, createdAt, createdBy);
  }
}
