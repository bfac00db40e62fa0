package io.clavis.kmip.ttlv;

import io.clavis.kmip.ttlv.TtlvDecoder.Limits;
import io.clavis.kmip.ttlv.TtlvFormatException.Reason;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * One run of the decoder over one message.
 *
 * <p>Open structures live on an explicit stack instead of the thread stack, so nesting is bounded
 * only by {@link Limits#maxDepth()}, never by a {@link StackOverflowError}. Each item's declared
 * extent is checked against its parent's before anything is read or allocated, and every open
 * structure lies inside the input, so no read can run past the array.
 */
final class TtlvParser {
  private static final int HEADER = 8;
  private static final int VALUE = 8;

  private final byte[] in;
  private final Limits limits;
  private final Deque<OpenStructure> open = new ArrayDeque<>();
  private int pos;
  private int items;
  private CharsetDecoder utf8;

  TtlvParser(byte[] in, Limits limits) {
    this.in = in;
    this.limits = limits;
  }

  Ttlv parse() {
    if (in.length > limits.maxMessageBytes()) {
      throw fail(Reason.TOO_LARGE, 0, "the message has " + in.length + " bytes" + limitText());
    }
    if (in.length == 0) {
      throw fail(Reason.TRUNCATED, 0, "the message is empty");
    }
    Ttlv root = null;
    while (root == null) {
      Ttlv done = closeStructureEndingHere();
      if (done == null) {
        done = readItem();
      }
      if (done != null) {
        if (open.isEmpty()) {
          root = done;
        } else {
          open.peek().children.add(done);
        }
      }
    }
    if (pos != in.length) {
      throw fail(Reason.TRAILING_BYTES, pos, (in.length - pos) + " bytes follow the message");
    }
    return root;
  }

  /** Returns the innermost open structure if its value ends at the current position. */
  private Ttlv closeStructureEndingHere() {
    OpenStructure current = open.peek();
    if (current == null || pos != current.end) {
      return null;
    }
    open.pop();
    return new TtlvStructure(current.tag, current.children);
  }

  /** Reads the item at the current position; returns null if it opened a structure. */
  private Ttlv readItem() {
    int start = pos;
    long bound = open.isEmpty() ? in.length : open.peek().end;
    if (bound - start < HEADER) {
      throw open.isEmpty()
          ? fail(Reason.TRUNCATED, start, "the message ends inside an item header")
          : fail(Reason.LENGTH_OVERFLOW, start, "an item header crosses the end of its structure");
    }
    if (++items > limits.maxItems()) {
      throw fail(Reason.TOO_MANY_ITEMS, start, "more than " + limits.maxItems() + " items");
    }
    int tag = (in[start] & 0xFF) << 16 | (in[start + 1] & 0xFF) << 8 | (in[start + 2] & 0xFF);
    int code = in[start + 3] & 0xFF;
    ItemType type = ItemType.fromCode(code);
    if (type == null) {
      throw fail(Reason.BAD_TYPE, start + 3, "type byte " + code + " names no item type");
    }
    long length = unsignedInt(in, start + 4);
    checkLength(type, length, start);
    long end = start + HEADER + TtlvPadding.roundUp(length);
    if (end > bound) {
      throw overflow(start, end);
    }
    if (type == ItemType.STRUCTURE) {
      if (open.size() >= limits.maxDepth()) {
        throw fail(Reason.TOO_DEEP, start, "structures nested deeper than " + limits.maxDepth());
      }
      open.push(new OpenStructure(tag, (int) end));
      pos = start + HEADER;
      return null;
    }
    Ttlv item = readValue(tag, type, start + VALUE, (int) length);
    checkPadding(start + VALUE + (int) length, (int) end);
    pos = (int) end;
    return item;
  }

  private void checkLength(ItemType type, long length, int start) {
    int fixed = type.fixedLength();
    if (fixed != ItemType.VARIABLE && length != fixed) {
      throw fail(
          Reason.BAD_LENGTH,
          start + 4,
          "a " + type.specName() + " has " + fixed + " bytes, this one declares " + length);
    }
    if (type == ItemType.STRUCTURE && length % 8 != 0) {
      throw fail(Reason.BAD_LENGTH, start + 4, "a structure length is a multiple of 8: " + length);
    }
    if (type == ItemType.BIG_INTEGER) {
      if (length == 0 || length % 8 != 0) {
        throw fail(
            Reason.BAD_LENGTH, start + 4, "a Big Integer length is a multiple of 8: " + length);
      }
      if (length > limits.maxBigIntegerBytes()) {
        throw fail(
            Reason.BIG_INTEGER_TOO_LARGE,
            start + 4,
            "a " + length + "-byte Big Integer, the limit is " + limits.maxBigIntegerBytes());
      }
    }
  }

  /** The error for an item that ends beyond {@code bound}, named after what it runs out of. */
  private TtlvFormatException overflow(int start, long end) {
    if (!open.isEmpty()) {
      return fail(
          Reason.LENGTH_OVERFLOW,
          start + 4,
          "an item ends at byte " + end + ", after its structure ends at " + open.peek().end);
    }
    if (end > limits.maxMessageBytes()) {
      return fail(Reason.TOO_LARGE, start + 4, "the item declares " + end + " bytes" + limitText());
    }
    return fail(
        Reason.TRUNCATED,
        in.length,
        "the item declares " + end + " bytes, " + in.length + " given");
  }

  private Ttlv readValue(int tag, ItemType type, int at, int length) {
    return switch (type) {
      case INTEGER -> new TtlvInteger(tag, readInt(at));
      case LONG_INTEGER -> new TtlvLongInteger(tag, readLong(at));
      case BIG_INTEGER -> readBigInteger(tag, at, length);
      case ENUMERATION -> new TtlvEnumeration(tag, readInt(at));
      case BOOLEAN -> readBoolean(tag, at);
      case TEXT_STRING -> new TtlvTextString(tag, readUtf8(at, length));
      case BYTE_STRING -> new TtlvByteString(tag, Arrays.copyOfRange(in, at, at + length));
      case DATE_TIME -> new TtlvDateTime(tag, readLong(at));
      case INTERVAL -> new TtlvInterval(tag, Integer.toUnsignedLong(readInt(at)));
      case DATE_TIME_EXTENDED -> new TtlvDateTimeExtended(tag, readLong(at));
      case STRUCTURE -> throw new IllegalStateException("structures are opened, not read");
    };
  }

  private TtlvBigInteger readBigInteger(int tag, int at, int length) {
    BigInteger value = new BigInteger(in, at, length);
    TtlvBigInteger item = new TtlvBigInteger(tag, value);
    if (item.encodedLength() != length) {
      throw fail(
          Reason.BAD_PADDING,
          at,
          "a Big Integer with more than the minimal sign extension ("
              + length
              + " bytes where "
              + item.encodedLength()
              + " suffice)");
    }
    return item;
  }

  private TtlvBoolean readBoolean(int tag, int at) {
    long value = readLong(at);
    if (value != 0 && value != 1) {
      throw fail(Reason.BAD_BOOLEAN, at, "a Boolean is 0 or 1");
    }
    return new TtlvBoolean(tag, value == 1);
  }

  private String readUtf8(int at, int length) {
    if (utf8 == null) {
      utf8 =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
    try {
      return utf8.decode(ByteBuffer.wrap(in, at, length)).toString();
    } catch (CharacterCodingException e) {
      throw fail(Reason.BAD_UTF8, at, "a Text String that is not UTF-8");
    }
  }

  private void checkPadding(int from, int to) {
    for (int i = from; i < to; i++) {
      if (in[i] != 0) {
        throw fail(Reason.BAD_PADDING, i, "a padding byte is not zero");
      }
    }
  }

  private int readInt(int at) {
    return (int) unsignedInt(in, at);
  }

  private long readLong(int at) {
    return unsignedInt(in, at) << 32 | unsignedInt(in, at + 4);
  }

  static long unsignedInt(byte[] bytes, int at) {
    return (bytes[at] & 0xFFL) << 24
        | (bytes[at + 1] & 0xFFL) << 16
        | (bytes[at + 2] & 0xFFL) << 8
        | (bytes[at + 3] & 0xFFL);
  }

  private String limitText() {
    return ", the limit is " + limits.maxMessageBytes();
  }

  private static TtlvFormatException fail(Reason reason, long offset, String detail) {
    return new TtlvFormatException(reason, offset, detail);
  }

  /** A structure whose header has been read and whose children are being read. */
  private static final class OpenStructure {
    private final int tag;
    private final int end;
    private final List<Ttlv> children = new ArrayList<>();

    OpenStructure(int tag, int end) {
      this.tag = tag;
      this.end = end;
    }
  }
}
