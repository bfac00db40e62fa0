package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * How to read a Name attribute's value (KMIP 1.4 section 9.1.3.2.11).
 *
 * <p>Values and names are those of the registry's {@code Name Type} enumeration; a test checks each
 * constant against it.
 */
public enum NameType implements KmipEnum {
  UNINTERPRETED_TEXT_STRING(0x00000001, "Uninterpreted Text String"),
  URI(0x00000002, "URI");

  private final int value;
  private final String kmipName;

  NameType(int value, String kmipName) {
    this.value = value;
    this.kmipName = kmipName;
  }

  @Override
  public int value() {
    return value;
  }

  @Override
  public String kmipName() {
    return kmipName;
  }

  /** Returns the constant with this wire value, or empty for a value this enum does not know. */
  public static Optional<NameType> fromValue(int value) {
    return KmipEnums.fromValue(NameType.class, value);
  }
}
