package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** One version of a key (its material never leaves the server). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyVersionInfo(int version, String state, Instant createdAt) {}
