package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code POST /v1/sys/unseal}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UnsealProgress(boolean sealed, int progress, int threshold) {}
