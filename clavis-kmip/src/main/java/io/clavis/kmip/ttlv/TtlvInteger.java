package io.clavis.kmip.ttlv;

/**
 * An Integer item: a signed 32-bit value, sent as 4 bytes big-endian followed by 4 zero bytes of
 * padding.
 */
public record TtlvInteger(int tag, int value) implements Ttlv {
  public TtlvInteger {
    TtlvTags.requireValid(tag);
  }

  @Override
  public ItemType type() {
    return ItemType.INTEGER;
  }

  @Override
  public String toString() {
    return "TtlvInteger[tag=" + TtlvTags.hex(tag) + ", value=" + value + "]";
  }
}
