package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A node an administrator has announced to the cluster ({@code POST /v1/cluster/candidates}): it
 * may join by presenting a certificate with this SHA-256 {@code fingerprint}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Candidate(
    String name,
    String apiAddress,
    String clusterAddress,
    String fingerprint,
    Instant addedAt,
    String addedBy) {}
