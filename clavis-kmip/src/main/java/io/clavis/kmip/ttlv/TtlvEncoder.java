package io.clavis.kmip.ttlv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Encodes an item into its TTLV bytes (KMIP 1.4 section 9.1).
 *
 * <p>There is exactly one encoding of each item: values are padded with zeros to a multiple of 8,
 * and Big Integers use the minimal sign extension, so that {@code decode(encode(x))} equals {@code
 * x} and {@code encode(decode(bytes))} equals {@code bytes} for every valid message. Structures are
 * written with an explicit stack rather than recursion, so that however deeply a program nests
 * items, encoding cannot overflow the thread stack.
 */
public final class TtlvEncoder {
  private static final int INT_PADDING = 4;

  private TtlvEncoder() {}

  /**
   * Returns the TTLV encoding of {@code item}.
   *
   * @throws IllegalArgumentException if the encoding would not fit in a Java array
   */
  public static byte[] encode(Ttlv item) {
    ByteSink out = new ByteSink();
    Deque<OpenStructure> open = new ArrayDeque<>();
    Ttlv next = item;
    while (true) {
      if (next instanceof TtlvStructure structure) {
        open.push(new OpenStructure(structure, out.size()));
        out.writeHeader(structure.tag(), ItemType.STRUCTURE, 0);
      } else if (next != null) {
        writePrimitive(out, next);
      }
      OpenStructure current = open.peek();
      if (current == null) {
        return out.toByteArray();
      }
      next = current.nextChild();
      if (next == null) {
        open.pop();
        out.patchLength(current.headerOffset, out.size() - current.headerOffset - 8);
      }
    }
  }

  private static void writePrimitive(ByteSink out, Ttlv item) {
    switch (item) {
      case TtlvInteger integer -> writeFour(out, integer.tag(), ItemType.INTEGER, integer.value());
      case TtlvEnumeration enumeration ->
          writeFour(out, enumeration.tag(), ItemType.ENUMERATION, enumeration.value());
      case TtlvInterval interval ->
          writeFour(out, interval.tag(), ItemType.INTERVAL, (int) interval.seconds());
      case TtlvLongInteger longInteger ->
          writeEight(out, longInteger.tag(), ItemType.LONG_INTEGER, longInteger.value());
      case TtlvBoolean bool -> writeEight(out, bool.tag(), ItemType.BOOLEAN, bool.value() ? 1 : 0);
      case TtlvDateTime dateTime ->
          writeEight(out, dateTime.tag(), ItemType.DATE_TIME, dateTime.epochSeconds());
      case TtlvDateTimeExtended extended ->
          writeEight(out, extended.tag(), ItemType.DATE_TIME_EXTENDED, extended.epochMicros());
      case TtlvBigInteger bigInteger -> writeBigInteger(out, bigInteger);
      case TtlvTextString text ->
          writeVariable(
              out, text.tag(), ItemType.TEXT_STRING, text.value().getBytes(StandardCharsets.UTF_8));
      case TtlvByteString bytes ->
          writeVariable(out, bytes.tag(), ItemType.BYTE_STRING, bytes.unsafeValue());
      case TtlvStructure structure ->
          throw new IllegalStateException("structures are written by encode()");
    }
  }

  private static void writeFour(ByteSink out, int tag, ItemType type, int value) {
    out.writeHeader(tag, type, 4);
    out.writeInt(value);
    out.fill(INT_PADDING, (byte) 0);
  }

  private static void writeEight(ByteSink out, int tag, ItemType type, long value) {
    out.writeHeader(tag, type, 8);
    out.writeLong(value);
  }

  private static void writeVariable(ByteSink out, int tag, ItemType type, byte[] value) {
    out.writeHeader(tag, type, value.length);
    out.write(value);
    out.fill(TtlvPadding.roundUp(value.length) - value.length, (byte) 0);
  }

  private static void writeBigInteger(ByteSink out, TtlvBigInteger item) {
    byte[] minimal = item.value().toByteArray();
    int length = item.encodedLength();
    out.writeHeader(item.tag(), ItemType.BIG_INTEGER, length);
    out.fill(length - minimal.length, item.value().signum() < 0 ? (byte) 0xFF : 0);
    out.write(minimal);
  }

  /** A structure whose header is written and whose children are being written. */
  private static final class OpenStructure {
    private final TtlvStructure structure;
    private final int headerOffset;
    private int nextIndex;

    OpenStructure(TtlvStructure structure, int headerOffset) {
      this.structure = structure;
      this.headerOffset = headerOffset;
    }

    /** Returns the next child to write, or null when all are written. */
    Ttlv nextChild() {
      return nextIndex < structure.children().size() ? structure.children().get(nextIndex++) : null;
    }
  }
}
