package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.error.ClavisException;
import java.io.Serial;
import java.util.Objects;

/**
 * A KMIP operation on managed objects failed for a reason the client can be told: the exception
 * carries the KMIP {@link ResultReason}, so that an operation handler only translates it into a
 * failed batch item and never decides what went wrong.
 *
 * <p>Every public method of {@link ManagedObjects} and {@link KmipAttributeCodec} fails with this
 * type only. Messages are safe to send to the client: they name objects and attributes, never key
 * material or attribute values that could be secret.
 */
public final class KmipObjectException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final ResultReason reason;

  public KmipObjectException(ResultReason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Returns the reason, in the KMIP 2.x vocabulary. */
  public ResultReason reason() {
    return reason;
  }

  /**
   * Returns the reason to send to a client speaking {@code version}. KMIP 2.0 added precise reasons
   * (Unsupported Attribute, Object Destroyed, Wrong Key Lifecycle State, ...) and KMIP 1.4 added
   * Sensitive and Not Extractable; an older client only knows the earlier ones, so those map to the
   * nearest reason it can understand.
   */
  public ResultReason reasonFor(KmipVersion version) {
    if (version.compareTo(KmipVersion.V2_0) >= 0) {
      return reason;
    }
    if (version.compareTo(KmipVersion.V1_4) >= 0
        && (reason == ResultReason.SENSITIVE
            || reason == ResultReason.NOT_EXTRACTABLE
            || reason == ResultReason.OBJECT_ALREADY_EXISTS)) {
      return reason;
    }
    if (reason.value() <= ResultReason.ATTESTATION_FAILED.value()
        || reason == ResultReason.GENERAL_FAILURE) {
      return reason;
    }
    return switch (reason) {
      case OBJECT_NOT_FOUND -> ResultReason.ITEM_NOT_FOUND;
      case OBJECT_DESTROYED -> ResultReason.KEY_VALUE_NOT_PRESENT;
      case SENSITIVE,
          NOT_EXTRACTABLE,
          NOT_AUTHORIZED,
          WRONG_KEY_LIFECYCLE_STATE,
          ATTRIBUTE_READ_ONLY,
          READ_ONLY_ATTRIBUTE ->
          ResultReason.PERMISSION_DENIED;
      case ATTRIBUTE_NOT_FOUND -> ResultReason.ITEM_NOT_FOUND;
      case ATTRIBUTE_INSTANCE_NOT_FOUND -> ResultReason.INDEX_OUT_OF_BOUNDS;
      case ATTRIBUTE_SINGLE_VALUED, MULTI_VALUED_ATTRIBUTE -> ResultReason.INDEX_OUT_OF_BOUNDS;
      case OBJECT_ALREADY_EXISTS, NON_UNIQUE_NAME_ATTRIBUTE -> ResultReason.ILLEGAL_OPERATION;
      case INTERNAL_SERVER_ERROR, SERVER_LIMIT_EXCEEDED -> ResultReason.GENERAL_FAILURE;
      default -> ResultReason.INVALID_FIELD;
    };
  }

  static KmipObjectException notFound(String uniqueIdentifier) {
    return new KmipObjectException(
        ResultReason.OBJECT_NOT_FOUND, "no managed object " + quote(uniqueIdentifier));
  }

  static KmipObjectException invalidField(String message) {
    return new KmipObjectException(ResultReason.INVALID_FIELD, message);
  }

  static KmipObjectException wrongState(String message) {
    return new KmipObjectException(ResultReason.WRONG_KEY_LIFECYCLE_STATE, message);
  }

  /**
   * Translates an error of the key service, the policy engine or the Raft log into the KMIP
   * vocabulary. The Clavis message is kept: it names no secret either.
   */
  static KmipObjectException from(ClavisException e) {
    ResultReason reason =
        switch (e.code()) {
          case NOT_FOUND -> ResultReason.OBJECT_NOT_FOUND;
          case FORBIDDEN, UNAUTHENTICATED, ACCOUNT_LOCKED -> ResultReason.PERMISSION_DENIED;
          case INVALID_STATE, KEY_NOT_ENABLED, KEY_VERSION_NOT_ENABLED ->
              ResultReason.WRONG_KEY_LIFECYCLE_STATE;
          case NAME_TAKEN -> ResultReason.OBJECT_ALREADY_EXISTS;
          case UNSUPPORTED_ALGORITHM -> ResultReason.INVALID_FIELD;
          case INVALID_OPERATION_FOR_KEY -> ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK;
          case INVALID_ARGUMENT, MALFORMED_JSON, INVALID_BASE64, INVALID_POLICY ->
              ResultReason.INVALID_FIELD;
          case PAYLOAD_TOO_LARGE -> ResultReason.SERVER_LIMIT_EXCEEDED;
          case DECRYPTION_FAILED -> ResultReason.CRYPTOGRAPHIC_FAILURE;
          case SEALED, NOT_INITIALIZED, READ_ONLY, UNAVAILABLE, AUDIT_UNAVAILABLE ->
              ResultReason.GENERAL_FAILURE;
          default -> ResultReason.GENERAL_FAILURE;
        };
    return new KmipObjectException(reason, e.getMessage());
  }

  /** A client-supplied text for a message: bounded, and with control characters escaped. */
  static String quote(String text) {
    if (text == null) {
      return "(none)";
    }
    StringBuilder sb = new StringBuilder("'");
    for (int i = 0; i < text.length() && i < 64; i++) {
      char c = text.charAt(i);
      sb.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.append(text.length() > 64 ? "...'" : "'").toString();
  }
}
