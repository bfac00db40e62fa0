package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code GET /v1/sys/health}. {@code mode} is {@code ACTIVE}, {@code READ_ONLY},
 * {@code SEALED} or {@code UNINITIALIZED}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthStatus(
    String status,
    String mode,
    boolean initialized,
    boolean sealed,
    boolean writable,
    String node,
    String version) {}
