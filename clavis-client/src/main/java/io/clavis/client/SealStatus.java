package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The answer of {@code GET /v1/sys/seal-status}. {@code type} is {@code passphrase} or {@code
 * shamir} (null before initialisation); {@code threshold}, {@code shares} and {@code progress}
 * describe Shamir unsealing.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealStatus(
    boolean initialized,
    boolean sealed,
    String type,
    Integer threshold,
    Integer shares,
    Integer progress) {}
