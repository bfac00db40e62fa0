package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The answer of Signature Verify and MAC Verify (KMIP 1.4 section 9.1.3.2.23).
 *
 * <p>Values and names are those of the registry's {@code Validity Indicator} enumeration; a test
 * checks each constant against it.
 */
public enum ValidityIndicator implements KmipEnum {
  VALID(0x00000001, "Valid"),
  INVALID(0x00000002, "Invalid"),
  UNKNOWN(0x00000003, "Unknown");

  private final int value;
  private final String kmipName;

  ValidityIndicator(int value, String kmipName) {
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
  public static Optional<ValidityIndicator> fromValue(int value) {
    return KmipEnums.fromValue(ValidityIndicator.class, value);
  }
}
