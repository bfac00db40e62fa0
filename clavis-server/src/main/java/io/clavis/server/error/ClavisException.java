package io.clavis.server.error;

/**
 * The one exception type that crosses layers: a stable {@link ErrorCode} and a message that is safe
 * to show to the caller (never key material, plaintext or tokens).
 */
public class ClavisException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ClavisException(ErrorCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ClavisException(ErrorCode code, String message, Throwable cause) {
    super(message, cause, false, false);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }

  public static ClavisException invalid(String message) {
    return new ClavisException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static ClavisException notFound(String what, String id) {
    return new ClavisException(ErrorCode.NOT_FOUND, what + " " + id + " not found");
  }
}
