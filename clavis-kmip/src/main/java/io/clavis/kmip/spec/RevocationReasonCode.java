package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Why an object is revoked (KMIP 1.4 section 9.1.3.2.19).
 *
 * <p>Values and names are those of the registry's {@code Revocation Reason Code} enumeration; a
 * test checks each constant against it.
 */
public enum RevocationReasonCode implements KmipEnum {
  UNSPECIFIED(0x00000001, "Unspecified"),
  KEY_COMPROMISE(0x00000002, "Key Compromise"),
  CA_COMPROMISE(0x00000003, "CA Compromise"),
  AFFILIATION_CHANGED(0x00000004, "Affiliation Changed"),
  SUPERSEDED(0x00000005, "Superseded"),
  CESSATION_OF_OPERATION(0x00000006, "Cessation of Operation"),
  PRIVILEGE_WITHDRAWN(0x00000007, "Privilege Withdrawn");

  private final int value;
  private final String kmipName;

  RevocationReasonCode(int value, String kmipName) {
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
  public static Optional<RevocationReasonCode> fromValue(int value) {
    return KmipEnums.fromValue(RevocationReasonCode.class, value);
  }
}
