package io.clavis.cli.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * What one worker measured: latencies of its successful operations (an HdrHistogram in
 * microseconds, 3 significant digits, so well under 1% error), its error counts by code, and
 * answers by node. Written by its worker thread only; read after that thread has finished, so
 * nothing here is synchronized.
 */
final class WorkerStats {
  private static final int SIGNIFICANT_DIGITS = 3;

  final Histogram latencyMicros = new Histogram(SIGNIFICANT_DIGITS);
  final Map<String, Long> byNode = new HashMap<>();
  final Map<String, Long> errorsByCode = new HashMap<>();
  long ops;
  long errors;
  String firstError;
  long lastCompletionNanos;

  void success(long nanos, String node) {
    ops++;
    latencyMicros.recordValue(Math.max(1, nanos / 1_000));
    answeredBy(node);
  }

  /**
   * @param line the failure on one line, starting with its code
   */
  void failure(String code, String line, String node) {
    errors++;
    errorsByCode.merge(code, 1L, Long::sum);
    if (firstError == null) {
      firstError = line;
    }
    answeredBy(node);
  }

  private void answeredBy(String node) {
    if (node != null) {
      byNode.merge(node, 1L, Long::sum);
    }
  }

  /** The figures of all workers together. */
  static WorkerStats merge(Iterable<WorkerStats> all) {
    WorkerStats total = new WorkerStats();
    for (WorkerStats w : all) {
      total.latencyMicros.add(w.latencyMicros);
      w.byNode.forEach((k, v) -> total.byNode.merge(k, v, Long::sum));
      w.errorsByCode.forEach((k, v) -> total.errorsByCode.merge(k, v, Long::sum));
      total.ops += w.ops;
      total.errors += w.errors;
      if (total.firstError == null) {
        total.firstError = w.firstError;
      }
      total.lastCompletionNanos = Math.max(total.lastCompletionNanos, w.lastCompletionNanos);
    }
    return total;
  }

  /** A percentile in milliseconds, to the microsecond; 0 when nothing was measured. */
  double percentileMillis(double percentile) {
    if (latencyMicros.getTotalCount() == 0) {
      return 0;
    }
    return latencyMicros.getValueAtPercentile(percentile) / 1_000.0;
  }

  Map<String, Long> sortedByNode() {
    return new TreeMap<>(byNode);
  }

  Map<String, Long> sortedErrorsByCode() {
    return new TreeMap<>(errorsByCode);
  }
}
