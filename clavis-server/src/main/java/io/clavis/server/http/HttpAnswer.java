package io.clavis.server.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpHeaderValidationUtil;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bytes of one HTTP/1.1 answer: status line, headers and body written into one buffer of its
 * exact size, so that TLS seals each answer as one record straight from it (Netty's encoder wrote
 * the head into one buffer and left the body in another, which TLS then had to join first).
 *
 * <p>Header names must be tokens, and values must not hold control characters other than a tab nor
 * start with white space (Netty's rules, as its encoder applied them): above all a line break would
 * let a value end the head early, so it is refused with an {@link IllegalArgumentException} instead
 * of being sent. Values are sent as ASCII, a character outside it as '?' (a node name in another
 * script must not make every answer fail).
 */
final class HttpAnswer {
  private static final int FIRST_STATUS = 100;
  private static final int LAST_STATUS = 599;
  private static final byte[][] STATUS_LINES = statusLines();
  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH =
      "Content-Length: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEEP_ALIVE =
      "Connection: keep-alive\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CLOSE =
      "Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private HttpAnswer() {}

  /** The interim answer to {@code Expect: 100-continue}. */
  static ByteBuf interimContinue(ByteBufAllocator alloc) {
    return alloc.directBuffer(CONTINUE.length).writeBytes(CONTINUE);
  }

  /**
   * Encodes an answer. {@code Content-Length} (except for 1xx and 204) and {@code Connection} are
   * written here; those names and {@code Transfer-Encoding} (the body is never chunked) among
   * {@code headers} are left out, and of two headers whose names differ only in case the later is
   * sent.
   *
   * @param content the body, or null for none
   * @param toHead whether the request was a HEAD: the head alone is sent, with the length the body
   *     would have had
   * @throws IllegalArgumentException for a status outside 100 to 599 or a header that is not valid
   */
  static ByteBuf encode(
      ByteBufAllocator alloc,
      int status,
      Map<String, String> headers,
      byte[] content,
      boolean toHead,
      boolean keepAlive) {
    if (status < FIRST_STATUS || status > LAST_STATUS) {
      throw new IllegalArgumentException("not an HTTP status: " + status);
    }
    byte[] statusLine = STATUS_LINES[status - FIRST_STATUS];
    int contentLength = content == null ? 0 : content.length;
    boolean declaresLength = status >= 200 && status != 204;
    String length = declaresLength ? Integer.toString(contentLength) : null;
    boolean sendsBody = !toHead && declaresLength && status != 304;
    int size = statusLine.length + (keepAlive ? KEEP_ALIVE.length : CLOSE.length);
    String[] names = new String[headers.size()];
    String[] values = new String[names.length];
    int count = 0;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      names[count] = h.getKey();
      values[count++] = h.getValue();
    }
    boolean[] sent = new boolean[count];
    for (int i = 0; i < count; i++) {
      sent[i] = sent(names, i);
      if (sent[i]) {
        size += checkedLength(names[i], values[i]) + 4; // ": " and CRLF
      }
    }
    if (length != null) {
      size += CONTENT_LENGTH.length + length.length() + 2;
    }
    if (sendsBody) {
      size += contentLength;
    }
    ByteBuf out = alloc.directBuffer(size);
    out.writeBytes(statusLine);
    for (int i = 0; i < count; i++) {
      if (!sent[i]) {
        continue;
      }
      out.writeCharSequence(names[i], StandardCharsets.US_ASCII); // a token: ASCII
      out.writeByte(':').writeByte(' ');
      writeAscii(out, values[i]);
      out.writeByte('\r').writeByte('\n');
    }
    if (length != null) {
      out.writeBytes(CONTENT_LENGTH);
      out.writeCharSequence(length, StandardCharsets.US_ASCII);
      out.writeByte('\r').writeByte('\n');
    }
    out.writeBytes(keepAlive ? KEEP_ALIVE : CLOSE);
    if (sendsBody && content != null) {
      out.writeBytes(content);
    }
    return out;
  }

  private static void writeAscii(ByteBuf out, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      out.writeByte(c < 0x80 ? c : '?');
    }
  }

  /** Whether header {@code i} is sent: not one written here, and not given again later. */
  private static boolean sent(String[] names, int i) {
    String name = names[i];
    if (name.equalsIgnoreCase("Content-Length")
        || name.equalsIgnoreCase("Connection")
        || name.equalsIgnoreCase("Transfer-Encoding")) {
      return false;
    }
    for (int later = i + 1; later < names.length; later++) {
      if (names[later].equalsIgnoreCase(name)) {
        return false;
      }
    }
    return true;
  }

  /** The bytes of "name: value" without separators, once both are known to be valid. */
  private static int checkedLength(String name, String value) {
    if (name.isEmpty() || HttpHeaderValidationUtil.validateToken(name) >= 0) {
      throw new IllegalArgumentException("header name is not a token: " + name);
    }
    if (HttpHeaderValidationUtil.validateValidHeaderValue(value) >= 0) {
      throw new IllegalArgumentException("header " + name + " has a character not allowed");
    }
    return name.length() + value.length();
  }

  private static byte[][] statusLines() {
    byte[][] lines = new byte[LAST_STATUS - FIRST_STATUS + 1][];
    for (int s = FIRST_STATUS; s <= LAST_STATUS; s++) {
      String reason = HttpResponseStatus.valueOf(s).reasonPhrase();
      lines[s - FIRST_STATUS] =
          ("HTTP/1.1 " + s + " " + reason + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
    return lines;
  }
}
