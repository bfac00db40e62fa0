package io.clavis.server.metrics;

import java.util.Locale;

/** The {@code # TYPE} of a metric family. */
public enum MetricType {
  COUNTER,
  GAUGE,
  HISTOGRAM;

  String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
