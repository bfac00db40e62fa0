package io.clavis.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clavis.client.ClavisJson;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Prints results on standard output as a table or as pretty JSON. */
final class Output {
  private static final ObjectMapper JSON =
      ClavisJson.newObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final OutputFormat format;

  Output(PrintWriter out, OutputFormat format) {
    this.out = out;
    this.format = format;
  }

  boolean isJson() {
    return format == OutputFormat.json;
  }

  /** Prints {@code result} as JSON in json mode, or the table built by {@code table} otherwise. */
  void print(Object result, Supplier<Table> table) {
    if (isJson()) {
      json(result);
    } else {
      table(table.get());
    }
  }

  void json(Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot print the result as JSON", e);
    }
    out.flush();
  }

  void table(Table table) {
    out.print(table.render());
    out.flush();
  }

  void line(String text) {
    out.println(text);
    out.flush();
  }

  /** {@code deleted <what> <id>}, or {@code {"deleted": "<id>"}} in json mode. */
  void deleted(String what, String id) {
    if (isJson()) {
      json(Map.of("deleted", id));
    } else {
      line("deleted " + what + " " + id);
    }
  }

  static ObjectMapper mapper() {
    return JSON;
  }

  /** An instant to the second, ISO-8601 UTC; null stays null (printed as {@code -}). */
  static String time(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code a, b, c}; null when there are none. */
  static String list(List<String> values) {
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  /** {@code k1=v1, k2=v2}, sorted by key; null when there are none. */
  static String tags(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return null;
    }
    return new TreeMap<>(tags)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }
}
