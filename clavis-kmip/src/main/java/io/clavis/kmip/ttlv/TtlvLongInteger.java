package io.clavis.kmip.ttlv;

/** A Long Integer item: a signed 64-bit value, sent as 8 bytes big-endian. */
public record TtlvLongInteger(int tag, long value) implements Ttlv {
  public TtlvLongInteger {
    TtlvTags.requireValid(tag);
  }

  @Override
  public ItemType type() {
    return ItemType.LONG_INTEGER;
  }

  @Override
  public String toString() {
    return "TtlvLongInteger[tag=" + TtlvTags.hex(tag) + ", value=" + value + "]";
  }
}
