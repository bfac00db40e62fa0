package io.clavis.kmip.ttlv;

import java.util.Objects;

/**
 * A Text String item: UTF-8 bytes, zero-padded to a multiple of 8, without a terminating zero.
 *
 * <p>The value must be well-formed UTF-16 (no unpaired surrogate), because such a string has no
 * UTF-8 form and would otherwise be encoded with replacement characters, silently changing what the
 * peer receives.
 */
public record TtlvTextString(int tag, String value) implements Ttlv {
  public TtlvTextString {
    TtlvTags.requireValid(tag);
    Objects.requireNonNull(value, "value");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "unpaired surrogate at index " + i + " of a text string");
      }
    }
  }

  @Override
  public ItemType type() {
    return ItemType.TEXT_STRING;
  }

  @Override
  public String toString() {
    return "TtlvTextString[tag=" + TtlvTags.hex(tag) + ", value=" + value + "]";
  }
}
