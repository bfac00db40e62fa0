package io.clavis.server.kmip;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.util.Optional;

/**
 * One Request Batch Item as received. An item that could not be read is kept, with the reason, so
 * that it still gets its own failed response item (echoing whatever Operation and Unique Batch Item
 * ID could be read) and its own audit record, as KMIP's error handling asks (KMIP 1.4 section 11.1:
 * an error in a batch item fails that item).
 *
 * @param operationValue the Operation's wire value, or null when it could not be read
 * @param uniqueBatchItemId echoed in the response, or null when absent or unreadable
 * @param payload the Request Payload, or null when the item is invalid
 * @param invalid why the item cannot run, or null when it can
 */
record RequestItem(
    Integer operationValue,
    TtlvByteString uniqueBatchItemId,
    TtlvStructure payload,
    KmipException invalid) {

  /** The operation, when its value is one this server knows. */
  Optional<Operation> operation() {
    return operationValue == null ? Optional.empty() : Operation.fromValue(operationValue);
  }
}
