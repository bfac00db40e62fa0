package io.clavis.server.cluster;

import java.time.Instant;

/**
 * A node an administrator has announced, identified by the SHA-256 fingerprint of the certificate
 * it will present when it joins.
 */
public record Candidate(
    String name,
    String apiAddress,
    String clusterAddress,
    String fingerprint,
    Instant addedAt,
    String addedBy) {
  static final String PREFIX = "cluster/candidate/";

  static String key(String name) {
    return PREFIX + name;
  }
}
