package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One node in {@link ClusterStatus}. {@code role} is {@code LEADER}, {@code FOLLOWER}, {@code
 * LISTENER} (replicates, does not vote) or {@code CANDIDATE} (announced, not joined yet); {@code
 * state} is {@code ACTIVE}, {@code READ_ONLY}, {@code SEALED}, {@code UNINITIALIZED}, {@code
 * JOINING} or {@code DOWN} (did not answer). {@code lag} is how many log entries the node has
 * applied fewer than the most advanced node; {@code clockOffsetMs} how far its clock is from the
 * answering node's. Numbers are null when the node did not answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterNode(
    String name,
    String role,
    String apiAddress,
    String clusterAddress,
    String state,
    Long appliedIndex,
    Long lag,
    Long clockOffsetMs,
    String version) {}
