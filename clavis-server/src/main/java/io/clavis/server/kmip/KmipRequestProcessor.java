package io.clavis.server.kmip;

import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.KmipDecodingException;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvFormatException;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.access.AccessControl;
import io.clavis.server.error.ClavisException;
import io.clavis.server.identity.Principal;
import io.clavis.server.tls.Fingerprints;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one request message into its response: decode, check the version, the seal and the caller,
 * run the batch items through the dispatcher with one audit record each, apply the Batch Error
 * Continuation Option and the Maximum Response Size, encode.
 *
 * <p>Decisions taken from the specification (KMIP 1.4 section 11.1, Batch Error Continuation Option
 * in KMIP 2.1):
 *
 * <ul>
 *   <li>A message whose header cannot be read, or whose version is not supported, gets one batch
 *       item without Operation: Operation Failed, Invalid Message. It is written in the request's
 *       version when that could be read, else in 1.0, which every client reads.
 *   <li>Stop (the default): after a failed item, the remaining items are not run and, as the
 *       specification says for items not processed, not returned. Undo is handled as Stop, since
 *       nothing is undone; the failed item's Result Message says so. Continue: every item runs.
 *   <li>A response longer than the request's Maximum Response Size has every item replaced by a
 *       failure with Response Too Large (keeping its Operation and Unique Batch Item ID). The
 *       operations have run and their audit records say so.
 *   <li>A caller whose certificate does not identify a registered service gets Authentication Not
 *       Successful for every item, and the connection is closed after the answer.
 * </ul>
 */
final class KmipRequestProcessor {
  private static final Logger LOG = LoggerFactory.getLogger(KmipRequestProcessor.class);

  /** Whether the node serves requests now. */
  @FunctionalInterface
  interface Availability {
    /** Null when the node serves requests, else why it does not (sealed, not initialised). */
    String unavailableReason();
  }

  /**
   * What to do with the connection.
   *
   * @param response the bytes to send, or null to send nothing
   * @param close whether to close the connection afterwards
   */
  record Outcome(byte[] response, boolean close) {
    static final Outcome CLOSE = new Outcome(null, true);
  }

  private final KmipDispatcher dispatcher;
  private final AccessControl access;
  private final KmipAudit audit;
  private final Availability availability;
  private final TtlvDecoder.Limits limits;

  KmipRequestProcessor(
      KmipDispatcher dispatcher,
      AccessControl access,
      KmipAudit audit,
      Availability availability,
      TtlvDecoder.Limits limits) {
    this.dispatcher = dispatcher;
    this.access = access;
    this.audit = audit;
    this.availability = availability;
    this.limits = limits;
  }

  /** Answers one framed request message from a client that presented {@code certificate}. */
  Outcome process(byte[] frame, X509Certificate certificate, String clientAddress) {
    long started = System.nanoTime();
    Ttlv decoded;
    try {
      decoded = TtlvDecoder.decode(frame, limits);
    } catch (TtlvFormatException e) {
      Optional<KmipVersion> version = KmipRequestParser.headerVersion(frame, limits);
      LOG.debug("KMIP message from {} is not valid TTLV: {}", clientAddress, e.getMessage());
      if (version.isEmpty()) {
        return Outcome.CLOSE;
      }
      return messageFailure(
          version.get(),
          "the message is not valid TTLV: " + e.getMessage(),
          certificate,
          clientAddress,
          started);
    }
    KmipRequest request;
    try {
      request = KmipRequestParser.parse(decoded);
    } catch (InvalidRequestException e) {
      LOG.debug("KMIP message from {} is invalid: {}", clientAddress, e.getMessage());
      if (!(decoded instanceof TtlvStructure s && s.tag() == Tag.REQUEST_MESSAGE)) {
        return Outcome.CLOSE; // not KMIP at all: nothing a client could read
      }
      KmipVersion v = e.version() != null ? e.version() : KmipVersions.FALLBACK;
      return messageFailure(v, e.getMessage(), certificate, clientAddress, started);
    }
    KmipVersion version = request.header().version();
    if (!KmipVersions.isSupported(version)) {
      String message =
          "KMIP "
              + version
              + " is not supported; this server speaks "
              + KmipVersions.describe()
              + " (see Discover Versions)";
      auditEveryItem(
          request, ResultReason.INVALID_MESSAGE, identify(certificate), clientAddress, Map.of());
      return respond(
          version, List.of(ResponseItem.failure(null, ResultReason.INVALID_MESSAGE, message)));
    }
    String unavailable = availability.unavailableReason();
    if (unavailable != null) {
      return respond(
          version,
          everyItem(request, ResultReason.GENERAL_FAILURE, unavailable, null, clientAddress));
    }
    Principal principal;
    try {
      principal = access.authenticate(null, certificate);
    } catch (ClavisException e) {
      String message =
          isCurrent(certificate)
              ? "the client certificate does not identify a registered service"
              : "the client certificate is expired or not yet valid";
      LOG.debug("KMIP client {} not authenticated: {}", clientAddress, message);
      List<ResponseItem> refused =
          everyItem(
              request,
              ResultReason.AUTHENTICATION_NOT_SUCCESSFUL,
              message,
              null,
              clientAddress,
              Map.of("clientCertificate", fingerprint(certificate)));
      return new Outcome(encode(version, refused), true);
    }
    if (request.header().authenticationPresent()) {
      LOG.debug(
          "KMIP request from {} carries an Authentication structure; it is ignored (the client"
              + " certificate identifies {})",
          clientAddress,
          principal.name());
    }
    return respond(request, runBatch(request, principal, clientAddress));
  }

  private List<ResponseItem> runBatch(
      KmipRequest request, Principal principal, String clientAddress) {
    RequestHeader header = request.header();
    BatchState batch = new BatchState();
    List<ResponseItem> out = new ArrayList<>(request.items().size());
    for (RequestItem item : request.items()) {
      ResponseItem r = runItem(item, header.version(), principal, clientAddress, batch);
      if (r.failed()
          && header.errorContinuation() == BatchErrorContinuationOption.UNDO
          && out.size() + 1 < request.items().size()) {
        r =
            r.asFailure(
                r.reason(),
                r.message()
                    + " (Batch Error Continuation Option Undo is handled as Stop: the items"
                    + " before this one were not undone)");
      }
      out.add(r);
      if (r.failed() && !header.continueAfterFailure()) {
        break;
      }
    }
    return out;
  }

  private ResponseItem runItem(
      RequestItem item,
      KmipVersion version,
      Principal principal,
      String clientAddress,
      BatchState batch) {
    long started = System.nanoTime();
    String requestId = KmipAudit.newRequestId();
    String operation = KmipAudit.operationName(item.operationValue());
    Map<String, String> resources = Map.of();
    ResponseItem response;
    if (item.invalid() != null) {
      response = failure(item, item.invalid(), version);
    } else {
      KmipRequestContext ctx = null;
      try {
        KmipOperationHandler handler = dispatcher.handlerFor(item.operationValue(), version);
        Operation op = handler.operation();
        ctx =
            new KmipRequestContext(principal, version, clientAddress, access, requestId, op, batch);
        response = ResponseItem.success(item, KmipDispatcher.run(handler, ctx, item.payload()));
      } catch (KmipException e) {
        response = failure(item, e, version);
      } catch (ClavisException e) {
        if (!e.code().isClientError()) {
          LOG.warn("KMIP {} [{}] failed: {}", operation, requestId, e.getMessage());
        }
        response = failure(item, KmipErrors.fromService(e, version), version);
      } catch (KmipDecodingException e) {
        response =
            failure(
                item,
                KmipException.invalidMessage(
                    "the request payload cannot be read: " + e.getMessage()),
                version);
      } catch (RuntimeException e) {
        LOG.error("KMIP {} [{}] failed", operation, requestId, e);
        response =
            failure(
                item,
                new KmipException(
                    ResultReason.GENERAL_FAILURE,
                    "internal error; see the server log for " + requestId),
                version);
      }
      if (ctx != null) {
        resources = ctx.auditResources();
      }
    }
    LOG.debug(
        "KMIP {} [{}] by {} from {}: {}",
        operation,
        requestId,
        principal.name(),
        clientAddress,
        response.failed() ? response.reason().kmipName() : "Success");
    if (!audit.record(
        operation,
        principal,
        clientAddress,
        resources,
        response.failed() ? response.reason() : null,
        requestId,
        started)) {
      response = response.asFailure(ResultReason.GENERAL_FAILURE, "audit trail unavailable");
    }
    return response;
  }

  private static ResponseItem failure(RequestItem item, KmipException e, KmipVersion version) {
    ResultReason reason = KmipErrors.forVersion(e.reason(), version);
    String message =
        reason == e.reason() ? e.getMessage() : e.reason().kmipName() + ": " + e.getMessage();
    return ResponseItem.failure(item, reason, message);
  }

  /** Every item of a request refused for one reason, each audited. */
  private List<ResponseItem> everyItem(
      KmipRequest request,
      ResultReason reason,
      String message,
      Principal principal,
      String clientAddress) {
    return everyItem(request, reason, message, principal, clientAddress, Map.of());
  }

  private List<ResponseItem> everyItem(
      KmipRequest request,
      ResultReason reason,
      String message,
      Principal principal,
      String clientAddress,
      Map<String, String> resources) {
    auditEveryItem(request, reason, principal, clientAddress, resources);
    KmipException refusal = new KmipException(reason, message);
    return request.items().stream()
        .map(item -> failure(item, refusal, request.header().version()))
        .toList();
  }

  /**
   * One record per item of a request refused as a whole. The refusal stands whether or not the
   * trail takes the records, so a record that cannot be written changes nothing here.
   */
  private void auditEveryItem(
      KmipRequest request,
      ResultReason reason,
      Principal principal,
      String clientAddress,
      Map<String, String> resources) {
    for (RequestItem item : request.items()) {
      audit.record(
          KmipAudit.operationName(item.operationValue()),
          principal,
          clientAddress,
          resources,
          reason,
          KmipAudit.newRequestId(),
          System.nanoTime());
    }
  }

  /** A message that could not be read far enough to know its items: one record, one item. */
  private Outcome messageFailure(
      KmipVersion version,
      String message,
      X509Certificate certificate,
      String clientAddress,
      long started) {
    audit.record(
        KmipAudit.MESSAGE_OPERATION,
        identify(certificate),
        clientAddress,
        Map.of(),
        ResultReason.INVALID_MESSAGE,
        KmipAudit.newRequestId(),
        started);
    return respond(
        version, List.of(ResponseItem.failure(null, ResultReason.INVALID_MESSAGE, message)));
  }

  /** The caller for an audit record of a refused message, if the certificate names one. */
  private Principal identify(X509Certificate certificate) {
    try {
      return access.authenticate(null, certificate);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Outcome respond(KmipVersion version, List<ResponseItem> items) {
    return new Outcome(encode(version, items), false);
  }

  /** The response, or Response Too Large for every item when it exceeds the client's maximum. */
  private Outcome respond(KmipRequest request, List<ResponseItem> items) {
    KmipVersion version = request.header().version();
    byte[] bytes = encode(version, items);
    Integer max = request.header().maximumResponseSize();
    if (max != null && bytes.length > max) {
      String message =
          "the response would be "
              + bytes.length
              + " bytes, more than the Maximum Response Size of "
              + max;
      LOG.debug("KMIP response not sent: {}", message);
      bytes =
          encode(
              version,
              items.stream()
                  .map(i -> i.asFailure(ResultReason.RESPONSE_TOO_LARGE, message))
                  .toList());
    }
    return new Outcome(bytes, false);
  }

  private static byte[] encode(KmipVersion version, List<ResponseItem> items) {
    return new KmipResponse(version, items).encode(Instant.now());
  }

  private static boolean isCurrent(X509Certificate certificate) {
    try {
      certificate.checkValidity();
      return true;
    } catch (java.security.cert.CertificateException e) {
      return false;
    }
  }

  private static String fingerprint(X509Certificate certificate) {
    return certificate == null ? "none" : Fingerprints.sha256(certificate);
  }
}
