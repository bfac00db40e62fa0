package io.clavis.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stored line format. Writing uses this hand-written serializer rather than a general JSON
 * library so that the field order, number format and string escaping (and therefore the hashed
 * bytes) never change with a library upgrade. Reading uses Jackson, strictly (duplicate keys and
 * trailing data are errors), because a line is only read back after its hash has been checked or
 * when querying, never to reproduce bytes.
 */
final class AuditJson {
  /** The separator before the hash value; everything before it is what the hash covers. */
  static final String HASH_FIELD = ",\"hash\":\"";

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final long FIRST_FAST_SECOND = 0; // 1970-01-01T00:00:00Z
  private static final long END_FAST_SECOND = 253_402_300_800L; // 10000-01-01T00:00:00Z
  private static final String SEQ_PREFIX = "{\"seq\":";
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private AuditJson() {}

  /** RFC 3339 UTC with exactly six fractional digits, so equal instants give equal bytes. */
  static String time(Instant time) {
    LineBuffer b = new LineBuffer(32);
    time(b, time);
    return b.toString();
  }

  private static void time(LineBuffer b, Instant time) {
    long seconds = time.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds >= END_FAST_SECOND) {
      b.ascii(TIME.format(time)); // years before 1970 or after 9999: never on the hot path
      return;
    }
    // Every record formats its time: digits by hand instead of DateTimeFormatter's machinery.
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, time.getNano(), ZoneOffset.UTC);
    digits(b, 4, t.getYear()).ascii('-');
    digits(b, 2, t.getMonthValue()).ascii('-');
    digits(b, 2, t.getDayOfMonth()).ascii('T');
    digits(b, 2, t.getHour()).ascii(':');
    digits(b, 2, t.getMinute()).ascii(':');
    digits(b, 2, t.getSecond()).ascii('.');
    digits(b, 6, time.getNano() / 1000).ascii('Z');
  }

  private static LineBuffer digits(LineBuffer b, int width, int value) {
    int divisor = 1;
    for (int i = 1; i < width; i++) {
      divisor *= 10;
    }
    for (; divisor > 0; divisor /= 10) {
      b.ascii((char) ('0' + value / divisor % 10));
    }
    return b;
  }

  /** The hashed part of a line: from '{' through the closing quote of the prevHash value. */
  static String body(long seq, String node, AuditEvent e, String prevHash) {
    LineBuffer b = new LineBuffer(384);
    body(b, seq, node, e, prevHash);
    return b.toString();
  }

  /** Appends the hashed part of a line as UTF-8. */
  static void body(LineBuffer b, long seq, String node, AuditEvent e, String prevHash) {
    b.ascii(SEQ_PREFIX).number(seq);
    b.ascii(",\"time\":\"");
    time(b, e.time());
    b.ascii('"');
    field(b, "node", node);
    field(b, "principal", e.principal());
    field(b, "principalId", e.principalId());
    field(b, "authMethod", e.authMethod());
    field(b, "clientAddress", e.clientAddress());
    field(b, "protocol", e.protocol());
    field(b, "operation", e.operation());
    b.ascii(",\"resources\":{");
    boolean first = true;
    for (Map.Entry<String, String> r : e.resources().entrySet()) {
      if (!first) {
        b.ascii(',');
      }
      first = false;
      string(b, r.getKey());
      b.ascii(':');
      string(b, r.getValue());
    }
    b.ascii('}');
    field(b, "result", e.result());
    field(b, "code", e.code());
    field(b, "requestId", e.requestId());
    b.ascii(",\"durationMicros\":").number(e.durationMicros());
    field(b, "userAgent", e.userAgent());
    field(b, "prevHash", prevHash);
  }

  /** What follows the body: the hash field and the closing brace (no newline). */
  static String tail(String hash) {
    return HASH_FIELD + hash + "\"}";
  }

  /** The whole stored line of a record, without the newline. */
  static String line(AuditRecord r) {
    return body(r.seq(), r.node(), r.event(), r.prevHash()) + tail(r.hash());
  }

  /**
   * The seq of a line without parsing it, or null when the line does not start like a record; cheap
   * enough to skip records before a paging cursor and to name the seq of a broken line.
   */
  static Long peekSeq(byte[] line) {
    int i = SEQ_PREFIX.length();
    if (line.length <= i) {
      return null;
    }
    for (int k = 0; k < i; k++) {
      if (line[k] != SEQ_PREFIX.charAt(k)) {
        return null;
      }
    }
    long seq = 0;
    int start = i;
    while (i < line.length && line[i] >= '0' && line[i] <= '9' && i - start < 19) {
      seq = seq * 10 + (line[i] - '0');
      i++;
    }
    if (i == start || i == line.length || line[i] != ',' || seq < 0) {
      return null;
    }
    return seq;
  }

  /** Reads a stored line back; any deviation from the record shape is an IOException. */
  static AuditRecord parse(byte[] line) throws IOException {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IOException(e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IOException("not a JSON object");
    }
    try {
      AuditEvent event =
          new AuditEvent(
              Instant.parse(required(n, "time")),
              text(n, "principal"),
              text(n, "principalId"),
              text(n, "authMethod"),
              text(n, "clientAddress"),
              text(n, "protocol"),
              required(n, "operation"),
              resources(n),
              required(n, "result"),
              text(n, "code"),
              text(n, "requestId"),
              number(n, "durationMicros"),
              text(n, "userAgent"));
      return new AuditRecord(
          number(n, "seq"),
          required(n, "node"),
          event,
          required(n, "prevHash"),
          required(n, "hash"));
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IOException(e.getMessage());
    }
  }

  private static String text(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException(name + " is not a string");
    }
    return v.textValue();
  }

  private static String required(JsonNode n, String name) {
    String v = text(n, name);
    if (v == null) {
      throw new IllegalArgumentException(name + " is missing");
    }
    return v;
  }

  private static long number(JsonNode n, String name) {
    JsonNode v = n.get(name);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new IllegalArgumentException(name + " is not an integer");
    }
    return v.longValue();
  }

  private static Map<String, String> resources(JsonNode n) {
    JsonNode v = n.get("resources");
    if (v == null || v.isNull()) {
      return Map.of();
    }
    if (!v.isObject()) {
      throw new IllegalArgumentException("resources is not an object");
    }
    Map<String, String> out = new TreeMap<>();
    for (Iterator<String> names = v.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      out.put(name, text(v, name));
    }
    return out;
  }

  private static void field(LineBuffer b, String name, String value) {
    b.ascii(",\"").ascii(name).ascii("\":");
    string(b, value);
  }

  /**
   * JSON string escaping that is a pure function of the string, so every string has exactly one
   * encoding: control characters become {@code \\uXXXX}; a lone surrogate (not text, and refused by
   * JSON parsers even when escaped) becomes U+FFFD, as the UTF-8 encoder would make it anyway.
   */
  private static void string(LineBuffer b, String s) {
    if (s == null) {
      b.ascii("null");
      return;
    }
    b.ascii('"');
    if (!b.plainAscii(s)) { // ids, names and operations: almost every string is plain ASCII
      b.utf8(escaped(s));
    }
    b.ascii('"');
  }

  private static String escaped(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        default -> {
          if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            b.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            b.append('\ufffd');
          } else if (c < 0x20) {
            b.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
