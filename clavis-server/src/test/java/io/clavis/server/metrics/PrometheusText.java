package io.clavis.server.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format 0.0.4 for tests: every line must be a HELP or TYPE
 * comment or a sample {@code name{labels} value}; every sample must belong to a family whose TYPE
 * came before it; no family may be declared twice; histogram buckets must be cumulative and end in
 * {@code +Inf} equal to {@code _count}. Anything else fails with the offending line.
 */
public final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE = Pattern.compile("(" + NAME + ")(?:\\{(.*)\\})? (\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");
  private static final Pattern VALUE =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?(?:[eE][+-]?\\d+)?|\\.\\d+|Inf)|NaN");

  /** One sample line. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  private final List<Sample> samples;
  private final Map<String, String> types;

  private PrometheusText(List<Sample> samples, Map<String, String> types) {
    this.samples = samples;
    this.types = types;
  }

  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new AssertionError("the exposition does not end with a newline");
    }
    List<Sample> samples = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    Set<String> helped = new HashSet<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty() && n > 1 && text.endsWith("\n")) {
        continue; // the end of the last line
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (!helped.add(m.group(1))) {
          throw fail(n, line, "a second HELP for the family");
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        if (types.put(m.group(1), m.group(2)) != null) {
          throw fail(n, line, "a second TYPE for the family");
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        if (!VALUE.matcher(m.group(3)).matches()) {
          throw fail(n, line, "neither a comment nor a sample (not a number)");
        }
        if (!types.containsKey(family(name, types))) {
          throw fail(n, line, "a sample before its family's TYPE");
        }
        samples.add(new Sample(name, labels(m.group(2), n, line), number(m.group(3))));
      } else {
        throw fail(n, line, "neither a comment nor a sample");
      }
    }
    PrometheusText parsed = new PrometheusText(samples, types);
    parsed.checkHistograms();
    return parsed;
  }

  private static String family(String name, Map<String, String> types) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        if ("histogram".equals(types.get(base))) {
          return base;
        }
      }
    }
    return name;
  }

  private static Map<String, String> labels(String text, int n, String line) {
    Map<String, String> out = new LinkedHashMap<>();
    if (text == null) {
      return out;
    }
    Matcher m = LABEL.matcher(text);
    int at = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw fail(n, line, "malformed labels");
      }
      String value =
          m.group(2).replace("\\\\", "\u0000").replace("\\\"", "\"").replace("\\n", "\n");
      if (out.put(m.group(1), value.replace("\u0000", "\\")) != null) {
        throw fail(n, line, "a label twice");
      }
      at = m.end();
    }
    return out;
  }

  private static double number(String s) {
    return switch (s) {
      case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static AssertionError fail(int n, String line, String why) {
    return new AssertionError("line " + n + " is " + why + ": " + line);
  }

  /** Buckets never decrease along {@code le}, end with +Inf, and +Inf equals _count. */
  private void checkHistograms() {
    Map<Map<String, String>, Double> previous = new HashMap<>();
    Map<Map<String, String>, Double> inf = new HashMap<>();
    for (Sample s : samples) {
      String base = family(s.name(), types);
      if (!"histogram".equals(types.get(base))) {
        continue;
      }
      if (s.name().endsWith("_bucket")) {
        Map<String, String> series = new HashMap<>(s.labels());
        series.remove("le");
        series.put("__name__", base);
        Double before = previous.put(series, s.value());
        if (before != null && s.value() < before) {
          throw new AssertionError("buckets decrease: " + s);
        }
        if ("+Inf".equals(s.labels().get("le"))) {
          inf.put(series, s.value());
        }
      } else if (s.name().endsWith("_count")) {
        Map<String, String> series = new HashMap<>(s.labels());
        series.put("__name__", base);
        Double all = inf.get(series);
        if (all == null || all != s.value()) {
          throw new AssertionError("no +Inf bucket equal to " + s);
        }
      }
    }
  }

  public List<Sample> samples() {
    return samples;
  }

  /** The declared type of a family, or null. */
  public String type(String family) {
    return types.get(family);
  }

  /** The value of the one sample with this name and these labels (name, value, ...), or 0. */
  public double value(String name, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().equals(wanted))
        .mapToDouble(Sample::value)
        .findFirst()
        .orElse(0);
  }

  /** Whether any sample has this name. */
  public boolean has(String name) {
    return samples.stream().anyMatch(s -> s.name().equals(name));
  }
}
