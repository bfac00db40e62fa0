package io.clavis.kmip.ttlv;

/**
 * One TTLV item: a tag, a type and a value of that type.
 *
 * <p>The interface is sealed so that code handling items can switch over the eleven types
 * exhaustively, and every implementation is immutable so that decoded messages can be shared
 * between threads and logged after the fact without surprises.
 */
public sealed interface Ttlv
    permits TtlvStructure,
        TtlvInteger,
        TtlvLongInteger,
        TtlvBigInteger,
        TtlvEnumeration,
        TtlvBoolean,
        TtlvTextString,
        TtlvByteString,
        TtlvDateTime,
        TtlvInterval,
        TtlvDateTimeExtended {

  /** Returns the three-byte tag, between 0 and {@link TtlvTags#MAX_TAG}. */
  int tag();

  /** Returns the item type, which fixes the class of this item. */
  ItemType type();

  /**
   * Returns this item as the given class, so that readers can state what they expect in one call.
   *
   * @throws UnexpectedItemException if this item is of another type
   */
  default <T extends Ttlv> T as(Class<T> kind) {
    if (kind.isInstance(this)) {
      return kind.cast(this);
    }
    throw UnexpectedItemException.wrongType(this, TtlvKinds.typeOf(kind));
  }
}
