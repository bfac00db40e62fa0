package io.clavis.server.kmip;

import static io.clavis.server.kmip.KmipTestMessages.continuation;
import static io.clavis.server.kmip.KmipTestMessages.discoverVersions;
import static io.clavis.server.kmip.KmipTestMessages.item;
import static io.clavis.server.kmip.KmipTestMessages.items;
import static io.clavis.server.kmip.KmipTestMessages.message;
import static io.clavis.server.kmip.KmipTestMessages.onlyItem;
import static io.clavis.server.kmip.KmipTestMessages.payload;
import static io.clavis.server.kmip.KmipTestMessages.reason;
import static io.clavis.server.kmip.KmipTestMessages.request;
import static io.clavis.server.kmip.KmipTestMessages.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.UniqueIdentifierPlaceholder;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.access.AccessControl;
import io.clavis.server.access.Target;
import io.clavis.server.access.TargetRef;
import io.clavis.server.audit.AuditEvent;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The message layer without sockets: batch state, error translation, the audit trail failing, the
 * seal, and what handlers see.
 */
class KmipRequestProcessorTest {
  private static final Principal SERVICE =
      new Principal("service_1", "app", Principal.Type.SERVICE, Set.of(), "certificate", null);
  private KmipTestIdentity registered;
  private KmipTestIdentity stranger;
  private final List<AuditEvent> audited = new ArrayList<>();
  private final AtomicBoolean auditDown = new AtomicBoolean();
  private final AtomicReference<String> sealed = new AtomicReference<>();
  private KmipDispatcher dispatcher;
  private KmipRequestProcessor processor;

  @BeforeEach
  void setUp() throws Exception {
    registered = KmipTestIdentity.generate("app");
    stranger = KmipTestIdentity.generate("stranger");
    dispatcher = KmipDispatcher.standard(KmipServerInfo.clavis("node-t", "9.9"));
    processor =
        new KmipRequestProcessor(
            dispatcher,
            new FakeAccess(),
            new KmipAudit(
                e -> {
                  if (auditDown.get()) {
                    throw new ClavisException(ErrorCode.AUDIT_UNAVAILABLE, "disk full");
                  }
                  audited.add(e);
                }),
            sealed::get,
            TtlvDecoder.Limits.DEFAULT);
  }

  private TtlvStructure process(TtlvStructure request) {
    return process(request, registered.certificate());
  }

  private TtlvStructure process(TtlvStructure request, X509Certificate cert) {
    KmipRequestProcessor.Outcome out =
        processor.process(TtlvEncoder.encode(request), cert, "10.0.0.7");
    return TtlvDecoder.decode(out.response()).as(TtlvStructure.class);
  }

  @Test
  void theIdPlaceholderCarriesFromOneItemToTheNextWithinOneMessageOnly() {
    dispatcher.register(handler(Operation.CREATE, ctx -> ctx.setIdPlaceholder("key_42")));
    dispatcher.register(
        handler(
            Operation.GET,
            (ctx, payload) ->
                KmipOperationHandler.responsePayload(
                    List.of(
                        new TtlvTextString(
                            Tag.UNIQUE_IDENTIFIER, ctx.uniqueIdentifier(payload))))));

    TtlvStructure r =
        process(request(KmipVersion.V1_4, item(Operation.CREATE, "c"), item(Operation.GET, "g")));
    assertThat(payload(items(r).get(1)).text(Tag.UNIQUE_IDENTIFIER)).isEqualTo("key_42");

    // A Unique Identifier in the payload wins over the placeholder.
    TtlvStructure named =
        process(
            request(
                KmipVersion.V1_4,
                item(Operation.CREATE, "c"),
                item(Operation.GET, "g", new TtlvTextString(Tag.UNIQUE_IDENTIFIER, "key_7"))));
    assertThat(payload(items(named).get(1)).text(Tag.UNIQUE_IDENTIFIER)).isEqualTo("key_7");

    // KMIP 2.x names earlier results by enumeration.
    TtlvStructure byEnum =
        process(
            request(
                KmipVersion.V2_0,
                item(Operation.CREATE, "c"),
                item(
                    Operation.GET,
                    "g",
                    new TtlvEnumeration(
                        Tag.UNIQUE_IDENTIFIER, UniqueIdentifierPlaceholder.CREATE.value()))));
    assertThat(payload(items(byEnum).get(1)).text(Tag.UNIQUE_IDENTIFIER)).isEqualTo("key_42");

    // A new message starts without one.
    TtlvStructure alone = onlyItem(process(request(KmipVersion.V1_4, item(Operation.GET, null))));
    assertThat(reason(alone)).isEqualTo(ResultReason.MISSING_DATA.value());
  }

  @Test
  void serviceErrorsBecomeResultReasonsAndAreAuditedAsDeniedOrFailed() {
    dispatcher.register(
        handler(
            Operation.ACTIVATE,
            ctx -> ctx.authorize(Verb.MANAGE, ResourceType.KEYS, keyTarget("key_1"))));
    dispatcher.register(
        handler(
            Operation.DESTROY,
            ctx -> {
              throw new ClavisException(ErrorCode.KEY_NOT_ENABLED, "key key_1 is disabled");
            }));
    TtlvStructure r =
        process(
            request(
                KmipVersion.V1_2,
                List.of(continuation(BatchErrorContinuationOption.CONTINUE)),
                item(Operation.ACTIVATE, "a"),
                item(Operation.DESTROY, "d")));
    assertThat(reason(items(r).get(0))).isEqualTo(ResultReason.PERMISSION_DENIED.value());
    assertThat(reason(items(r).get(1))).isEqualTo(ResultReason.ILLEGAL_OPERATION.value());

    AuditEvent activate = audited.get(0);
    assertThat(activate.operation()).isEqualTo("kmip.activate");
    assertThat(activate.result()).isEqualTo(AuditEvent.DENIED);
    assertThat(activate.code()).isEqualTo("PERMISSION_DENIED");
    assertThat(activate.resources()).containsEntry("keyId", "key_1");
    assertThat(activate.principal()).isEqualTo("app");
    assertThat(activate.protocol()).isEqualTo("kmip");
    assertThat(activate.clientAddress()).isEqualTo("10.0.0.7");
    assertThat(audited.get(1).result()).isEqualTo(AuditEvent.FAILED);

    // KMIP 2.x has a reason of its own for a key in the wrong state.
    TtlvStructure two = onlyItem(process(request(KmipVersion.V2_0, item(Operation.DESTROY, null))));
    assertThat(reason(two)).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE.value());
  }

  @Test
  void kmip2ReasonsAreSentToKmip1ClientsAsGeneralFailure() {
    dispatcher.register(
        handler(
            Operation.REVOKE,
            ctx -> {
              throw new KmipException(ResultReason.OBJECT_NOT_FOUND, "no such object");
            }));
    TtlvStructure one = onlyItem(process(request(KmipVersion.V1_4, item(Operation.REVOKE, null))));
    assertThat(reason(one)).isEqualTo(ResultReason.GENERAL_FAILURE.value());
    assertThat(message(one)).isEqualTo("Object Not Found: no such object");
    TtlvStructure two = onlyItem(process(request(KmipVersion.V2_1, item(Operation.REVOKE, null))));
    assertThat(reason(two)).isEqualTo(ResultReason.OBJECT_NOT_FOUND.value());
  }

  @Test
  void anItemWhoseAuditRecordCannotBeWrittenFailsAndStopsTheBatch() {
    auditDown.set(true);
    TtlvStructure r =
        process(request(KmipVersion.V1_2, discoverVersions("a"), discoverVersions("b")));
    TtlvStructure failed = onlyItem(r);
    assertThat(status(failed)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
    assertThat(reason(failed)).isEqualTo(ResultReason.GENERAL_FAILURE.value());
    assertThat(message(failed)).isEqualTo("audit trail unavailable");
    assertThat(failed.child(Tag.RESPONSE_PAYLOAD)).isEmpty();
  }

  @Test
  void aSealedNodeFailsEveryItemWithAClearMessage() {
    sealed.set("this node is sealed; unseal it first");
    TtlvStructure r =
        process(
            request(
                KmipVersion.V1_2,
                List.of(continuation(BatchErrorContinuationOption.CONTINUE)),
                discoverVersions("a"),
                discoverVersions("b")));
    assertThat(items(r)).hasSize(2);
    for (TtlvStructure i : items(r)) {
      assertThat(status(i)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
      assertThat(message(i)).contains("sealed");
    }
    assertThat(audited).hasSize(2).allMatch(e -> e.result().equals(AuditEvent.FAILED));
  }

  @Test
  void anUnknownCertificateIsRefusedAndTheConnectionIsToBeClosed() {
    KmipRequestProcessor.Outcome out =
        processor.process(
            TtlvEncoder.encode(request(KmipVersion.V1_2, discoverVersions(null))),
            stranger.certificate(),
            "10.0.0.8");
    assertThat(out.close()).isTrue();
    TtlvStructure item = onlyItem(TtlvDecoder.decode(out.response()).as(TtlvStructure.class));
    assertThat(reason(item)).isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL.value());
    assertThat(audited)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.result()).isEqualTo(AuditEvent.DENIED);
              assertThat(e.principal()).isNull();
              assertThat(e.authMethod()).isEqualTo("certificate");
            });
  }

  @Test
  void aHandlerBugIsAGeneralFailureNamingTheRequestId() {
    dispatcher.register(
        handler(
            Operation.CHECK,
            ctx -> {
              throw new IllegalStateException("boom");
            }));
    TtlvStructure item = onlyItem(process(request(KmipVersion.V1_2, item(Operation.CHECK, null))));
    assertThat(reason(item)).isEqualTo(ResultReason.GENERAL_FAILURE.value());
    assertThat(message(item)).contains(audited.get(0).requestId()).doesNotContain("boom");
  }

  @Test
  void aPayloadTheHandlerCannotReadIsAnInvalidMessage() {
    dispatcher.register(
        handler(
            Operation.LOCATE,
            (ctx, payload) -> {
              payload.integer(Tag.MAXIMUM_ITEMS); // missing: UnexpectedItemException
              return null;
            }));
    TtlvStructure item = onlyItem(process(request(KmipVersion.V1_2, item(Operation.LOCATE, null))));
    assertThat(reason(item)).isEqualTo(ResultReason.INVALID_MESSAGE.value());
  }

  @Test
  void operationsAreListedOnlyForTheVersionsThatDefineThem() {
    dispatcher.register(handler(Operation.ENCRYPT, ctx -> {}));
    assertThat(dispatcher.operations(KmipVersion.V1_0)).containsExactly(Operation.QUERY);
    assertThat(dispatcher.operations(KmipVersion.V1_2))
        .containsExactly(Operation.QUERY, Operation.DISCOVER_VERSIONS, Operation.ENCRYPT);
    TtlvStructure item =
        onlyItem(process(request(KmipVersion.V1_1, item(Operation.ENCRYPT, null))));
    assertThat(reason(item)).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED.value());
    assertThat(KmipAudit.operationName(Operation.RE_KEY_KEY_PAIR.value()))
        .isEqualTo("kmip.re-key-key-pair");
    assertThat(KmipAudit.operationName(Operation.PKCS_11.value())).isEqualTo("kmip.pkcs-11");
    assertThat(KmipAudit.operationName(0x7777)).isEqualTo("kmip.unknown-operation");
  }

  @Test
  void aSecondHandlerForAnOperationIsRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dispatcher.register(new DiscoverVersionsHandler()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aNonPositiveMaximumResponseSizeIsAnInvalidMessage() {
    TtlvStructure item =
        onlyItem(
            process(
                request(
                    KmipVersion.V1_2,
                    List.of(new TtlvInteger(Tag.MAXIMUM_RESPONSE_SIZE, 0)),
                    discoverVersions(null))));
    assertThat(reason(item)).isEqualTo(ResultReason.INVALID_MESSAGE.value());
  }

  // ---- fixtures ----------------------------------------------------------------------------

  private interface Body {
    TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException;
  }

  private interface Effect {
    void run(KmipRequestContext ctx) throws KmipException;
  }

  private static KmipOperationHandler handler(Operation op, Effect effect) {
    return handler(
        op,
        (ctx, payload) -> {
          effect.run(ctx);
          return KmipOperationHandler.responsePayload(List.of());
        });
  }

  private static KmipOperationHandler handler(Operation op, Body body) {
    return new KmipOperationHandler() {
      @Override
      public Operation operation() {
        return op;
      }

      @Override
      public TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload)
          throws KmipException {
        return body.run(ctx, payload);
      }
    };
  }

  private static Target keyTarget(String keyId) {
    return new Target("compartment_1", Map.of("target.key.id", keyId), Map.of("keyId", keyId));
  }

  /** Knows one certificate; allows nothing beyond authentication. */
  private final class FakeAccess implements AccessControl {
    @Override
    public Principal authenticate(String bearerToken, X509Certificate clientCertificate) {
      if (clientCertificate != null && clientCertificate.equals(registered.certificate())) {
        return SERVICE;
      }
      throw new ClavisException(ErrorCode.UNAUTHENTICATED, "nobody");
    }

    @Override
    public Target resolve(TargetRef.TargetKind kind, String id) {
      return Target.TENANCY;
    }

    @Override
    public void authorize(
        Principal principal, String operation, Verb verb, ResourceType resource, Target t) {
      throw new ClavisException(ErrorCode.FORBIDDEN, principal.name() + " may not " + operation);
    }

    @Override
    public boolean permits(
        Principal principal, String operation, Verb verb, ResourceType resource, String id) {
      return false;
    }
  }
}
