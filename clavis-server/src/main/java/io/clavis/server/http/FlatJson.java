package io.clavis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The request bodies and answers of the crypto operations, read and written without a general JSON
 * library: one flat object of ASCII strings (base64, ids, names) and a few plain values. A general
 * parser decodes every character of a kilobyte-sized base64 string one at a time, a general writer
 * looks up a serializer for every value; here a string is found by a scan and copied in one step.
 *
 * <p>Reading takes strings, {@code true}, {@code false} and {@code null}, without escape sequences.
 * Anything else (numbers, nesting, escapes, non-ASCII text, duplicate names, any syntax error)
 * makes {@link #parse} answer null, and Jackson reads the body instead: what is accepted here is a
 * subset of JSON whose tree Jackson would build the same, so the two paths never disagree, and
 * every error message comes from one place. Writing is the same bargain: {@link #write} makes
 * exactly Jackson's bytes for what it takes and answers null for the rest.
 */
final class FlatJson {
  private static final JsonNodeFactory NODES = JsonSupport.MAPPER.getNodeFactory();
  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private FlatJson() {}

  /**
   * The object in {@code body}, or null when it is not in the simple shape read here. Names and
   * strings longer than Jackson's limits (the same numbers as given to it) are left to Jackson, to
   * be refused there.
   */
  static ObjectNode parse(byte[] body, int maxNameLength, int maxStringLength) {
    int i = skipSpace(body, 0);
    if (i == body.length || body[i] != '{') {
      return null;
    }
    ObjectNode object = NODES.objectNode();
    i = skipSpace(body, i + 1);
    if (i < body.length && body[i] == '}') {
      return end(body, i + 1, object);
    }
    while (true) {
      if (i == body.length || body[i] != '"') {
        return null;
      }
      int nameEnd = stringEnd(body, i + 1);
      if (nameEnd < 0 || nameEnd - i - 1 > maxNameLength) {
        return null;
      }
      String name = latin1(body, i + 1, nameEnd);
      i = skipSpace(body, nameEnd + 1);
      if (i == body.length || body[i] != ':') {
        return null;
      }
      i = skipSpace(body, i + 1);
      if (i == body.length) {
        return null;
      }
      JsonNode value;
      if (body[i] == '"') {
        int valueEnd = stringEnd(body, i + 1);
        if (valueEnd < 0 || valueEnd - i - 1 > maxStringLength) {
          return null;
        }
        value = NODES.textNode(latin1(body, i + 1, valueEnd));
        i = valueEnd + 1;
      } else if (word(body, i, "true")) {
        value = NODES.booleanNode(true);
        i += 4;
      } else if (word(body, i, "false")) {
        value = NODES.booleanNode(false);
        i += 5;
      } else if (word(body, i, "null")) {
        value = NODES.nullNode();
        i += 4;
      } else {
        return null;
      }
      if (object.putIfAbsent(name, value) != null) {
        return null; // a duplicate name: Jackson's rule decides
      }
      i = skipSpace(body, i);
      if (i == body.length) {
        return null;
      }
      if (body[i] == '}') {
        return end(body, i + 1, object);
      }
      if (body[i] != ',') {
        return null;
      }
      i = skipSpace(body, i + 1);
    }
  }

  /**
   * The JSON of {@code answer}, or null when it holds anything but names and strings of ASCII
   * without control characters, quotes or backslashes, ints, longs, booleans and {@link
   * Base64Bytes}.
   */
  static byte[] write(Map<?, ?> answer) {
    // One look at the map: the entries as they are now are the ones sized and written.
    Object[] entries = answer.entrySet().toArray();
    byte[][] names = new byte[entries.length][];
    byte[][] values = new byte[entries.length][];
    boolean[] quoted = new boolean[entries.length];
    int size = 2 + Math.max(0, entries.length - 1); // the braces and the commas
    for (int n = 0; n < entries.length; n++) {
      Map.Entry<?, ?> e = (Map.Entry<?, ?>) entries[n];
      if (!(e.getKey() instanceof String name) || !isPlain(name)) {
        return null;
      }
      Object value = e.getValue();
      if (value instanceof Base64Bytes b) {
        values[n] = b.encoded();
        quoted[n] = true;
      } else if (value instanceof String s && isPlain(s)) {
        values[n] = s.getBytes(StandardCharsets.US_ASCII);
        quoted[n] = true;
      } else if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
        values[n] = value.toString().getBytes(StandardCharsets.US_ASCII);
      } else {
        return null;
      }
      names[n] = name.getBytes(StandardCharsets.US_ASCII);
      size += names[n].length + 3 + values[n].length + (quoted[n] ? 2 : 0); // "name":value
    }
    byte[] out = new byte[size];
    int at = 0;
    out[at++] = '{';
    for (int n = 0; n < entries.length; n++) {
      if (n > 0) {
        out[at++] = ',';
      }
      out[at++] = '"';
      at = put(names[n], out, at);
      out[at++] = '"';
      out[at++] = ':';
      if (quoted[n]) {
        out[at++] = '"';
      }
      at = put(values[n], out, at);
      if (quoted[n]) {
        out[at++] = '"';
      }
    }
    out[at] = '}';
    return out;
  }

  private static int put(byte[] bytes, byte[] out, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /**
   * ASCII that JSON writes as it is (no control character, quote or backslash): what {@link #parse}
   * reads as well.
   */
  private static boolean isPlain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7f || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  /** The object, if only whitespace follows it. */
  private static ObjectNode end(byte[] body, int i, ObjectNode object) {
    return skipSpace(body, i) == body.length ? object : null;
  }

  /**
   * The index of the quote closing a string that starts at {@code from}, or -1 when the string
   * holds an escape, a control character or a non-ASCII byte, or is not closed.
   */
  private static int stringEnd(byte[] body, int from) {
    int i = from;
    // Eight bytes at a time while none of them is a quote, a backslash, a control character or
    // non-ASCII (a kilobyte of base64 has none); the word that has one is looked at byte by byte.
    while (i <= body.length - 8 && !special((long) WORDS.get(body, i))) {
      i += 8;
    }
    for (; i < body.length; i++) {
      byte b = body[i];
      if (b == '"') {
        return i;
      }
      if (b == '\\' || b < 0x20) { // bytes of non-ASCII UTF-8 are negative
        return -1;
      }
    }
    return -1;
  }

  /**
   * Whether any byte of {@code word} is a quote, a backslash, below 0x20 or above 0x7f (the usual
   * SWAR tests: a byte equal to {@code c} is a zero byte of {@code word ^ c...c}, and a zero or
   * small byte borrows into its top bit when a constant is subtracted).
   */
  private static boolean special(long word) {
    long quotes = word ^ 0x2222222222222222L;
    long backslashes = word ^ 0x5c5c5c5c5c5c5c5cL;
    long found =
        ((quotes - 0x0101010101010101L) & ~quotes)
            | ((backslashes - 0x0101010101010101L) & ~backslashes)
            | ((word - 0x2020202020202020L) & ~word)
            | word;
    return (found & 0x8080808080808080L) != 0;
  }

  /** A literal followed by a delimiter, so that {@code truex} or {@code nullnull} is not taken. */
  private static boolean word(byte[] body, int i, String literal) {
    int end = i + literal.length();
    if (end > body.length) {
      return false;
    }
    for (int k = 0; k < literal.length(); k++) {
      if (body[i + k] != literal.charAt(k)) {
        return false;
      }
    }
    return end == body.length || isSpace(body[end]) || body[end] == ',' || body[end] == '}';
  }

  private static String latin1(byte[] body, int from, int to) {
    return new String(body, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static int skipSpace(byte[] body, int i) {
    while (i < body.length && isSpace(body[i])) {
      i++;
    }
    return i;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
