package io.clavis.kmip.client;

import io.clavis.kmip.spec.KmipEnum;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import java.util.Optional;

/**
 * The server answered a request with a failed batch item: the KMIP Result Status, Result Reason and
 * Result Message it gave. The message is the server's text, which a server should keep free of key
 * material; this class adds nothing from the request.
 */
public final class KmipClientException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Operation operation;
  private final int resultStatus;
  private final int resultReason;
  private final String resultMessage;

  /**
   * @param resultReason the Result Reason's wire value, or -1 when the answer had none
   * @param resultMessage the Result Message, or null
   */
  public KmipClientException(
      Operation operation, int resultStatus, int resultReason, String resultMessage) {
    super(describe(operation, resultStatus, resultReason, resultMessage));
    this.operation = operation;
    this.resultStatus = resultStatus;
    this.resultReason = resultReason;
    this.resultMessage = resultMessage;
  }

  /** The operation that failed. */
  public Operation operation() {
    return operation;
  }

  /** The Result Status, when it is one of the standard values. */
  public Optional<ResultStatus> resultStatus() {
    return ResultStatus.fromValue(resultStatus);
  }

  /** The Result Reason, when the answer had one of the standard values. */
  public Optional<ResultReason> resultReason() {
    return resultReason < 0 ? Optional.empty() : ResultReason.fromValue(resultReason);
  }

  /** The Result Reason's wire value, or -1 when the answer had none. */
  public int resultReasonValue() {
    return resultReason;
  }

  /** The Result Message, or null when the answer had none. */
  public String resultMessage() {
    return resultMessage;
  }

  private static String describe(Operation operation, int status, int reason, String message) {
    StringBuilder sb = new StringBuilder("KMIP ").append(operation.kmipName()).append(" failed: ");
    sb.append(name(ResultStatus.fromValue(status), status));
    if (reason >= 0) {
      sb.append(", ").append(name(ResultReason.fromValue(reason), reason));
    }
    if (message != null && !message.isBlank()) {
      sb.append(": ").append(message.strip());
    }
    return sb.toString();
  }

  private static String name(Optional<? extends KmipEnum> known, int value) {
    return known.map(KmipEnum::kmipName).orElse(String.format("0x%08X", value));
  }
}
