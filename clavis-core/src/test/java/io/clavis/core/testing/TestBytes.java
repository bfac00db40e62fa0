package io.clavis.core.testing;

import java.util.Arrays;

/** Byte-array helpers shared by tests. */
public final class TestBytes {
  private TestBytes() {}

  /** Concatenates the parts. */
  public static byte[] concat(byte[]... parts) {
    int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
    byte[] out = new byte[length];
    int offset = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, offset, part.length);
      offset += part.length;
    }
    return out;
  }
}
