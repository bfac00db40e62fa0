package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * How a key in a Key Block is wrapped (KMIP 1.4 section 9.1.3.2.4).
 *
 * <p>Values and names are those of the registry's {@code Wrapping Method} enumeration; a test
 * checks each constant against it.
 */
public enum WrappingMethod implements KmipEnum {
  ENCRYPT(0x00000001, "Encrypt"),
  MAC_SIGN(0x00000002, "MAC/sign"),
  ENCRYPT_THEN_MAC_SIGN(0x00000003, "Encrypt then MAC/sign"),
  MAC_SIGN_THEN_ENCRYPT(0x00000004, "MAC/sign then encrypt"),
  TR_31(0x00000005, "TR-31");

  private final int value;
  private final String kmipName;

  WrappingMethod(int value, String kmipName) {
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
  public static Optional<WrappingMethod> fromValue(int value) {
    return KmipEnums.fromValue(WrappingMethod.class, value);
  }
}
