package io.clavis.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The request bodies of the crypto operations, read without a general JSON parser: one object of
 * ASCII strings (base64, ids, names), {@code true}, {@code false} and {@code null}, with no escape
 * sequences. A general parser decodes every character of a kilobyte-sized base64 string one at a
 * time; here it is found by a scan and copied as Latin-1 in one step.
 *
 * <p>Anything else (numbers, nesting, escapes, non-ASCII text, duplicate names, any syntax error)
 * makes {@link #parse} answer null, and Jackson reads the body instead: what is accepted here is a
 * subset of JSON whose tree Jackson would build the same, so the two paths never disagree, and
 * every error message comes from one place.
 */
final class FlatJson {
  private static final JsonNodeFactory NODES = JsonSupport.MAPPER.getNodeFactory();

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
      if (object.has(name)) {
        return null;
      }
      object.set(name, value);
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

  /** The object, if only whitespace follows it. */
  private static ObjectNode end(byte[] body, int i, ObjectNode object) {
    return skipSpace(body, i) == body.length ? object : null;
  }

  /**
   * The index of the quote closing a string that starts at {@code from}, or -1 when the string
   * holds an escape, a control character or a non-ASCII byte, or is not closed.
   */
  private static int stringEnd(byte[] body, int from) {
    for (int i = from; i < body.length; i++) {
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
