package io.clavis.server.metrics;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family a {@code # HELP}
 * and a {@code # TYPE} line, then its samples as {@code name{label="value",...} value}, one per
 * line, with label values and help text escaped as the format requires.
 */
public final class ExpositionWriter {
  /** The Content-Type of the format. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder(16 * 1024);

  /** Starts a family; its samples follow. */
  public ExpositionWriter family(String name, MetricType type, String help) {
    out.append("# HELP ").append(name).append(' ');
    escape(help, false);
    out.append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type.keyword()).append('\n');
    return this;
  }

  /**
   * One sample.
   *
   * @param labels label names and values, alternating
   */
  public ExpositionWriter sample(String name, double value, String... labels) {
    if (labels.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs");
    }
    out.append(name);
    if (labels.length > 0) {
      out.append('{');
      for (int i = 0; i < labels.length; i += 2) {
        if (i > 0) {
          out.append(',');
        }
        out.append(labels[i]).append("=\"");
        escape(labels[i + 1], true);
        out.append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  /**
   * A histogram's samples: {@code _bucket} per bound with the cumulative count (the last {@code
   * le="+Inf"}), {@code _sum} and {@code _count}.
   */
  ExpositionWriter histogram(String name, Histogram.Snapshot h, String... labels) {
    String[] withLe = java.util.Arrays.copyOf(labels, labels.length + 2);
    withLe[labels.length] = "le";
    long[] cumulative = h.cumulative();
    for (int i = 0; i < cumulative.length; i++) {
      withLe[labels.length + 1] =
          i < Histogram.BOUNDS_SECONDS.length ? number(Histogram.BOUNDS_SECONDS[i]) : "+Inf";
      sample(name + "_bucket", cumulative[i], withLe);
    }
    sample(name + "_sum", h.sumSeconds(), labels);
    sample(name + "_count", h.count(), labels);
    return this;
  }

  /** Integers without a fraction, other values in decimal, and the special values. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    double abs = Math.abs(v);
    // Plain decimals where they are short (bucket bounds read "0.0005", not "5.0E-4").
    return abs >= 1e-6 && abs < 1e15
        ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
        : Double.toString(v);
  }

  /** Label values escape backslash, double quote and newline; help text backslash and newline. */
  private void escape(String s, boolean quote) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '"' -> out.append(quote ? "\\\"" : "\"");
        default -> out.append(c);
      }
    }
  }

  /** Everything written so far. */
  public String text() {
    return out.toString();
  }
}
