/**
 * The load generator behind {@code clavis bench}: workers that repeat one operation against a
 * {@link io.clavis.cli.bench.BenchTarget} (REST through the SDK, or KMIP), each recording its own
 * latencies and counts without sharing, and a report merged at the end.
 */
package io.clavis.cli.bench;
