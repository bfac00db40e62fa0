package io.clavis.server.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests by protocol, operation and outcome, their durations, and errors by code. The label
 * values come from bounded sets (the operation names of the routes' guards and of the KMIP
 * operations, the error codes and Result Reasons), so the number of series stays small. Recording a
 * request after its operation was first seen is a map lookup and a few {@link LongAdder}
 * increments.
 */
public final class RequestMetrics implements MetricSource {
  static final String REQUESTS = "clavis_requests_total";
  static final String DURATION = "clavis_request_duration_seconds";
  static final String ERRORS = "clavis_errors_total";

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final Protocol[] PROTOCOLS = Protocol.values();

  /** One operation's counters, by outcome, and its durations. */
  private static final class OperationStats {
    final LongAdder[] byOutcome = new LongAdder[OUTCOMES.length];
    final Histogram duration = new Histogram();

    OperationStats() {
      for (int i = 0; i < byOutcome.length; i++) {
        byOutcome[i] = new LongAdder();
      }
    }
  }

  private final Map<Protocol, ConcurrentHashMap<String, OperationStats>> operations =
      new java.util.EnumMap<>(Protocol.class);
  private final Map<Protocol, ConcurrentHashMap<String, LongAdder>> errors =
      new java.util.EnumMap<>(Protocol.class);

  RequestMetrics() {
    for (Protocol p : PROTOCOLS) {
      operations.put(p, new ConcurrentHashMap<>());
      errors.put(p, new ConcurrentHashMap<>());
    }
  }

  /** Metrics that are kept but never exposed, for listeners started without a registry. */
  public static RequestMetrics unexposed() {
    return new RequestMetrics();
  }

  /**
   * Records one finished request.
   *
   * @param operation the operation's name: the route guard's, or {@code kmip.<operation>}
   * @param errorCode the ErrorCode or KMIP Result Reason it failed with, null when it succeeded
   * @param nanos how long it took
   */
  public void record(
      Protocol protocol, String operation, Outcome outcome, String errorCode, long nanos) {
    ConcurrentHashMap<String, OperationStats> ops = operations.get(protocol);
    OperationStats stats = ops.get(operation);
    if (stats == null) {
      stats = ops.computeIfAbsent(operation, o -> new OperationStats());
    }
    stats.byOutcome[outcome.ordinal()].increment();
    stats.duration.observeNanos(nanos);
    if (errorCode != null) {
      ConcurrentHashMap<String, LongAdder> codes = errors.get(protocol);
      LongAdder count = codes.get(errorCode);
      if (count == null) {
        count = codes.computeIfAbsent(errorCode, c -> new LongAdder());
      }
      count.increment();
    }
  }

  @Override
  public void writeTo(ExpositionWriter out) {
    out.family(
        REQUESTS,
        MetricType.COUNTER,
        "Requests answered, by protocol, operation and outcome (ok, client_error, server_error).");
    eachSorted(
        operations,
        (p, op, stats) -> {
          for (Outcome o : OUTCOMES) {
            out.sample(
                REQUESTS,
                stats.byOutcome[o.ordinal()].sum(),
                "protocol",
                p.label(),
                "operation",
                op,
                "outcome",
                o.label());
          }
        });
    out.family(
        DURATION,
        MetricType.HISTOGRAM,
        "Time from reading a request to having its answer, by protocol and operation.");
    eachSorted(
        operations,
        (p, op, stats) ->
            out.histogram(
                DURATION, stats.duration.snapshot(), "protocol", p.label(), "operation", op));
    out.family(
        ERRORS,
        MetricType.COUNTER,
        "Failed requests by protocol and error code (REST ErrorCode or KMIP Result Reason).");
    eachSorted(
        errors, (p, code, n) -> out.sample(ERRORS, n.sum(), "protocol", p.label(), "code", code));
  }

  /** Writes the series of one label value. */
  @FunctionalInterface
  private interface SeriesWriter<V> {
    void write(Protocol protocol, String label, V value);
  }

  /** By protocol, then by label value in order, so that scrapes list series stably. */
  private static <V> void eachSorted(
      Map<Protocol, ? extends Map<String, V>> byProtocol, SeriesWriter<V> writer) {
    for (Protocol p : PROTOCOLS) {
      new TreeMap<>(byProtocol.get(p)).forEach((label, v) -> writer.write(p, label, v));
    }
  }
}
