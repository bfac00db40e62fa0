package io.clavis.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a file of values, as {@code wc -l} and {@code sed -n Np} count them: split at {@code
 * \n} only (a {@code \r} before it is dropped, one elsewhere is part of the line), UTF-8 strictly
 * (a malformed line is refused by its number, not altered), a byte order mark at the start ignored,
 * and no line longer than {@link #MAX_LINE_BYTES}.
 */
final class LineInput implements AutoCloseable {
  static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

  private final InputStream in;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private long number;

  LineInput(InputStream in) {
    this.in = new BufferedInputStream(in, 64 * 1024);
  }

  /** The number of the last line returned (1 for the first). */
  long number() {
    return number;
  }

  /** The next line without its line ending, or null at the end of the input. */
  String next() throws IOException {
    line.reset();
    int b;
    boolean any = false;
    while ((b = in.read()) >= 0) {
      any = true;
      if (b == '\n') {
        break;
      }
      if (line.size() >= MAX_LINE_BYTES) {
        throw new CliException(
            "line " + (number + 1) + " is longer than " + MAX_LINE_BYTES / (1024 * 1024) + " MiB");
      }
      line.write(b);
    }
    if (!any) {
      return null;
    }
    number++;
    byte[] bytes = line.toByteArray();
    int length = bytes.length;
    if (length > 0 && bytes[length - 1] == '\r') {
      length--;
    }
    int start = 0;
    if (number == 1
        && length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      start = 3;
    }
    try {
      return utf8.decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
    } catch (CharacterCodingException e) {
      throw new CliException("line " + number + " is not valid UTF-8");
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
