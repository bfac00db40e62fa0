package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.audit.AuditEvent;
import io.clavis.server.error.ClavisException;

/**
 * How the service layer's errors read in KMIP, and which Result Reasons a client of a given version
 * can be sent.
 *
 * <p>Handlers call the same services as the REST endpoints, which fail with {@link
 * ClavisException}; translating those here, once, keeps every handler from inventing its own
 * mapping. KMIP 1.x defines only the first Result Reasons (up to Object Already Exists) and General
 * Failure; a 1.x client may reject a message carrying a 2.0 value, so such a reason is sent as
 * General Failure with its name kept in the Result Message.
 */
public final class KmipErrors {
  private static final int LAST_1_X_REASON = ResultReason.OBJECT_ALREADY_EXISTS.value();

  private KmipErrors() {}

  /** The KMIP failure a service error stands for. */
  public static KmipException fromService(ClavisException e, KmipVersion version) {
    boolean two = KmipVersions.isTwoOrLater(version);
    ResultReason reason =
        switch (e.code()) {
          case UNAUTHENTICATED, ACCOUNT_LOCKED -> ResultReason.AUTHENTICATION_NOT_SUCCESSFUL;
          case FORBIDDEN -> ResultReason.PERMISSION_DENIED;
          case NOT_FOUND -> ResultReason.ITEM_NOT_FOUND;
          case MALFORMED_JSON,
              INVALID_BASE64,
              INVALID_ARGUMENT,
              INVALID_POLICY,
              UNSUPPORTED_ALGORITHM,
              PAYLOAD_TOO_LARGE ->
              ResultReason.INVALID_FIELD;
          case INVALID_OPERATION_FOR_KEY -> ResultReason.ILLEGAL_OPERATION;
          case DECRYPTION_FAILED -> ResultReason.CRYPTOGRAPHIC_FAILURE;
          case KEY_NOT_ENABLED, KEY_VERSION_NOT_ENABLED, INVALID_STATE ->
              two ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.ILLEGAL_OPERATION;
          case NAME_TAKEN ->
              two ? ResultReason.NON_UNIQUE_NAME_ATTRIBUTE : ResultReason.INVALID_FIELD;
          case METHOD_NOT_ALLOWED -> ResultReason.OPERATION_NOT_SUPPORTED;
          // Sealed, read-only, unavailable, audit unavailable, internal, and codes added later:
          // the server's trouble, not the request's.
          default -> ResultReason.GENERAL_FAILURE;
        };
    return new KmipException(reason, e.getMessage());
  }

  /** The reason to send a client of {@code version}: 2.0 reasons become General Failure for 1.x. */
  static ResultReason forVersion(ResultReason reason, KmipVersion version) {
    if (KmipVersions.isTwoOrLater(version)
        || reason.value() <= LAST_1_X_REASON
        || reason == ResultReason.GENERAL_FAILURE) {
      return reason;
    }
    return ResultReason.GENERAL_FAILURE;
  }

  /** The audit result of a failed item: a refusal of the caller is denied, anything else failed. */
  static String auditResult(ResultReason reason) {
    return reason == ResultReason.PERMISSION_DENIED
            || reason == ResultReason.AUTHENTICATION_NOT_SUCCESSFUL
            || reason == ResultReason.NOT_AUTHORIZED
        ? AuditEvent.DENIED
        : AuditEvent.FAILED;
  }
}
