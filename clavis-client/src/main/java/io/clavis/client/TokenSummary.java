package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * A token as listed ({@code GET /v1/users/{id}/tokens}): everything but the secret, which is shown
 * only once, when the token is issued.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenSummary(
    String id, String description, Instant createdAt, Instant expiresAt, String createdBy) {}
