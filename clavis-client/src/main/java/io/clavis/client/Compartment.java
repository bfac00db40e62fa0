package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A compartment. The tenancy root has id {@code tenancy}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Compartment(
    String id, String name, String parentId, Instant createdAt, String createdBy) {}
