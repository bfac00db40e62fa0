package io.clavis.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes of audit lines as they are built: records are written here as UTF-8 directly, hashed
 * from here and written to the segment from here, instead of passing through a String, its encoding
 * and a stream's copy for each record.
 */
final class LineBuffer {
  private byte[] bytes;
  private int length;

  LineBuffer(int initialCapacity) {
    bytes = new byte[initialCapacity];
  }

  int length() {
    return length;
  }

  /** The backing array: valid up to {@link #length}, and only until the next append. */
  byte[] array() {
    return bytes;
  }

  void reset() {
    length = 0;
  }

  LineBuffer ascii(char c) {
    ensure(1);
    bytes[length++] = (byte) c;
    return this;
  }

  /** Appends a string known to be ASCII (names, numbers, hex). */
  LineBuffer ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      bytes[length++] = (byte) s.charAt(i);
    }
    return this;
  }

  LineBuffer number(long value) {
    return ascii(Long.toString(value));
  }

  LineBuffer utf8(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    ensure(b.length);
    System.arraycopy(b, 0, bytes, length, b.length);
    length += b.length;
    return this;
  }

  /**
   * Appends {@code s} and returns true if every character is one that JSON and UTF-8 leave as it is
   * (ASCII from space to DEL other than a quote or a backslash); otherwise returns false at the
   * first other character and leaves the buffer as it was.
   */
  boolean plainAscii(String s) {
    int n = s.length();
    ensure(n);
    int at = length;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7f || c == '"' || c == '\\') {
        return false;
      }
      bytes[at + i] = (byte) c;
    }
    length = at + n;
    return true;
  }

  @Override
  public String toString() {
    return new String(bytes, 0, length, StandardCharsets.UTF_8);
  }

  private void ensure(int more) {
    if (bytes.length - length < more) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }
}
