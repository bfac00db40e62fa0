package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Why a batch item failed (KMIP 1.4 section 9.1.3.2.29; values from Invalid Ticket on are KMIP
 * 2.0).
 *
 * <p>Values and names are those of the registry's {@code Result Reason} enumeration; a test checks
 * each constant against it.
 */
public enum ResultReason implements KmipEnum {
  ITEM_NOT_FOUND(0x00000001, "Item Not Found"),
  RESPONSE_TOO_LARGE(0x00000002, "Response Too Large"),
  AUTHENTICATION_NOT_SUCCESSFUL(0x00000003, "Authentication Not Successful"),
  INVALID_MESSAGE(0x00000004, "Invalid Message"),
  OPERATION_NOT_SUPPORTED(0x00000005, "Operation Not Supported"),
  MISSING_DATA(0x00000006, "Missing Data"),
  INVALID_FIELD(0x00000007, "Invalid Field"),
  FEATURE_NOT_SUPPORTED(0x00000008, "Feature Not Supported"),
  OPERATION_CANCELED_BY_REQUESTER(0x00000009, "Operation Canceled By Requester"),
  CRYPTOGRAPHIC_FAILURE(0x0000000A, "Cryptographic Failure"),
  ILLEGAL_OPERATION(0x0000000B, "Illegal Operation"),
  PERMISSION_DENIED(0x0000000C, "Permission Denied"),
  OBJECT_ARCHIVED(0x0000000D, "Object archived"),
  INDEX_OUT_OF_BOUNDS(0x0000000E, "Index Out of Bounds"),
  APPLICATION_NAMESPACE_NOT_SUPPORTED(0x0000000F, "Application Namespace Not Supported"),
  KEY_FORMAT_TYPE_NOT_SUPPORTED(0x00000010, "Key Format Type Not Supported"),
  KEY_COMPRESSION_TYPE_NOT_SUPPORTED(0x00000011, "Key Compression Type Not Supported"),
  ENCODING_OPTION_ERROR(0x00000012, "Encoding Option Error"),
  KEY_VALUE_NOT_PRESENT(0x00000013, "Key Value Not Present"),
  ATTESTATION_REQUIRED(0x00000014, "Attestation Required"),
  ATTESTATION_FAILED(0x00000015, "Attestation Failed"),
  SENSITIVE(0x00000016, "Sensitive"),
  NOT_EXTRACTABLE(0x00000017, "Not Extractable"),
  OBJECT_ALREADY_EXISTS(0x00000018, "Object Already Exists"),
  INVALID_TICKET(0x00000019, "Invalid Ticket"),
  USAGE_LIMIT_EXCEEDED(0x0000001A, "Usage Limit Exceeded"),
  NUMERIC_RANGE(0x0000001B, "Numeric Range"),
  INVALID_DATA_TYPE(0x0000001C, "Invalid Data Type"),
  READ_ONLY_ATTRIBUTE(0x0000001D, "Read Only Attribute"),
  MULTI_VALUED_ATTRIBUTE(0x0000001E, "Multi Valued Attribute"),
  UNSUPPORTED_ATTRIBUTE(0x0000001F, "Unsupported Attribute"),
  ATTRIBUTE_INSTANCE_NOT_FOUND(0x00000020, "Attribute Instance Not Found"),
  ATTRIBUTE_NOT_FOUND(0x00000021, "Attribute Not Found"),
  ATTRIBUTE_READ_ONLY(0x00000022, "Attribute Read Only"),
  ATTRIBUTE_SINGLE_VALUED(0x00000023, "Attribute Single Valued"),
  BAD_CRYPTOGRAPHIC_PARAMETERS(0x00000024, "Bad Cryptographic Parameters"),
  BAD_PASSWORD(0x00000025, "Bad Password"),
  CODEC_ERROR(0x00000026, "Codec Error"),
  ILLEGAL_OBJECT_TYPE(0x00000028, "Illegal Object Type"),
  INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK(0x00000029, "Incompatible Cryptographic Usage Mask"),
  INTERNAL_SERVER_ERROR(0x0000002A, "Internal Server Error"),
  INVALID_ASYNCHRONOUS_CORRELATION_VALUE(0x0000002B, "Invalid Asynchronous Correlation Value"),
  INVALID_ATTRIBUTE(0x0000002C, "Invalid Attribute"),
  INVALID_ATTRIBUTE_VALUE(0x0000002D, "Invalid Attribute Value"),
  INVALID_CORRELATION_VALUE(0x0000002E, "Invalid Correlation Value"),
  INVALID_CSR(0x0000002F, "Invalid CSR"),
  INVALID_OBJECT_TYPE(0x00000030, "Invalid Object Type"),
  KEY_WRAP_TYPE_NOT_SUPPORTED(0x00000032, "Key Wrap Type Not Supported"),
  MISSING_INITIALIZATION_VECTOR(0x00000034, "Missing Initialization Vector"),
  NON_UNIQUE_NAME_ATTRIBUTE(0x00000035, "Non Unique Name Attribute"),
  OBJECT_DESTROYED(0x00000036, "Object Destroyed"),
  OBJECT_NOT_FOUND(0x00000037, "Object Not Found"),
  NOT_AUTHORIZED(0x00000039, "Not Authorized"),
  SERVER_LIMIT_EXCEEDED(0x0000003A, "Server Limit Exceeded"),
  UNKNOWN_ENUMERATION(0x0000003B, "Unknown Enumeration"),
  UNKNOWN_MESSAGE_EXTENSION(0x0000003C, "Unknown Message Extension"),
  UNKNOWN_TAG(0x0000003D, "Unknown Tag"),
  UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS(0x0000003E, "Unsupported Cryptographic Parameters"),
  UNSUPPORTED_PROTOCOL_VERSION(0x0000003F, "Unsupported Protocol Version"),
  WRAPPING_OBJECT_ARCHIVED(0x00000040, "Wrapping Object Archived"),
  WRAPPING_OBJECT_DESTROYED(0x00000041, "Wrapping Object Destroyed"),
  WRAPPING_OBJECT_NOT_FOUND(0x00000042, "Wrapping Object Not Found"),
  WRONG_KEY_LIFECYCLE_STATE(0x00000043, "Wrong Key Lifecycle State"),
  PROTECTION_STORAGE_UNAVAILABLE(0x00000044, "Protection Storage Unavailable"),
  PKCS_11_CODEC_ERROR(0x00000045, "PKCS#11 Codec Error"),
  PKCS_11_INVALID_FUNCTION(0x00000046, "PKCS#11 Invalid Function"),
  PKCS_11_INVALID_INTERFACE(0x00000047, "PKCS#11 Invalid Interface"),
  GENERAL_FAILURE(0x00000100, "General Failure");

  private final int value;
  private final String kmipName;

  ResultReason(int value, String kmipName) {
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
  public static Optional<ResultReason> fromValue(int value) {
    return KmipEnums.fromValue(ResultReason.class, value);
  }
}
