package io.clavis.kmip.ttlv;

/** The 8-byte alignment of TTLV: every item, header and value alike, ends on a multiple of 8. */
final class TtlvPadding {
  /** The alignment of every item, and the size of an item header. */
  static final int ALIGNMENT = 8;

  private TtlvPadding() {}

  /** Returns {@code length} rounded up to a multiple of 8. */
  static int roundUp(int length) {
    return (length + ALIGNMENT - 1) & -ALIGNMENT;
  }

  /** Returns {@code length} rounded up to a multiple of 8, for unsigned 32-bit lengths. */
  static long roundUp(long length) {
    return (length + ALIGNMENT - 1) & -ALIGNMENT;
  }
}
