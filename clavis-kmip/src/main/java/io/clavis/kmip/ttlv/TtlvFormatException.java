package io.clavis.kmip.ttlv;

import java.io.Serial;

/**
 * Bytes that are not one valid TTLV item under the decoder's {@linkplain TtlvDecoder.Limits
 * limits}.
 *
 * <p>The {@linkplain #reason() reason} lets callers and tests tell malformed shapes apart without
 * parsing messages, and the {@linkplain #offset() offset} points at the first byte of the item (or
 * the padding or value byte) that is wrong, for logs and debugging.
 */
public final class TtlvFormatException extends KmipDecodingException {
  @Serial private static final long serialVersionUID = 1L;

  /** What is wrong with the bytes. */
  public enum Reason {
    /** The input ends inside an item: more bytes would be needed; an empty input is truncated. */
    TRUNCATED,
    /** The type byte names no TTLV item type. */
    BAD_TYPE,
    /**
     * The declared length does not fit the type: a fixed-size type with another length, a structure
     * whose length is not a multiple of 8, or a Big Integer that is empty or not a multiple of 8.
     */
    BAD_LENGTH,
    /** An item's declared length runs past the end of the structure that contains it. */
    LENGTH_OVERFLOW,
    /** A padding byte is not zero, or a Big Integer carries more sign-extension than needed. */
    BAD_PADDING,
    /** Structures are nested deeper than {@link TtlvDecoder.Limits#maxDepth()}. */
    TOO_DEEP,
    /** The message holds more items than {@link TtlvDecoder.Limits#maxItems()}. */
    TOO_MANY_ITEMS,
    /**
     * The message is, or declares itself, longer than {@link TtlvDecoder.Limits#maxMessageBytes()}.
     */
    TOO_LARGE,
    /** A Text String is not well-formed UTF-8. */
    BAD_UTF8,
    /** A Boolean holds a value other than 0 or 1. */
    BAD_BOOLEAN,
    /** Bytes follow the end of the top-level item. */
    TRAILING_BYTES,
    /** A Big Integer is longer than {@link TtlvDecoder.Limits#maxBigIntegerBytes()}. */
    BIG_INTEGER_TOO_LARGE
  }

  private final Reason reason;
  private final long offset;

  TtlvFormatException(Reason reason, long offset, String detail) {
    super(reason + " at byte " + offset + ": " + detail);
    this.reason = reason;
    this.offset = offset;
  }

  /** Returns what is wrong. */
  public Reason reason() {
    return reason;
  }

  /** Returns the offset, from the start of the message, of the byte where the problem was found. */
  public long offset() {
    return offset;
  }
}
