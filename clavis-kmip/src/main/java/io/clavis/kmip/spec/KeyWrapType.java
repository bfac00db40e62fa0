package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Whether Get returns a key wrapped as stored or as asked (KMIP 1.4 section 9.1.3.2.48).
 *
 * <p>Values and names are those of the registry's {@code Key Wrap Type} enumeration; a test checks
 * each constant against it.
 */
public enum KeyWrapType implements KmipEnum {
  NOT_WRAPPED(0x00000001, "Not Wrapped"),
  AS_REGISTERED(0x00000002, "As Registered");

  private final int value;
  private final String kmipName;

  KeyWrapType(int value, String kmipName) {
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
  public static Optional<KeyWrapType> fromValue(int value) {
    return KmipEnums.fromValue(KeyWrapType.class, value);
  }
}
