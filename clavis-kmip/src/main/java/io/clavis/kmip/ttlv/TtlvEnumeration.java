package io.clavis.kmip.ttlv;

/**
 * An Enumeration item: a 32-bit value sent as 4 bytes big-endian and 4 zero bytes of padding.
 *
 * <p>The specification calls the value unsigned; this record keeps its 32 bits in an {@code int},
 * so vendor extensions (first nibble 8) read as negative numbers. Comparisons with enumeration
 * constants work either way; use {@link #unsignedValue()} to display one.
 */
public record TtlvEnumeration(int tag, int value) implements Ttlv {
  public TtlvEnumeration {
    TtlvTags.requireValid(tag);
  }

  @Override
  public ItemType type() {
    return ItemType.ENUMERATION;
  }

  /** Returns the value as the unsigned number the specification means. */
  public long unsignedValue() {
    return Integer.toUnsignedLong(value);
  }

  @Override
  public String toString() {
    return "TtlvEnumeration[tag=" + TtlvTags.hex(tag) + String.format(", value=0x%08X]", value);
  }
}
