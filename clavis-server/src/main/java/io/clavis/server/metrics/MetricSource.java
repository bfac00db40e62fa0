package io.clavis.server.metrics;

/** Something that writes whole metric families at scrape time. */
@FunctionalInterface
public interface MetricSource {
  void writeTo(ExpositionWriter out);
}
