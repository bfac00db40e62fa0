package io.clavis.kmip.ttlv;

/** A Boolean item, sent as 8 bytes holding 0 or 1; the decoder rejects any other value. */
public record TtlvBoolean(int tag, boolean value) implements Ttlv {
  public TtlvBoolean {
    TtlvTags.requireValid(tag);
  }

  @Override
  public ItemType type() {
    return ItemType.BOOLEAN;
  }

  @Override
  public String toString() {
    return "TtlvBoolean[tag=" + TtlvTags.hex(tag) + ", value=" + value + "]";
  }
}
