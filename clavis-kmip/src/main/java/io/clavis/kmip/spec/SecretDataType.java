package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * What a Secret Data object holds (KMIP 1.4 section 9.1.3.2.9).
 *
 * <p>Values and names are those of the registry's {@code Secret Data Type} enumeration; a test
 * checks each constant against it.
 */
public enum SecretDataType implements KmipEnum {
  PASSWORD(0x00000001, "Password"),
  SEED(0x00000002, "Seed");

  private final int value;
  private final String kmipName;

  SecretDataType(int value, String kmipName) {
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
  public static Optional<SecretDataType> fromValue(int value) {
    return KmipEnums.fromValue(SecretDataType.class, value);
  }
}
