package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A vault: a named container of keys in a compartment. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Vault(
    String id,
    String name,
    String compartmentId,
    String protectionMode,
    Instant createdAt,
    String createdBy) {}
