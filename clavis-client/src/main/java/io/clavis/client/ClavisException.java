package io.clavis.client;

/**
 * An error answered by a Clavis server, or the failure to reach any server.
 *
 * <p>{@link #getMessage()} is the server's message (never a token or plaintext). {@link #code()} is
 * the stable error code of the REST API (for example {@code KEY_NOT_ENABLED}, {@code
 * DECRYPTION_FAILED}). When no server could be reached, {@link #status()} is {@code 0}, the code is
 * {@link #UNAVAILABLE} and the message names every server tried.
 */
public class ClavisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The code of connection-level failures (and of the server's own 503 UNAVAILABLE). */
  public static final String UNAVAILABLE = "UNAVAILABLE";

  private final int status;
  private final String code;
  private final String requestId;

  public ClavisException(int status, String code, String message, String requestId) {
    this(status, code, message, requestId, null);
  }

  public ClavisException(
      int status, String code, String message, String requestId, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
  }

  /** The HTTP status of the answer, or {@code 0} when no server answered. */
  public int status() {
    return status;
  }

  /** The stable error code, for example {@code NOT_FOUND} or {@code UNAVAILABLE}. */
  public String code() {
    return code;
  }

  /** The server's request id (body field or {@code Clavis-Request-Id} header), or null. */
  public String requestId() {
    return requestId;
  }

  /** True when no server answered (connection refused, timeout, TLS failure...). */
  public boolean isConnectionFailure() {
    return status == 0;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("ClavisException[status=").append(status);
    sb.append(", code=").append(code);
    if (requestId != null) {
      sb.append(", requestId=").append(requestId);
    }
    return sb.append("]: ").append(getMessage()).toString();
  }
}
