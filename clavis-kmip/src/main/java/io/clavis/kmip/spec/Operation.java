package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The operation a batch item requests (KMIP 1.4 section 9.1.3.2.27; Log to Re-Provision are KMIP
 * 2.0).
 *
 * <p>Values and names are those of the registry's {@code Operation} enumeration; a test checks each
 * constant against it.
 */
public enum Operation implements KmipEnum {
  CREATE(0x00000001, "Create"),
  CREATE_KEY_PAIR(0x00000002, "Create Key Pair"),
  REGISTER(0x00000003, "Register"),
  RE_KEY(0x00000004, "Re-key"),
  DERIVE_KEY(0x00000005, "Derive Key"),
  CERTIFY(0x00000006, "Certify"),
  RE_CERTIFY(0x00000007, "Re-certify"),
  LOCATE(0x00000008, "Locate"),
  CHECK(0x00000009, "Check"),
  GET(0x0000000A, "Get"),
  GET_ATTRIBUTES(0x0000000B, "Get Attributes"),
  GET_ATTRIBUTE_LIST(0x0000000C, "Get Attribute List"),
  ADD_ATTRIBUTE(0x0000000D, "Add Attribute"),
  MODIFY_ATTRIBUTE(0x0000000E, "Modify Attribute"),
  DELETE_ATTRIBUTE(0x0000000F, "Delete Attribute"),
  OBTAIN_LEASE(0x00000010, "Obtain Lease"),
  GET_USAGE_ALLOCATION(0x00000011, "Get Usage Allocation"),
  ACTIVATE(0x00000012, "Activate"),
  REVOKE(0x00000013, "Revoke"),
  DESTROY(0x00000014, "Destroy"),
  ARCHIVE(0x00000015, "Archive"),
  RECOVER(0x00000016, "Recover"),
  VALIDATE(0x00000017, "Validate"),
  QUERY(0x00000018, "Query"),
  CANCEL(0x00000019, "Cancel"),
  POLL(0x0000001A, "Poll"),
  NOTIFY(0x0000001B, "Notify"),
  PUT(0x0000001C, "Put"),
  RE_KEY_KEY_PAIR(0x0000001D, "Re-key Key Pair"),
  DISCOVER_VERSIONS(0x0000001E, "Discover Versions"),
  ENCRYPT(0x0000001F, "Encrypt"),
  DECRYPT(0x00000020, "Decrypt"),
  SIGN(0x00000021, "Sign"),
  SIGNATURE_VERIFY(0x00000022, "Signature Verify"),
  MAC(0x00000023, "MAC"),
  MAC_VERIFY(0x00000024, "MAC Verify"),
  RNG_RETRIEVE(0x00000025, "RNG Retrieve"),
  RNG_SEED(0x00000026, "RNG Seed"),
  HASH(0x00000027, "Hash"),
  CREATE_SPLIT_KEY(0x00000028, "Create Split Key"),
  JOIN_SPLIT_KEY(0x00000029, "Join Split Key"),
  IMPORT(0x0000002A, "Import"),
  EXPORT(0x0000002B, "Export"),
  LOG(0x0000002C, "Log"),
  LOGIN(0x0000002D, "Login"),
  LOGOUT(0x0000002E, "Logout"),
  DELEGATED_LOGIN(0x0000002F, "Delegated Login"),
  ADJUST_ATTRIBUTE(0x00000030, "Adjust Attribute"),
  SET_ATTRIBUTE(0x00000031, "Set Attribute"),
  SET_ENDPOINT_ROLE(0x00000032, "Set Endpoint Role"),
  PKCS_11(0x00000033, "PKCS#11"),
  INTEROP(0x00000034, "Interop"),
  RE_PROVISION(0x00000035, "Re-Provision");

  private final int value;
  private final String kmipName;

  Operation(int value, String kmipName) {
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
  public static Optional<Operation> fromValue(int value) {
    return KmipEnums.fromValue(Operation.class, value);
  }
}
