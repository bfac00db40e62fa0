package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The kind of managed object (KMIP 1.4 section 9.1.3.2.12; Certificate Request is KMIP 2.0).
 *
 * <p>Values and names are those of the registry's {@code Object Type} enumeration; a test checks
 * each constant against it.
 */
public enum ObjectType implements KmipEnum {
  CERTIFICATE(0x00000001, "Certificate"),
  SYMMETRIC_KEY(0x00000002, "Symmetric Key"),
  PUBLIC_KEY(0x00000003, "Public Key"),
  PRIVATE_KEY(0x00000004, "Private Key"),
  SPLIT_KEY(0x00000005, "Split Key"),
  TEMPLATE(0x00000006, "Template"),
  SECRET_DATA(0x00000007, "Secret Data"),
  OPAQUE_OBJECT(0x00000008, "Opaque Object"),
  PGP_KEY(0x00000009, "PGP Key"),
  CERTIFICATE_REQUEST(0x0000000A, "Certificate Request");

  private final int value;
  private final String kmipName;

  ObjectType(int value, String kmipName) {
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
  public static Optional<ObjectType> fromValue(int value) {
    return KmipEnums.fromValue(ObjectType.class, value);
  }
}
