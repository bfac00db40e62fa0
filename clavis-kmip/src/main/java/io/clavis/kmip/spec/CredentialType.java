package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The kind of credential in a request header's Authentication (KMIP 1.4 section 9.1.3.2.1; the last
 * three are KMIP 2.0).
 *
 * <p>Values and names are those of the registry's {@code Credential Type} enumeration; a test
 * checks each constant against it.
 */
public enum CredentialType implements KmipEnum {
  USERNAME_AND_PASSWORD(0x00000001, "Username and Password"),
  DEVICE(0x00000002, "Device"),
  ATTESTATION(0x00000003, "Attestation"),
  ONE_TIME_PASSWORD(0x00000004, "One Time Password"),
  HASHED_PASSWORD(0x00000005, "Hashed Password"),
  TICKET(0x00000006, "Ticket");

  private final int value;
  private final String kmipName;

  CredentialType(int value, String kmipName) {
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
  public static Optional<CredentialType> fromValue(int value) {
    return KmipEnums.fromValue(CredentialType.class, value);
  }
}
