package io.clavis.server.audit;

/**
 * The audit trail cannot take a record right now (queue full, disk failure, closed). In fail-closed
 * mode the caller must then refuse the request: an unaudited request must not succeed.
 */
public class AuditUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message) {
    super(message, null, false, false);
  }

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
