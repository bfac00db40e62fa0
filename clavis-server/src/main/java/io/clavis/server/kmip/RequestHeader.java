package io.clavis.server.kmip;

import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipVersion;
import java.time.Instant;

/**
 * The parts of a Request Header (the same fields in KMIP 1.0 to 2.1) this server acts on.
 *
 * <p>Asynchronous Indicator, Attestation Capable Indicator and Attestation Type are read and then
 * ignored: every operation completes synchronously and no attestation is asked for, which a client
 * allowing asynchrony or attestation must accept. An Authentication structure is ignored too (the
 * client certificate identifies the caller); it is never logged, as it may carry a password.
 *
 * @param version the Protocol Version; the response is written in it
 * @param maximumResponseSize the largest response the client will take, or null for no limit
 * @param errorContinuation what to do after a failed item; Stop when absent, as the specification
 *     says
 * @param batchOrder whether the client asked for the items to run in order (they always do)
 * @param timeStamp when the client says it sent the request, or null
 * @param batchCount the number of batch items the client declares
 * @param authenticationPresent whether the header carried an Authentication structure
 */
record RequestHeader(
    KmipVersion version,
    Integer maximumResponseSize,
    BatchErrorContinuationOption errorContinuation,
    boolean batchOrder,
    Instant timeStamp,
    int batchCount,
    boolean authenticationPresent) {

  /** Whether later items still run after an item fails. */
  boolean continueAfterFailure() {
    return errorContinuation == BatchErrorContinuationOption.CONTINUE;
  }
}
