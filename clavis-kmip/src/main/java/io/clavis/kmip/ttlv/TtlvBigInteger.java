package io.clavis.kmip.ttlv;

import java.math.BigInteger;
import java.util.Objects;

/**
 * A Big Integer item: a signed integer of any size, sent in two's complement big-endian and
 * sign-extended to a multiple of 8 bytes with as few extra bytes as possible.
 *
 * <p>KMIP uses Big Integers for the components of transparent RSA, DSA and DH keys, some of which
 * are private, so {@link #toString()} shows only the bit length.
 */
public record TtlvBigInteger(int tag, BigInteger value) implements Ttlv {
  public TtlvBigInteger {
    TtlvTags.requireValid(tag);
    Objects.requireNonNull(value, "value");
  }

  @Override
  public ItemType type() {
    return ItemType.BIG_INTEGER;
  }

  /** Returns the value length on the wire: the minimal two's complement form, rounded up to 8. */
  public int encodedLength() {
    return TtlvPadding.roundUp(value.bitLength() / 8 + 1);
  }

  @Override
  public String toString() {
    return "TtlvBigInteger[tag=" + TtlvTags.hex(tag) + ", bits=" + value.bitLength() + "]";
  }
}
