package io.clavis.kmip.ttlv;

/**
 * Checks and formats the three-byte tags of TTLV items.
 *
 * <p>Any 24-bit value is a valid tag for the codec: tags the KMIP tables do not list (vendor
 * extensions in 0x540000-0x54FFFF, or tags of a newer KMIP version) must survive decoding so that
 * the message layer can answer them properly instead of the codec dropping the connection.
 */
public final class TtlvTags {
  /** The largest value that fits in the three tag bytes. */
  public static final int MAX_TAG = 0xFF_FFFF;

  private TtlvTags() {}

  /**
   * Returns {@code tag} if it fits in three bytes.
   *
   * @throws IllegalArgumentException if it does not
   */
  public static int requireValid(int tag) {
    if (tag < 0 || tag > MAX_TAG) {
      throw new IllegalArgumentException(
          "a TTLV tag has 3 bytes, got 0x" + Integer.toHexString(tag));
    }
    return tag;
  }

  /**
   * Returns the tag as six upper-case hex digits after {@code 0x}, the specification's notation.
   */
  public static String hex(int tag) {
    return String.format("0x%06X", tag);
  }
}
