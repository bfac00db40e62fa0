package io.clavis.kmip.ttlv;

import java.io.Serial;

/**
 * A well-formed item that is not what the reader asked for: a required child that is missing, a
 * single-valued child that appears more than once, or an item of another type.
 *
 * <p>The codec does not know which tags a message may hold, so these checks happen when the message
 * layer looks items up; the message layer turns this exception into an Invalid Message or Invalid
 * Field result. Tags are shown in hex because this package has no tag names.
 */
public final class UnexpectedItemException extends KmipDecodingException {
  @Serial private static final long serialVersionUID = 1L;

  private final int tag;

  UnexpectedItemException(int tag, String message) {
    super(message);
    this.tag = tag;
  }

  /** Returns the tag of the item that was missing, repeated or of the wrong type. */
  public int tag() {
    return tag;
  }

  static UnexpectedItemException wrongType(Ttlv item, ItemType expected) {
    return new UnexpectedItemException(
        item.tag(),
        "item "
            + TtlvTags.hex(item.tag())
            + " is a "
            + item.type().specName()
            + ", expected a "
            + expected.specName());
  }

  static UnexpectedItemException missing(int structureTag, int tag) {
    return new UnexpectedItemException(
        tag, "structure " + TtlvTags.hex(structureTag) + " has no item " + TtlvTags.hex(tag));
  }

  static UnexpectedItemException repeated(int structureTag, int tag, int count) {
    return new UnexpectedItemException(
        tag,
        "structure "
            + TtlvTags.hex(structureTag)
            + " has "
            + count
            + " items "
            + TtlvTags.hex(tag)
            + ", expected at most one");
  }
}
