package io.clavis.kmip.ttlv;

import java.util.Arrays;
import java.util.Objects;

/**
 * A Byte String item: raw bytes, zero-padded to a multiple of 8.
 *
 * <p>Byte strings carry key material, so the bytes are copied on the way in and out (no caller can
 * change an item another thread holds), and {@link #toString()} shows only the length, so that
 * logging an item or a message never leaks a key.
 */
public final class TtlvByteString implements Ttlv {
  private final int tag;
  private final byte[] value;

  /** Creates an item holding a copy of {@code value}. */
  public TtlvByteString(int tag, byte[] value) {
    this.tag = TtlvTags.requireValid(tag);
    this.value = Objects.requireNonNull(value, "value").clone();
  }

  @Override
  public int tag() {
    return tag;
  }

  @Override
  public ItemType type() {
    return ItemType.BYTE_STRING;
  }

  /** Returns a copy of the bytes. */
  public byte[] value() {
    return value.clone();
  }

  /** Returns the number of bytes, without copying them. */
  public int length() {
    return value.length;
  }

  /** Returns the bytes themselves, for the encoder; they must not be changed. */
  byte[] unsafeValue() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TtlvByteString that
        && tag == that.tag
        && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return 31 * tag + Arrays.hashCode(value);
  }

  /** Shows the tag and the length only: the bytes may be key material. */
  @Override
  public String toString() {
    return "TtlvByteString[tag=" + TtlvTags.hex(tag) + ", length=" + value.length + "]";
  }
}
