package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The lifecycle state of a managed object (KMIP 1.4 section 9.1.3.2.18).
 *
 * <p>Values and names are those of the registry's {@code State} enumeration; a test checks each
 * constant against it.
 */
public enum State implements KmipEnum {
  PRE_ACTIVE(0x00000001, "Pre-Active"),
  ACTIVE(0x00000002, "Active"),
  DEACTIVATED(0x00000003, "Deactivated"),
  COMPROMISED(0x00000004, "Compromised"),
  DESTROYED(0x00000005, "Destroyed"),
  DESTROYED_COMPROMISED(0x00000006, "Destroyed Compromised");

  private final int value;
  private final String kmipName;

  State(int value, String kmipName) {
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
  public static Optional<State> fromValue(int value) {
    return KmipEnums.fromValue(State.class, value);
  }
}
