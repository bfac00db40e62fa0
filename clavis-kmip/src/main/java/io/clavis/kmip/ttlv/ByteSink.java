package io.clavis.kmip.ttlv;

import java.util.Arrays;

/**
 * A growable big-endian byte buffer for the encoder, with the one operation a stream cannot offer:
 * writing a structure's length after its children.
 */
final class ByteSink {
  /** The largest array the JVM reliably allocates. */
  private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

  private byte[] bytes = new byte[256];
  private int size;

  int size() {
    return size;
  }

  void writeHeader(int tag, ItemType type, int length) {
    ensure(8);
    bytes[size++] = (byte) (tag >>> 16);
    bytes[size++] = (byte) (tag >>> 8);
    bytes[size++] = (byte) tag;
    bytes[size++] = (byte) type.code();
    writeInt(length);
  }

  void writeInt(int value) {
    ensure(4);
    putInt(size, value);
    size += 4;
  }

  void writeLong(long value) {
    writeInt((int) (value >>> 32));
    writeInt((int) value);
  }

  void write(byte[] value) {
    ensure(value.length);
    System.arraycopy(value, 0, bytes, size, value.length);
    size += value.length;
  }

  /** Appends {@code count} copies of {@code value}: zero padding or Big Integer sign extension. */
  void fill(int count, byte value) {
    ensure(count);
    Arrays.fill(bytes, size, size + count, value);
    size += count;
  }

  /** Overwrites the length field of the item header that starts at {@code headerOffset}. */
  void patchLength(int headerOffset, int length) {
    putInt(headerOffset + 4, length);
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  private void putInt(int offset, int value) {
    bytes[offset] = (byte) (value >>> 24);
    bytes[offset + 1] = (byte) (value >>> 16);
    bytes[offset + 2] = (byte) (value >>> 8);
    bytes[offset + 3] = (byte) value;
  }

  private void ensure(int more) {
    if (more > MAX_SIZE - size) {
      throw new IllegalArgumentException("the encoded message would exceed " + MAX_SIZE + " bytes");
    }
    if (size + more > bytes.length) {
      long doubled = Math.max(2L * bytes.length, (long) size + more);
      bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, MAX_SIZE));
    }
  }
}
