package io.clavis.kmip.ttlv;

/** Maps each item class to its {@link ItemType}, for error messages about the expected type. */
final class TtlvKinds {
  private TtlvKinds() {}

  static ItemType typeOf(Class<? extends Ttlv> kind) {
    if (kind == TtlvStructure.class) {
      return ItemType.STRUCTURE;
    } else if (kind == TtlvInteger.class) {
      return ItemType.INTEGER;
    } else if (kind == TtlvLongInteger.class) {
      return ItemType.LONG_INTEGER;
    } else if (kind == TtlvBigInteger.class) {
      return ItemType.BIG_INTEGER;
    } else if (kind == TtlvEnumeration.class) {
      return ItemType.ENUMERATION;
    } else if (kind == TtlvBoolean.class) {
      return ItemType.BOOLEAN;
    } else if (kind == TtlvTextString.class) {
      return ItemType.TEXT_STRING;
    } else if (kind == TtlvByteString.class) {
      return ItemType.BYTE_STRING;
    } else if (kind == TtlvDateTime.class) {
      return ItemType.DATE_TIME;
    } else if (kind == TtlvInterval.class) {
      return ItemType.INTERVAL;
    } else if (kind == TtlvDateTimeExtended.class) {
      return ItemType.DATE_TIME_EXTENDED;
    }
    throw new IllegalArgumentException("not an item class: " + kind);
  }
}
