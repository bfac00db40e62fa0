package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.util.List;

/**
 * One KMIP operation: reads a Request Payload, does the work through the service layer and returns
 * the Response Payload. Handlers are registered in a {@link KmipDispatcher}, one per operation (as
 * in Cosmian KMS), and are called concurrently from many connections, so they keep no per-request
 * state of their own: that lives in the {@link KmipRequestContext}.
 *
 * <p>Everything around the payload is done once, by the message layer: authentication (the caller
 * is an authenticated service before {@code handle} runs), the seal check, the protocol version
 * check against {@link #minimumVersion()}, the audit record of the item, error translation and the
 * Batch Error Continuation Option. A handler only authorises what it touches ({@link
 * KmipRequestContext#authorize}) and does its operation.
 */
public interface KmipOperationHandler {
  /** The operation this handler serves. */
  Operation operation();

  /**
   * The oldest protocol version in which this operation exists; requests in older versions are
   * answered with Operation Not Supported, and Query does not list the operation to them.
   */
  default KmipVersion minimumVersion() {
    return KmipVersions.introduced(operation());
  }

  /**
   * Handles one batch item.
   *
   * @param payload the item's Request Payload (tag Request Payload), already decoded within the
   *     listener's limits
   * @return the Response Payload, tagged {@link Tag#RESPONSE_PAYLOAD} (see {@link
   *     #responsePayload}); null for an operation whose response has no payload
   * @throws KmipException for a failure the client is told about; a {@link
   *     io.clavis.server.error.ClavisException} from the service layer and an {@link
   *     io.clavis.kmip.ttlv.UnexpectedItemException} from a payload lookup are translated by the
   *     dispatcher (the latter to Invalid Message)
   */
  TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload) throws KmipException;

  /** A Response Payload holding {@code children} in order. */
  static TtlvStructure responsePayload(List<? extends Ttlv> children) {
    return TtlvStructure.builder(Tag.RESPONSE_PAYLOAD).addAll(children).build();
  }
}
