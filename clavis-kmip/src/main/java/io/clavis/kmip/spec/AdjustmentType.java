package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * How Adjust Attribute changes a value (KMIP 2.0 section 11.1).
 *
 * <p>Values and names are those of the registry's {@code Adjustment Type} enumeration; a test
 * checks each constant against it.
 */
public enum AdjustmentType implements KmipEnum {
  INCREMENT(0x00000001, "Increment"),
  DECREMENT(0x00000002, "Decrement"),
  NEGATE(0x00000003, "Negate");

  private final int value;
  private final String kmipName;

  AdjustmentType(int value, String kmipName) {
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
  public static Optional<AdjustmentType> fromValue(int value) {
    return KmipEnums.fromValue(AdjustmentType.class, value);
  }
}
