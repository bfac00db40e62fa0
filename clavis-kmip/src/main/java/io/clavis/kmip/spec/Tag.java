package io.clavis.kmip.spec;

/**
 * The tag values the KMIP server and client use by name (KMIP 1.4 section 9.1.3.1 and the KMIP 2.0
 * additions), enough for Discover Versions, Query, Create, Create Key Pair, Register, Re-key,
 * Locate, Check, Get, Get Attributes, Get Attribute List, the attribute operations, Activate,
 * Revoke, Destroy, Encrypt, Decrypt, Sign, Signature Verify, MAC, MAC Verify, RNG Retrieve and
 * Derive Key.
 *
 * <p>These are plain {@code int} constants rather than an enum because tags on the wire are open
 * ended: a message may carry tags of a newer version or vendor extensions, and code compares {@code
 * item.tag() == Tag.BATCH_ITEM} without a lookup that could fail. Each constant is named after the
 * registry name in upper case with every run of other characters replaced by {@code _}; a test
 * checks every constant's name and value against the registry. {@link KmipTags} has all the others.
 */
public final class Tag {
  // Message structure (KMIP 1.4 section 7)
  /** Request Message, since KMIP 1.0. */
  public static final int REQUEST_MESSAGE = 0x420078;

  /** Request Header, since KMIP 1.0. */
  public static final int REQUEST_HEADER = 0x420077;

  /** Response Message, since KMIP 1.0. */
  public static final int RESPONSE_MESSAGE = 0x42007B;

  /** Response Header, since KMIP 1.0. */
  public static final int RESPONSE_HEADER = 0x42007A;

  /** Protocol Version, since KMIP 1.0. */
  public static final int PROTOCOL_VERSION = 0x420069;

  /** Protocol Version Major, since KMIP 1.0. */
  public static final int PROTOCOL_VERSION_MAJOR = 0x42006A;

  /** Protocol Version Minor, since KMIP 1.0. */
  public static final int PROTOCOL_VERSION_MINOR = 0x42006B;

  /** Maximum Response Size, since KMIP 1.0. */
  public static final int MAXIMUM_RESPONSE_SIZE = 0x420050;

  /** Client Correlation Value, since KMIP 1.4. */
  public static final int CLIENT_CORRELATION_VALUE = 0x420105;

  /** Server Correlation Value, since KMIP 1.4. */
  public static final int SERVER_CORRELATION_VALUE = 0x420106;

  /** Asynchronous Indicator, since KMIP 1.0. */
  public static final int ASYNCHRONOUS_INDICATOR = 0x420007;

  /** Attestation Capable Indicator, since KMIP 1.2. */
  public static final int ATTESTATION_CAPABLE_INDICATOR = 0x4200D3;

  /** Attestation Type, since KMIP 1.2. */
  public static final int ATTESTATION_TYPE = 0x4200C7;

  /** Authentication, since KMIP 1.0. */
  public static final int AUTHENTICATION = 0x42000C;

  /** Credential, since KMIP 1.0. */
  public static final int CREDENTIAL = 0x420023;

  /** Credential Type, since KMIP 1.0. */
  public static final int CREDENTIAL_TYPE = 0x420024;

  /** Credential Value, since KMIP 1.0. */
  public static final int CREDENTIAL_VALUE = 0x420025;

  /** Username, since KMIP 1.0. */
  public static final int USERNAME = 0x420099;

  /** Password, since KMIP 1.0. */
  public static final int PASSWORD = 0x4200A1;

  /** Batch Error Continuation Option, since KMIP 1.0. */
  public static final int BATCH_ERROR_CONTINUATION_OPTION = 0x42000E;

  /** Batch Order Option, since KMIP 1.0. */
  public static final int BATCH_ORDER_OPTION = 0x420010;

  /** Time Stamp, since KMIP 1.0. */
  public static final int TIME_STAMP = 0x420092;

  /** Batch Count, since KMIP 1.0. */
  public static final int BATCH_COUNT = 0x42000D;

  /** Batch Item, since KMIP 1.0. */
  public static final int BATCH_ITEM = 0x42000F;

  /** Operation, since KMIP 1.0. */
  public static final int OPERATION = 0x42005C;

  /** Unique Batch Item ID, since KMIP 1.0. */
  public static final int UNIQUE_BATCH_ITEM_ID = 0x420093;

  /** Request Payload, since KMIP 1.0. */
  public static final int REQUEST_PAYLOAD = 0x420079;

  /** Response Payload, since KMIP 1.0. */
  public static final int RESPONSE_PAYLOAD = 0x42007C;

  /** Result Status, since KMIP 1.0. */
  public static final int RESULT_STATUS = 0x42007F;

  /** Result Reason, since KMIP 1.0. */
  public static final int RESULT_REASON = 0x42007E;

  /** Result Message, since KMIP 1.0. */
  public static final int RESULT_MESSAGE = 0x42007D;

  /** Asynchronous Correlation Value, since KMIP 1.0. */
  public static final int ASYNCHRONOUS_CORRELATION_VALUE = 0x420006;

  /** Message Extension, since KMIP 1.0. */
  public static final int MESSAGE_EXTENSION = 0x420051;

  /** Vendor Identification, since KMIP 1.0. */
  public static final int VENDOR_IDENTIFICATION = 0x42009D;

  /** Criticality Indicator, since KMIP 1.0. */
  public static final int CRITICALITY_INDICATOR = 0x420026;

  /** Vendor Extension, since KMIP 1.0. */
  public static final int VENDOR_EXTENSION = 0x42009C;

  // Objects
  /** Unique Identifier, since KMIP 1.0. */
  public static final int UNIQUE_IDENTIFIER = 0x420094;

  /** Object Type, since KMIP 1.0. */
  public static final int OBJECT_TYPE = 0x420057;

  /** Symmetric Key, since KMIP 1.0. */
  public static final int SYMMETRIC_KEY = 0x42008F;

  /** Secret Data, since KMIP 1.0. */
  public static final int SECRET_DATA = 0x420085;

  /** Secret Data Type, since KMIP 1.0. */
  public static final int SECRET_DATA_TYPE = 0x420086;

  /** Private Key, since KMIP 1.0. */
  public static final int PRIVATE_KEY = 0x420064;

  /** Public Key, since KMIP 1.0. */
  public static final int PUBLIC_KEY = 0x42006D;

  /** Certificate, since KMIP 1.0. */
  public static final int CERTIFICATE = 0x420013;

  /** Certificate Type, since KMIP 1.0. */
  public static final int CERTIFICATE_TYPE = 0x42001D;

  /** Certificate Value, since KMIP 1.0. */
  public static final int CERTIFICATE_VALUE = 0x42001E;

  /** Opaque Object, since KMIP 1.0. */
  public static final int OPAQUE_OBJECT = 0x42005B;

  /** Opaque Data Type, since KMIP 1.0. */
  public static final int OPAQUE_DATA_TYPE = 0x420059;

  /** Opaque Data Value, since KMIP 1.0. */
  public static final int OPAQUE_DATA_VALUE = 0x42005A;

  /** Key Block, since KMIP 1.0. */
  public static final int KEY_BLOCK = 0x420040;

  /** Key Value, since KMIP 1.0. */
  public static final int KEY_VALUE = 0x420045;

  /** Key Material, since KMIP 1.0. */
  public static final int KEY_MATERIAL = 0x420043;

  /** Key Format Type, since KMIP 1.0. */
  public static final int KEY_FORMAT_TYPE = 0x420042;

  /** Key Compression Type, since KMIP 1.0. */
  public static final int KEY_COMPRESSION_TYPE = 0x420041;

  /** Key Wrapping Data, since KMIP 1.0. */
  public static final int KEY_WRAPPING_DATA = 0x420046;

  /** Key Wrapping Specification, since KMIP 1.0. */
  public static final int KEY_WRAPPING_SPECIFICATION = 0x420047;

  /** Wrapping Method, since KMIP 1.0. */
  public static final int WRAPPING_METHOD = 0x42009E;

  /** Encryption Key Information, since KMIP 1.0. */
  public static final int ENCRYPTION_KEY_INFORMATION = 0x420036;

  /** MAC/Signature Key Information, since KMIP 1.0. */
  public static final int MAC_SIGNATURE_KEY_INFORMATION = 0x42004E;

  /** Encoding Option, since KMIP 1.1. */
  public static final int ENCODING_OPTION = 0x4200A3;

  /** Key, since KMIP 1.0. */
  public static final int KEY = 0x42003F;

  /** Modulus, since KMIP 1.0. */
  public static final int MODULUS = 0x420052;

  /** Private Exponent, since KMIP 1.0. */
  public static final int PRIVATE_EXPONENT = 0x420063;

  /** Public Exponent, since KMIP 1.0. */
  public static final int PUBLIC_EXPONENT = 0x42006C;

  /** P, since KMIP 1.0. */
  public static final int P = 0x42005E;

  /** Q, since KMIP 1.0. */
  public static final int Q = 0x420071;

  /** Prime Exponent P, since KMIP 1.0. */
  public static final int PRIME_EXPONENT_P = 0x420060;

  /** Prime Exponent Q, since KMIP 1.0. */
  public static final int PRIME_EXPONENT_Q = 0x420061;

  /** CRT Coefficient, since KMIP 1.0. */
  public static final int CRT_COEFFICIENT = 0x420027;

  /** D, since KMIP 1.0. */
  public static final int D = 0x42002E;

  /** Q String, since KMIP 1.0. */
  public static final int Q_STRING = 0x420072;

  // Split Key objects
  /** Split Key, since KMIP 1.0. */
  public static final int SPLIT_KEY = 0x420089;

  /** Split Key Parts, since KMIP 1.0. */
  public static final int SPLIT_KEY_PARTS = 0x42008B;

  /** Key Part Identifier, since KMIP 1.0. */
  public static final int KEY_PART_IDENTIFIER = 0x420044;

  /** Split Key Threshold, since KMIP 1.0. */
  public static final int SPLIT_KEY_THRESHOLD = 0x42008C;

  /** Split Key Method, since KMIP 1.0. */
  public static final int SPLIT_KEY_METHOD = 0x42008A;

  /** Prime Field Size, since KMIP 1.0. */
  public static final int PRIME_FIELD_SIZE = 0x420062;

  // Attributes in KMIP 1.x requests (Template-Attribute)
  /** Template-Attribute, since KMIP 1.0. */
  public static final int TEMPLATE_ATTRIBUTE = 0x420091;

  /** Common Template-Attribute, since KMIP 1.0. */
  public static final int COMMON_TEMPLATE_ATTRIBUTE = 0x42001F;

  /** Private Key Template-Attribute, since KMIP 1.0. */
  public static final int PRIVATE_KEY_TEMPLATE_ATTRIBUTE = 0x420065;

  /** Public Key Template-Attribute, since KMIP 1.0. */
  public static final int PUBLIC_KEY_TEMPLATE_ATTRIBUTE = 0x42006E;

  /** Attribute, since KMIP 1.0. */
  public static final int ATTRIBUTE = 0x420008;

  /** Attribute Name, since KMIP 1.0. */
  public static final int ATTRIBUTE_NAME = 0x42000A;

  /** Attribute Index, since KMIP 1.0. */
  public static final int ATTRIBUTE_INDEX = 0x420009;

  /** Attribute Value, since KMIP 1.0. */
  public static final int ATTRIBUTE_VALUE = 0x42000B;

  // Attributes in KMIP 2.x requests
  /** Attributes, since KMIP 2.0. */
  public static final int ATTRIBUTES = 0x420125;

  /** Common Attributes, since KMIP 2.0. */
  public static final int COMMON_ATTRIBUTES = 0x420126;

  /** Private Key Attributes, since KMIP 2.0. */
  public static final int PRIVATE_KEY_ATTRIBUTES = 0x420127;

  /** Public Key Attributes, since KMIP 2.0. */
  public static final int PUBLIC_KEY_ATTRIBUTES = 0x420128;

  /** Attribute Reference, since KMIP 2.0. */
  public static final int ATTRIBUTE_REFERENCE = 0x42013B;

  /** Current Attribute, since KMIP 2.0. */
  public static final int CURRENT_ATTRIBUTE = 0x42013C;

  /** New Attribute, since KMIP 2.0. */
  public static final int NEW_ATTRIBUTE = 0x42013D;

  /** Adjustment Type, since KMIP 2.0. */
  public static final int ADJUSTMENT_TYPE = 0x420158;

  /** Adjustment Value, since KMIP 2.0. */
  public static final int ADJUSTMENT_VALUE = 0x420162;

  // Attribute values
  /** Cryptographic Algorithm, since KMIP 1.0. */
  public static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;

  /** Cryptographic Length, since KMIP 1.0. */
  public static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;

  /** Cryptographic Usage Mask, since KMIP 1.0. */
  public static final int CRYPTOGRAPHIC_USAGE_MASK = 0x42002C;

  /** Cryptographic Parameters, since KMIP 1.0. */
  public static final int CRYPTOGRAPHIC_PARAMETERS = 0x42002B;

  /** Cryptographic Domain Parameters, since KMIP 1.0. */
  public static final int CRYPTOGRAPHIC_DOMAIN_PARAMETERS = 0x420029;

  /** Recommended Curve, since KMIP 1.0. */
  public static final int RECOMMENDED_CURVE = 0x420075;

  /** Qlength, since KMIP 1.0. */
  public static final int QLENGTH = 0x420073;

  /** Block Cipher Mode, since KMIP 1.0. */
  public static final int BLOCK_CIPHER_MODE = 0x420011;

  /** Padding Method, since KMIP 1.0. */
  public static final int PADDING_METHOD = 0x42005F;

  /** Hashing Algorithm, since KMIP 1.0. */
  public static final int HASHING_ALGORITHM = 0x420038;

  /** Key Role Type, since KMIP 1.0. */
  public static final int KEY_ROLE_TYPE = 0x420083;

  /** Digital Signature Algorithm, since KMIP 1.1. */
  public static final int DIGITAL_SIGNATURE_ALGORITHM = 0x4200AE;

  /** Random IV, since KMIP 1.2. */
  public static final int RANDOM_IV = 0x4200C5;

  /** IV Length, since KMIP 1.2. */
  public static final int IV_LENGTH = 0x4200CD;

  /** Tag Length, since KMIP 1.2. */
  public static final int TAG_LENGTH = 0x4200CE;

  /** Fixed Field Length, since KMIP 1.2. */
  public static final int FIXED_FIELD_LENGTH = 0x4200CF;

  /** Invocation Field Length, since KMIP 1.2. */
  public static final int INVOCATION_FIELD_LENGTH = 0x4200D2;

  /** Counter Length, since KMIP 1.2. */
  public static final int COUNTER_LENGTH = 0x4200D0;

  /** Initial Counter Value, since KMIP 1.2. */
  public static final int INITIAL_COUNTER_VALUE = 0x4200D1;

  /** Salt Length, since KMIP 1.4. */
  public static final int SALT_LENGTH = 0x420100;

  /** Mask Generator, since KMIP 1.4. */
  public static final int MASK_GENERATOR = 0x420101;

  /** Mask Generator Hashing Algorithm, since KMIP 1.4. */
  public static final int MASK_GENERATOR_HASHING_ALGORITHM = 0x420102;

  /** P Source, since KMIP 1.4. */
  public static final int P_SOURCE = 0x420103;

  /** Trailer Field, since KMIP 1.4. */
  public static final int TRAILER_FIELD = 0x420104;

  /** Name, since KMIP 1.0. */
  public static final int NAME = 0x420053;

  /** Name Value, since KMIP 1.0. */
  public static final int NAME_VALUE = 0x420055;

  /** Name Type, since KMIP 1.0. */
  public static final int NAME_TYPE = 0x420054;

  /** State, since KMIP 1.0. */
  public static final int STATE = 0x42008D;

  /** Initial Date, since KMIP 1.0. */
  public static final int INITIAL_DATE = 0x420039;

  /** Activation Date, since KMIP 1.0. */
  public static final int ACTIVATION_DATE = 0x420001;

  /** Deactivation Date, since KMIP 1.0. */
  public static final int DEACTIVATION_DATE = 0x42002F;

  /** Destroy Date, since KMIP 1.0. */
  public static final int DESTROY_DATE = 0x420033;

  /** Compromise Occurrence Date, since KMIP 1.0. */
  public static final int COMPROMISE_OCCURRENCE_DATE = 0x420021;

  /** Compromise Date, since KMIP 1.0. */
  public static final int COMPROMISE_DATE = 0x420020;

  /** Process Start Date, since KMIP 1.0. */
  public static final int PROCESS_START_DATE = 0x420067;

  /** Protect Stop Date, since KMIP 1.0. */
  public static final int PROTECT_STOP_DATE = 0x420068;

  /** Last Change Date, since KMIP 1.0. */
  public static final int LAST_CHANGE_DATE = 0x420048;

  /** Original Creation Date, since KMIP 1.2. */
  public static final int ORIGINAL_CREATION_DATE = 0x4200BC;

  /** Archive Date, since KMIP 1.0. */
  public static final int ARCHIVE_DATE = 0x420005;

  /** Revocation Reason, since KMIP 1.0. */
  public static final int REVOCATION_REASON = 0x420081;

  /** Revocation Reason Code, since KMIP 1.0. */
  public static final int REVOCATION_REASON_CODE = 0x420082;

  /** Revocation Message, since KMIP 1.0. */
  public static final int REVOCATION_MESSAGE = 0x420080;

  /** Link, since KMIP 1.0. */
  public static final int LINK = 0x42004A;

  /** Link Type, since KMIP 1.0. */
  public static final int LINK_TYPE = 0x42004B;

  /** Linked Object Identifier, since KMIP 1.0. */
  public static final int LINKED_OBJECT_IDENTIFIER = 0x42004C;

  /** Object Group, since KMIP 1.0. */
  public static final int OBJECT_GROUP = 0x420056;

  /** Contact Information, since KMIP 1.0. */
  public static final int CONTACT_INFORMATION = 0x420022;

  /** Description, since KMIP 1.4. */
  public static final int DESCRIPTION = 0x4200FC;

  /** Comment, since KMIP 1.4. */
  public static final int COMMENT = 0x4200FD;

  /** Sensitive, since KMIP 1.4. */
  public static final int SENSITIVE = 0x420120;

  /** Always Sensitive, since KMIP 1.4. */
  public static final int ALWAYS_SENSITIVE = 0x420121;

  /** Extractable, since KMIP 1.4. */
  public static final int EXTRACTABLE = 0x420122;

  /** Never Extractable, since KMIP 1.4. */
  public static final int NEVER_EXTRACTABLE = 0x420123;

  /** Fresh, since KMIP 1.1. */
  public static final int FRESH = 0x4200A8;

  /** Lease Time, since KMIP 1.0. */
  public static final int LEASE_TIME = 0x420049;

  /** Usage Limits, since KMIP 1.0. */
  public static final int USAGE_LIMITS = 0x420095;

  /** Usage Limits Count, since KMIP 1.0. */
  public static final int USAGE_LIMITS_COUNT = 0x420096;

  /** Usage Limits Total, since KMIP 1.0. */
  public static final int USAGE_LIMITS_TOTAL = 0x420097;

  /** Usage Limits Unit, since KMIP 1.0. */
  public static final int USAGE_LIMITS_UNIT = 0x420098;

  /** Application Specific Information, since KMIP 1.0. */
  public static final int APPLICATION_SPECIFIC_INFORMATION = 0x420004;

  /** Application Namespace, since KMIP 1.0. */
  public static final int APPLICATION_NAMESPACE = 0x420003;

  /** Application Data, since KMIP 1.0. */
  public static final int APPLICATION_DATA = 0x420002;

  /** Digest, since KMIP 1.0. */
  public static final int DIGEST = 0x420034;

  /** Digest Value, since KMIP 1.0. */
  public static final int DIGEST_VALUE = 0x420035;

  /** Operation Policy Name, since KMIP 1.0. */
  public static final int OPERATION_POLICY_NAME = 0x42005D;

  /** Custom Attribute, since KMIP 1.0. */
  public static final int CUSTOM_ATTRIBUTE = 0x42002D;

  /** Key Value Present, since KMIP 1.2. */
  public static final int KEY_VALUE_PRESENT = 0x4200BB;

  /** Object Group Member, since KMIP 1.1. */
  public static final int OBJECT_GROUP_MEMBER = 0x4200AC;

  // Operation payloads
  /** Private Key Unique Identifier, since KMIP 1.0. */
  public static final int PRIVATE_KEY_UNIQUE_IDENTIFIER = 0x420066;

  /** Public Key Unique Identifier, since KMIP 1.0. */
  public static final int PUBLIC_KEY_UNIQUE_IDENTIFIER = 0x42006F;

  /** Replaced Unique Identifier, since KMIP 1.0. */
  public static final int REPLACED_UNIQUE_IDENTIFIER = 0x420076;

  /** Offset, since KMIP 1.0. */
  public static final int OFFSET = 0x420058;

  /** Maximum Items, since KMIP 1.0. */
  public static final int MAXIMUM_ITEMS = 0x42004F;

  /** Offset Items, since KMIP 1.3. */
  public static final int OFFSET_ITEMS = 0x4200D4;

  /** Located Items, since KMIP 1.3. */
  public static final int LOCATED_ITEMS = 0x4200D5;

  /** Storage Status Mask, since KMIP 1.0. */
  public static final int STORAGE_STATUS_MASK = 0x42008E;

  /** Key Wrap Type, since KMIP 1.4. */
  public static final int KEY_WRAP_TYPE = 0x4200F8;

  /** Query Function, since KMIP 1.0. */
  public static final int QUERY_FUNCTION = 0x420074;

  /** Server Information, since KMIP 1.0. */
  public static final int SERVER_INFORMATION = 0x420088;

  /** Extension Information, since KMIP 1.1. */
  public static final int EXTENSION_INFORMATION = 0x4200A4;

  /** Extension Name, since KMIP 1.1. */
  public static final int EXTENSION_NAME = 0x4200A5;

  /** Extension Tag, since KMIP 1.1. */
  public static final int EXTENSION_TAG = 0x4200A6;

  /** Extension Type, since KMIP 1.1. */
  public static final int EXTENSION_TYPE = 0x4200A7;

  /** Capability Information, since KMIP 1.3. */
  public static final int CAPABILITY_INFORMATION = 0x4200F7;

  /** Profile Information, since KMIP 1.3. */
  public static final int PROFILE_INFORMATION = 0x4200EB;

  /** Profile Name, since KMIP 1.3. */
  public static final int PROFILE_NAME = 0x4200EC;

  /** Server URI, since KMIP 1.3. */
  public static final int SERVER_URI = 0x4200ED;

  /** Server Port, since KMIP 1.3. */
  public static final int SERVER_PORT = 0x4200EE;

  /** Data, since KMIP 1.2. */
  public static final int DATA = 0x4200C2;

  /** Data Length, since KMIP 1.2. */
  public static final int DATA_LENGTH = 0x4200C4;

  /** IV/Counter/Nonce, since KMIP 1.0. */
  public static final int IV_COUNTER_NONCE = 0x42003D;

  /** Correlation Value, since KMIP 1.3. */
  public static final int CORRELATION_VALUE = 0x4200D6;

  /** Init Indicator, since KMIP 1.3. */
  public static final int INIT_INDICATOR = 0x4200D7;

  /** Final Indicator, since KMIP 1.3. */
  public static final int FINAL_INDICATOR = 0x4200D8;

  /** Authenticated Encryption Additional Data, since KMIP 1.4. */
  public static final int AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA = 0x4200FE;

  /** Authenticated Encryption Tag, since KMIP 1.4. */
  public static final int AUTHENTICATED_ENCRYPTION_TAG = 0x4200FF;

  /** Digested Data, since KMIP 1.4. */
  public static final int DIGESTED_DATA = 0x420107;

  /** Signature Data, since KMIP 1.2. */
  public static final int SIGNATURE_DATA = 0x4200C3;

  /** Validity Indicator, since KMIP 1.0. */
  public static final int VALIDITY_INDICATOR = 0x42009B;

  /** MAC Data, since KMIP 1.2. */
  public static final int MAC_DATA = 0x4200C6;

  /** Derivation Method, since KMIP 1.0. */
  public static final int DERIVATION_METHOD = 0x420031;

  /** Derivation Parameters, since KMIP 1.0. */
  public static final int DERIVATION_PARAMETERS = 0x420032;

  /** Derivation Data, since KMIP 1.0. */
  public static final int DERIVATION_DATA = 0x420030;

  /** Salt, since KMIP 1.0. */
  public static final int SALT = 0x420084;

  /** Iteration Count, since KMIP 1.0. */
  public static final int ITERATION_COUNT = 0x42003C;

  /** Initialization Vector, since KMIP 1.0. */
  public static final int INITIALIZATION_VECTOR = 0x42003A;

  private Tag() {}
}
