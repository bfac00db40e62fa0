package io.clavis.server.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a segment as raw byte lines. Bytes, not characters, because the hash covers bytes and a
 * tampered file may hold anything; lines are capped at {@link #MAX_LINE_BYTES} so that a file of
 * garbage without newlines cannot exhaust memory.
 */
final class LineReader implements Closeable {
  static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * One line without its '\n'.
   *
   * @param number 1-based line number in the file
   * @param complete whether a '\n' ended it (false only for the last line of a file)
   * @param tooLong whether it exceeded the cap; {@code bytes} then holds only its start
   * @param end file offset just after the line (and its '\n')
   */
  record Line(byte[] bytes, long number, boolean complete, boolean tooLong, long end) {}

  private final InputStream in;
  private final byte[] buffer = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[1024];
  private long number;
  private long offset;

  private LineReader(InputStream in) {
    this.in = in;
  }

  static LineReader open(Path file) throws IOException {
    return new LineReader(Files.newInputStream(file));
  }

  /** The next line, or null at the end of the file. */
  Line next() throws IOException {
    int length = 0;
    boolean tooLong = false;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        int n = in.read(buffer);
        if (n <= 0) {
          pos = 0;
          limit = 0;
          return any ? line(length, false, tooLong) : null;
        }
        pos = 0;
        limit = n;
      }
      any = true;
      int newline = indexOfNewline();
      int end = newline < 0 ? limit : newline;
      int n = end - pos;
      if (!tooLong) {
        int keep = Math.min(n, MAX_LINE_BYTES - length);
        if (length + keep > line.length) {
          line =
              Arrays.copyOf(
                  line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + keep)));
        }
        System.arraycopy(buffer, pos, line, length, keep);
        length += keep;
        tooLong = keep < n;
      }
      offset += n;
      pos = end;
      if (newline >= 0) {
        pos++;
        offset++;
        return line(length, true, tooLong);
      }
    }
  }

  private int indexOfNewline() {
    for (int i = pos; i < limit; i++) {
      if (buffer[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private Line line(int length, boolean complete, boolean tooLong) {
    number++;
    return new Line(Arrays.copyOf(line, length), number, complete, tooLong, offset);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
