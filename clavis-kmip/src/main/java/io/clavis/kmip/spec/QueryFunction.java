package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * What a Query request asks the server to describe (KMIP 1.4 section 9.1.3.2.24; the last two are
 * KMIP 2.0).
 *
 * <p>Values and names are those of the registry's {@code Query Function} enumeration; a test checks
 * each constant against it.
 */
public enum QueryFunction implements KmipEnum {
  QUERY_OPERATIONS(0x00000001, "Query Operations"),
  QUERY_OBJECTS(0x00000002, "Query Objects"),
  QUERY_SERVER_INFORMATION(0x00000003, "Query Server Information"),
  QUERY_APPLICATION_NAMESPACES(0x00000004, "Query Application Namespaces"),
  QUERY_EXTENSION_LIST(0x00000005, "Query Extension List"),
  QUERY_EXTENSION_MAP(0x00000006, "Query Extension Map"),
  QUERY_ATTESTATION_TYPES(0x00000007, "Query Attestation Types"),
  QUERY_RNGS(0x00000008, "Query RNGs"),
  QUERY_VALIDATIONS(0x00000009, "Query Validations"),
  QUERY_PROFILES(0x0000000A, "Query Profiles"),
  QUERY_CAPABILITIES(0x0000000B, "Query Capabilities"),
  QUERY_CLIENT_REGISTRATION_METHODS(0x0000000C, "Query Client Registration Methods"),
  QUERY_DEFAULTS_INFORMATION(0x0000000D, "Query Defaults Information"),
  QUERY_STORAGE_PROTECTION_MASKS(0x0000000E, "Query Storage Protection Masks");

  private final int value;
  private final String kmipName;

  QueryFunction(int value, String kmipName) {
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
  public static Optional<QueryFunction> fromValue(int value) {
    return KmipEnums.fromValue(QueryFunction.class, value);
  }
}
