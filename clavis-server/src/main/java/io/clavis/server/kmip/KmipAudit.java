package io.clavis.server.kmip;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.audit.AuditEvent;
import io.clavis.server.error.ClavisException;
import io.clavis.server.http.RestServer;
import io.clavis.server.identity.Principal;
import io.clavis.server.metrics.Outcome;
import io.clavis.server.metrics.Protocol;
import io.clavis.server.metrics.RequestMetrics;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit records of KMIP batch items: one per item, shaped like the REST listener's (protocol
 * {@code kmip}, operation {@code kmip.<operation in lower kebab case>}, result allowed, denied or
 * failed with the Result Reason as the code), written to the same sink and, like REST, before the
 * answer leaves: an item whose record cannot be written fails (when the trail fails closed). Every
 * item recorded here is also counted in the request metrics, under the same operation name.
 */
final class KmipAudit {
  private static final Logger LOG = LoggerFactory.getLogger(KmipAudit.class);
  static final String PROTOCOL = "kmip";

  /** A request message that could not be read far enough to know its items. */
  static final String MESSAGE_OPERATION = "kmip.message";

  private final RestServer.AuditSink sink;
  private final RequestMetrics metrics;

  KmipAudit(RestServer.AuditSink sink) {
    this(sink, RequestMetrics.unexposed());
  }

  KmipAudit(RestServer.AuditSink sink, RequestMetrics metrics) {
    this.sink = sink;
    this.metrics = metrics;
  }

  /** {@code kmip.discover-versions}, {@code kmip.re-key-key-pair}, {@code kmip.pkcs-11}, ... */
  static String operationName(Integer operationValue) {
    if (operationValue == null) {
      return MESSAGE_OPERATION;
    }
    return Operation.fromValue(operationValue)
        .map(
            op ->
                "kmip."
                    + op.kmipName()
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z0-9]+", "-")
                        .replaceAll("(^-|-$)", ""))
        .orElse("kmip.unknown-operation");
  }

  static String newRequestId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Writes one item's record.
   *
   * @param reason the item's Result Reason, null when it succeeded
   * @return false when the record could not be written and the trail fails closed: the item must
   *     then fail
   */
  boolean record(
      String operation,
      Principal principal,
      String clientAddress,
      Map<String, String> resources,
      ResultReason reason,
      String requestId,
      long startedNanos) {
    long nanos = System.nanoTime() - startedNanos;
    metrics.record(
        Protocol.KMIP,
        operation,
        reason == null
            ? Outcome.OK
            : reason == ResultReason.GENERAL_FAILURE ? Outcome.SERVER_ERROR : Outcome.CLIENT_ERROR,
        reason == null ? null : reason.name(),
        nanos);
    AuditEvent event =
        new AuditEvent(
            Instant.now(),
            principal == null ? null : principal.name(),
            principal == null ? null : principal.id(),
            principal == null ? "certificate" : principal.authMethod(),
            clientAddress,
            PROTOCOL,
            operation,
            resources,
            reason == null ? AuditEvent.ALLOWED : KmipErrors.auditResult(reason),
            reason == null ? null : reason.name(),
            requestId,
            nanos / 1000,
            null);
    try {
      sink.record(event);
      return true;
    } catch (ClavisException e) {
      LOG.debug("KMIP audit record {} not written: {}", requestId, e.getMessage());
      return false;
    } catch (RuntimeException e) {
      LOG.error("KMIP audit record {} not written", requestId, e);
      return false;
    }
  }
}
