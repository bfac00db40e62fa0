package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * What Usage Limits count (KMIP 1.4 section 9.1.3.2.31).
 *
 * <p>Values and names are those of the registry's {@code Usage Limits Unit} enumeration; a test
 * checks each constant against it.
 */
public enum UsageLimitsUnit implements KmipEnum {
  BYTE(0x00000001, "Byte"),
  OBJECT(0x00000002, "Object");

  private final int value;
  private final String kmipName;

  UsageLimitsUnit(int value, String kmipName) {
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
  public static Optional<UsageLimitsUnit> fromValue(int value) {
    return KmipEnums.fromValue(UsageLimitsUnit.class, value);
  }
}
