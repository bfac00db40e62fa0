package io.clavis.server.kmip;

import io.clavis.kmip.spec.ResultReason;
import java.util.Objects;

/**
 * A batch item that cannot succeed: the dispatcher answers it with Result Status Operation Failed,
 * this Result Reason and the message as Result Message.
 *
 * <p>Handlers throw it for anything the client can act on. The message goes to the client and into
 * the debug log, so it must never hold key material, plaintext or credentials. A handler may also
 * let a {@link io.clavis.server.error.ClavisException} escape (from the key service or {@link
 * KmipRequestContext#authorize}); the dispatcher translates those (see {@link KmipErrors}).
 */
public class KmipException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ResultReason reason;

  public KmipException(ResultReason reason, String message) {
    super(message, null, false, false);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ResultReason reason() {
    return reason;
  }

  /** Invalid Message: the request is not a well-formed KMIP message or batch item. */
  public static KmipException invalidMessage(String message) {
    return new KmipException(ResultReason.INVALID_MESSAGE, message);
  }

  /** Invalid Field: a field holds a value the operation cannot use. */
  public static KmipException invalidField(String message) {
    return new KmipException(ResultReason.INVALID_FIELD, message);
  }
}
