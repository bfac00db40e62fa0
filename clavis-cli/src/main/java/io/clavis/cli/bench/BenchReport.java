package io.clavis.cli.bench;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The figures of one run, as {@code clavis bench --output json} prints them. {@code ops} counts the
 * operations that succeeded during the measured time (the warm-up excluded), {@code errors} those
 * that failed; latencies are of the successful ones; {@code byNode} counts the answers (errors
 * included) by the node that gave them.
 *
 * @param firstError an example failure ({@code CODE: message}), or null without errors
 */
public record BenchReport(
    String op,
    String protocol,
    long ops,
    long errors,
    double opsPerSec,
    double p50Ms,
    double p99Ms,
    double p999Ms,
    double maxMs,
    Map<String, Long> byNode,
    Map<String, Long> errorsByCode,
    String firstError,
    int concurrency,
    int size,
    double warmupSeconds,
    double durationSeconds) {

  public BenchReport {
    byNode = Collections.unmodifiableMap(new TreeMap<>(byNode));
    errorsByCode = Collections.unmodifiableMap(new TreeMap<>(errorsByCode));
  }
}
