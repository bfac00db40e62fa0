package io.clavis.kmip.ttlv;

import io.clavis.kmip.ttlv.TtlvFormatException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Decodes TTLV bytes into items, strictly and within {@linkplain Limits limits}.
 *
 * <p>Strict means that every input has at most one reading: padding must be zero, fixed-size types
 * must declare their size, structures must be filled exactly by their children, Booleans must be 0
 * or 1, text must be UTF-8, and nothing may follow the top-level item. A lenient decoder would
 * accept bytes that another implementation (a proxy, an audit tool) reads differently; a strict one
 * turns that disagreement into an error at the first wrong byte.
 *
 * <p>Tags are not checked: an unknown tag is well-formed TTLV and the message layer's business.
 */
public final class TtlvDecoder {
  private static final int HEADER = 8;

  /**
   * Bounds on what one message may cost the decoder, checked before the work or the memory is
   * spent.
   *
   * @param maxMessageBytes the longest message, header included; the default of 1 MiB is far above
   *     any KMIP request Clavis serves
   * @param maxDepth the most structures nested in one another, the top-level one included
   * @param maxItems the most items in one message, structures and the top-level item included
   * @param maxBigIntegerBytes the longest Big Integer value; the default of 520 bytes is what a
   *     4096-bit RSA modulus takes (4096 bits plus a sign bit, padded to a multiple of 8 bytes)
   */
  public record Limits(int maxMessageBytes, int maxDepth, int maxItems, int maxBigIntegerBytes) {
    /** 1 MiB, 16 levels, 10,000 items, 520-byte Big Integers. */
    public static final Limits DEFAULT = new Limits(1 << 20, 16, 10_000, 520);

    public Limits {
      if (maxMessageBytes < HEADER || maxDepth < 1 || maxItems < 1 || maxBigIntegerBytes < 8) {
        throw new IllegalArgumentException(
            "limits must allow at least one 8-byte item and an 8-byte Big Integer");
      }
    }
  }

  private TtlvDecoder() {}

  /** Decodes one whole message under the {@linkplain Limits#DEFAULT default limits}. */
  public static Ttlv decode(byte[] message) {
    return decode(message, Limits.DEFAULT);
  }

  /**
   * Decodes one whole message: {@code message} must hold exactly one item.
   *
   * @throws TtlvFormatException if the bytes are not one valid item within the limits
   */
  public static Ttlv decode(byte[] message, Limits limits) {
    return new TtlvParser(message, limits).parse();
  }

  /**
   * Reads exactly one message from a stream, such as a KMIP connection, and decodes it.
   *
   * <p>The first 8 bytes (the top-level item header) give the message length, which is checked
   * against {@link Limits#maxMessageBytes()} before the buffer for the rest is allocated, so a peer
   * cannot make the server allocate what it claims. Reading blocks until the message is complete;
   * bounding the wait is the caller's business (a socket timeout).
   *
   * @return the decoded message, or null if the stream ended cleanly before the first byte
   * @throws TtlvFormatException if the stream ends inside the message or the message is invalid
   * @throws IOException if reading fails
   */
  public static Ttlv readMessage(InputStream in, Limits limits) throws IOException {
    byte[] header = in.readNBytes(HEADER);
    if (header.length == 0) {
      return null;
    }
    if (header.length < HEADER) {
      throw new TtlvFormatException(
          Reason.TRUNCATED, header.length, "the stream ended inside the message header");
    }
    if (ItemType.fromCode(header[3] & 0xFF) == null) {
      throw new TtlvFormatException(
          Reason.BAD_TYPE, 3, "type byte " + (header[3] & 0xFF) + " names no item type");
    }
    long length = TtlvParser.unsignedInt(header, 4);
    long total = HEADER + TtlvPadding.roundUp(length);
    if (total > limits.maxMessageBytes()) {
      throw new TtlvFormatException(
          Reason.TOO_LARGE,
          4,
          "the message declares " + total + " bytes, the limit is " + limits.maxMessageBytes());
    }
    byte[] message = Arrays.copyOf(header, (int) total);
    int read = in.readNBytes(message, HEADER, message.length - HEADER);
    if (read < message.length - HEADER) {
      throw new TtlvFormatException(
          Reason.TRUNCATED, HEADER + read, "the stream ended inside a " + total + "-byte message");
    }
    return decode(message, limits);
  }
}
