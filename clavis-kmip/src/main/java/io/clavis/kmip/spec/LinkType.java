package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * How a Link attribute relates two objects (KMIP 1.4 section 9.1.3.2.20; Wrapping Key Link is KMIP
 * 2.0).
 *
 * <p>Values and names are those of the registry's {@code Link Type} enumeration; a test checks each
 * constant against it.
 */
public enum LinkType implements KmipEnum {
  CERTIFICATE_LINK(0x00000101, "Certificate Link"),
  PUBLIC_KEY_LINK(0x00000102, "Public Key Link"),
  PRIVATE_KEY_LINK(0x00000103, "Private Key Link"),
  DERIVATION_BASE_OBJECT_LINK(0x00000104, "Derivation Base Object Link"),
  DERIVED_KEY_LINK(0x00000105, "Derived Key Link"),
  REPLACEMENT_OBJECT_LINK(0x00000106, "Replacement Object Link"),
  REPLACED_OBJECT_LINK(0x00000107, "Replaced Object Link"),
  PARENT_LINK(0x00000108, "Parent Link"),
  CHILD_LINK(0x00000109, "Child Link"),
  PREVIOUS_LINK(0x0000010A, "Previous Link"),
  NEXT_LINK(0x0000010B, "Next Link"),
  PKCS_12_CERTIFICATE_LINK(0x0000010C, "PKCS#12 Certificate Link"),
  PKCS_12_PASSWORD_LINK(0x0000010D, "PKCS#12 Password Link"),
  WRAPPING_KEY_LINK(0x0000010E, "Wrapping Key Link");

  private final int value;
  private final String kmipName;

  LinkType(int value, String kmipName) {
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
  public static Optional<LinkType> fromValue(int value) {
    return KmipEnums.fromValue(LinkType.class, value);
  }
}
