package io.clavis.server.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;

/**
 * Every metric of a node. Sources are registered while the node starts; a scrape asks each of them
 * in registration order, so values that live elsewhere (the Raft term, the audit queue) are read
 * only when someone looks.
 */
public final class MetricsRegistry {
  private final List<MetricSource> sources = new CopyOnWriteArrayList<>();
  private final RequestMetrics requests = new RequestMetrics();

  /** A registry with the request metrics and the JVM's figures. */
  public MetricsRegistry() {
    sources.add(requests);
    sources.add(new JvmMetrics());
  }

  /** Where the listeners record each request. */
  public RequestMetrics requests() {
    return requests;
  }

  public MetricsRegistry add(MetricSource source) {
    sources.add(source);
    return this;
  }

  /** A family of one unlabelled gauge read at scrape time. */
  public MetricsRegistry gauge(String name, String help, DoubleSupplier value) {
    return single(name, MetricType.GAUGE, help, value);
  }

  /** A family of one unlabelled counter kept elsewhere (it must never decrease). */
  public MetricsRegistry counter(String name, String help, DoubleSupplier value) {
    return single(name, MetricType.COUNTER, help, value);
  }

  private MetricsRegistry single(String name, MetricType type, String help, DoubleSupplier value) {
    return add(out -> out.family(name, type, help).sample(name, value.getAsDouble()));
  }

  /** The whole exposition. */
  public String scrape() {
    ExpositionWriter out = new ExpositionWriter();
    for (MetricSource s : sources) {
      s.writeTo(out);
    }
    return out.text();
  }
}
