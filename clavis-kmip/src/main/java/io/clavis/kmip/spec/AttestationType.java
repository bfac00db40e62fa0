package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The kind of attestation a client offers (KMIP 1.4 section 9.1.3.2.36).
 *
 * <p>Values and names are those of the registry's {@code Attestation Type} enumeration; a test
 * checks each constant against it.
 */
public enum AttestationType implements KmipEnum {
  TPM_QUOTE(0x00000001, "TPM Quote"),
  TCG_INTEGRITY_REPORT(0x00000002, "TCG Integrity Report"),
  SAML_ASSERTION(0x00000003, "SAML Assertion");

  private final int value;
  private final String kmipName;

  AttestationType(int value, String kmipName) {
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
  public static Optional<AttestationType> fromValue(int value) {
    return KmipEnums.fromValue(AttestationType.class, value);
  }
}
