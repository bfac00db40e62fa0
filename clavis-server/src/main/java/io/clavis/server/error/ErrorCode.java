package io.clavis.server.error;

/**
 * Stable error codes. The code is part of the API contract: scripts match on it, so a code is never
 * renamed. The HTTP status says whose fault it is: 4xx the client's, 5xx ours or the cluster's.
 */
public enum ErrorCode {
  MALFORMED_JSON(400),
  INVALID_BASE64(400),
  INVALID_ARGUMENT(400),
  INVALID_POLICY(400),
  UNSUPPORTED_ALGORITHM(400),
  INVALID_OPERATION_FOR_KEY(400),
  DECRYPTION_FAILED(400),
  UNAUTHENTICATED(401),
  ACCOUNT_LOCKED(401),
  FORBIDDEN(403),
  NOT_FOUND(404),
  METHOD_NOT_ALLOWED(405),
  KEY_NOT_ENABLED(409),
  KEY_VERSION_NOT_ENABLED(409),
  NAME_TAKEN(409),
  INVALID_STATE(409),
  ALREADY_INITIALIZED(409),
  JOIN_REFUSED(409),
  PAYLOAD_TOO_LARGE(413),
  IDEMPOTENCY_KEY_REUSED(422),
  INTERNAL(500),
  SEALED(503),
  NOT_INITIALIZED(503),
  READ_ONLY(503),
  UNAVAILABLE(503),
  AUDIT_UNAVAILABLE(503);

  private final int httpStatus;

  ErrorCode(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** True when the error is the client's fault (4xx): it is logged quietly. */
  public boolean isClientError() {
    return httpStatus < 500;
  }
}
