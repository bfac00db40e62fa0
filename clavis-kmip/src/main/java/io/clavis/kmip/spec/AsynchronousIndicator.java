package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Whether the server may answer asynchronously, as KMIP 2.0 encodes it (section 11.3); KMIP 1.x
 * sends a Boolean with the same tag.
 *
 * <p>Values and names are those of the registry's {@code Asynchronous Indicator} enumeration; a
 * test checks each constant against it.
 */
public enum AsynchronousIndicator implements KmipEnum {
  MANDATORY(0x00000001, "Mandatory"),
  OPTIONAL(0x00000002, "Optional"),
  PROHIBITED(0x00000003, "Prohibited");

  private final int value;
  private final String kmipName;

  AsynchronousIndicator(int value, String kmipName) {
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
  public static Optional<AsynchronousIndicator> fromValue(int value) {
    return KmipEnums.fromValue(AsynchronousIndicator.class, value);
  }
}
