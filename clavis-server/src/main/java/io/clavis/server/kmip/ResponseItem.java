package io.clavis.server.kmip;

import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;

/**
 * One Response Batch Item (the same fields in KMIP 1.0 to 2.1), in the field order the
 * specification gives, which strict clients such as PyKMIP read positionally.
 *
 * @param operationValue echoed from the request item when it had one (the specification requires it
 *     then), else null
 * @param uniqueBatchItemId echoed from the request item, or null
 * @param reason why the item failed, or null on success
 * @param message the Result Message of a failure, or null
 * @param payload the Response Payload of a success, or null
 */
record ResponseItem(
    Integer operationValue,
    TtlvByteString uniqueBatchItemId,
    ResultStatus status,
    ResultReason reason,
    String message,
    TtlvStructure payload) {
  /** Long enough for any message of ours; a handler's message is cut there. */
  static final int MAX_MESSAGE_CHARS = 1000;

  ResponseItem {
    if (message != null && message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS - 3) + "...";
    }
  }

  static ResponseItem success(RequestItem request, TtlvStructure payload) {
    return new ResponseItem(
        request.operationValue(),
        request.uniqueBatchItemId(),
        ResultStatus.SUCCESS,
        null,
        null,
        payload);
  }

  /** A failure answering {@code request} (null: a failure of the whole message). */
  static ResponseItem failure(RequestItem request, ResultReason reason, String message) {
    return new ResponseItem(
        request == null ? null : request.operationValue(),
        request == null ? null : request.uniqueBatchItemId(),
        ResultStatus.OPERATION_FAILED,
        reason,
        message,
        null);
  }

  /** The same item turned into a failure: its Operation and ID stay, its payload goes. */
  ResponseItem asFailure(ResultReason newReason, String newMessage) {
    return new ResponseItem(
        operationValue,
        uniqueBatchItemId,
        ResultStatus.OPERATION_FAILED,
        newReason,
        newMessage,
        null);
  }

  boolean failed() {
    return status != ResultStatus.SUCCESS;
  }

  TtlvStructure toTtlv() {
    TtlvStructure.Builder b = TtlvStructure.builder(Tag.BATCH_ITEM);
    if (operationValue != null) {
      b.add(new TtlvEnumeration(Tag.OPERATION, operationValue));
    }
    if (uniqueBatchItemId != null) {
      b.add(uniqueBatchItemId);
    }
    b.add(new TtlvEnumeration(Tag.RESULT_STATUS, status.value()));
    if (reason != null) {
      b.add(new TtlvEnumeration(Tag.RESULT_REASON, reason.value()));
    }
    if (message != null) {
      b.add(new TtlvTextString(Tag.RESULT_MESSAGE, message));
    }
    if (payload != null) {
      b.add(payload);
    }
    return b.build();
  }
}
