package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The KMIP 2.0 Unique Identifier enumeration: a reference to the ID Placeholder or to the object an
 * earlier batch item created, sent as an Enumeration where a Unique Identifier Text String would
 * otherwise stand.
 *
 * <p>Values and names are those of the registry's {@code Unique Identifier} enumeration; a test
 * checks each constant against it.
 */
public enum UniqueIdentifierPlaceholder implements KmipEnum {
  ID_PLACEHOLDER(0x00000001, "ID Placeholder"),
  CERTIFY(0x00000002, "Certify"),
  CREATE(0x00000003, "Create"),
  CREATE_KEY_PAIR(0x00000004, "Create Key Pair"),
  CREATE_KEY_PAIR_PRIVATE_KEY(0x00000005, "Create Key Pair Private Key"),
  CREATE_KEY_PAIR_PUBLIC_KEY(0x00000006, "Create Key Pair Public Key"),
  CREATE_SPLIT_KEY(0x00000007, "Create Split Key"),
  DERIVE_KEY(0x00000008, "Derive Key"),
  IMPORT(0x00000009, "Import"),
  JOIN_SPLIT_KEY(0x0000000A, "Join Split Key"),
  LOCATE(0x0000000B, "Locate"),
  REGISTER(0x0000000C, "Register"),
  RE_KEY(0x0000000D, "Re-key"),
  RE_CERTIFY(0x0000000E, "Re-certify"),
  RE_KEY_KEY_PAIR(0x0000000F, "Re-key Key Pair"),
  RE_KEY_KEY_PAIR_PRIVATE_KEY(0x00000010, "Re-key Key Pair Private Key"),
  RE_KEY_KEY_PAIR_PUBLIC_KEY(0x00000011, "Re-key Key Pair Public Key");

  private final int value;
  private final String kmipName;

  UniqueIdentifierPlaceholder(int value, String kmipName) {
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
  public static Optional<UniqueIdentifierPlaceholder> fromValue(int value) {
    return KmipEnums.fromValue(UniqueIdentifierPlaceholder.class, value);
  }
}
