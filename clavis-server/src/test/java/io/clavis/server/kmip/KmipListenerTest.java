package io.clavis.server.kmip;

import static io.clavis.server.kmip.KmipTestMessages.continuation;
import static io.clavis.server.kmip.KmipTestMessages.discoverVersions;
import static io.clavis.server.kmip.KmipTestMessages.header;
import static io.clavis.server.kmip.KmipTestMessages.id;
import static io.clavis.server.kmip.KmipTestMessages.item;
import static io.clavis.server.kmip.KmipTestMessages.items;
import static io.clavis.server.kmip.KmipTestMessages.maximumResponseSize;
import static io.clavis.server.kmip.KmipTestMessages.message;
import static io.clavis.server.kmip.KmipTestMessages.onlyItem;
import static io.clavis.server.kmip.KmipTestMessages.operation;
import static io.clavis.server.kmip.KmipTestMessages.payload;
import static io.clavis.server.kmip.KmipTestMessages.query;
import static io.clavis.server.kmip.KmipTestMessages.reason;
import static io.clavis.server.kmip.KmipTestMessages.request;
import static io.clavis.server.kmip.KmipTestMessages.status;
import static io.clavis.server.kmip.KmipTestMessages.tags;
import static io.clavis.server.kmip.KmipTestMessages.version;
import static io.clavis.server.kmip.KmipTestMessages.versions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.QueryFunction;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.testing.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KMIP listener of a real node, spoken to in raw TTLV over mutual TLS: protocol operations,
 * batches, limits, authentication and malformed input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipListenerTest {
  private static final String SERVICE = "kmip-listener-test";
  private TestNode node;
  private KmipTestIdentity client;
  private Path ca;
  private int port;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    // A short message timeout, so that a truncated message is given up on quickly.
    node =
        new TestNode(
            dir,
            c -> c.withKmipLimits(KmipLimits.DEFAULT.withMessageTimeout(Duration.ofSeconds(2))));
    node.initialize("kmip-listener-test-passphrase");
    // No groups: Discover Versions and Query need only an authenticated service.
    client = KmipTestIdentity.registered(node, SERVICE, List.of());
    ca = node.node().caCertPath();
    port = node.node().kmipPort();
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private KmipTestClient connect() throws Exception {
    return KmipTestClient.connect(port, client, ca);
  }

  private TtlvStructure call(TtlvStructure request) throws Exception {
    try (KmipTestClient c = connect()) {
      return c.call(request);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void discoverVersionsAnswersInTheRequestsVersionWithExactlyTheRequiredHeaderFields(String v)
      throws Exception {
    KmipVersion version = parse(v);
    TtlvStructure response = call(request(version, discoverVersions(null)));

    assertThat(response.tag()).isEqualTo(Tag.RESPONSE_MESSAGE);
    assertThat(tags(header(response)))
        .containsExactly(Tag.PROTOCOL_VERSION, Tag.TIME_STAMP, Tag.BATCH_COUNT);
    assertThat(version(response)).isEqualTo(version);
    assertThat(header(response).integer(Tag.BATCH_COUNT)).isEqualTo(1);
    long now = java.time.Instant.now().getEpochSecond();
    assertThat(header(response).dateTime(Tag.TIME_STAMP).getEpochSecond())
        .isBetween(now - 60, now + 1);
    TtlvStructure item = onlyItem(response);
    assertThat(tags(item)).containsExactly(Tag.OPERATION, Tag.RESULT_STATUS, Tag.RESPONSE_PAYLOAD);
    assertThat(operation(item)).isEqualTo(Operation.DISCOVER_VERSIONS.value());
    assertThat(status(item)).isEqualTo(ResultStatus.SUCCESS.value());
    assertThat(versions(payload(item))).containsExactlyElementsOf(KmipVersions.SUPPORTED);
  }

  @Test
  void discoverVersionsIntersectsWithTheClientsListInTheServersOrder() throws Exception {
    TtlvStructure response =
        call(
            request(
                KmipVersion.V1_2,
                discoverVersions(null, KmipVersion.V1_0, new KmipVersion(9, 9), KmipVersion.V1_3)));
    assertThat(versions(payload(onlyItem(response))))
        .containsExactly(KmipVersion.V1_3, KmipVersion.V1_0);

    TtlvStructure none =
        call(request(KmipVersion.V1_2, discoverVersions(null, new KmipVersion(9, 9))));
    assertThat(versions(payload(onlyItem(none)))).isEmpty();
  }

  @Test
  void discoverVersionsDoesNotExistInKmip10() throws Exception {
    TtlvStructure item = onlyItem(call(request(KmipVersion.V1_0, discoverVersions(null))));
    assertThat(status(item)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
    assertThat(reason(item)).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void queryReportsOperationsObjectsAndServerInformation(String v) throws Exception {
    KmipVersion version = parse(v);
    TtlvStructure item =
        onlyItem(
            call(
                request(
                    version,
                    query(
                        null,
                        QueryFunction.QUERY_OPERATIONS,
                        QueryFunction.QUERY_OBJECTS,
                        QueryFunction.QUERY_SERVER_INFORMATION))));
    assertThat(status(item)).as(message(item)).isEqualTo(ResultStatus.SUCCESS.value());
    TtlvStructure p = payload(item);
    List<Integer> ops =
        p.all(Tag.OPERATION, TtlvEnumeration.class).stream().map(TtlvEnumeration::value).toList();
    List<Integer> registered =
        node.node().kmipDispatcher().operations(version).stream().map(Operation::value).toList();
    assertThat(ops)
        .containsExactlyElementsOf(registered)
        .contains(Operation.QUERY.value(), Operation.DISCOVER_VERSIONS.value());
    List<Integer> objects =
        p.all(Tag.OBJECT_TYPE, TtlvEnumeration.class).stream().map(TtlvEnumeration::value).toList();
    assertThat(objects)
        .containsExactlyElementsOf(
            node.node().kmipDispatcher().objectTypes().stream()
                .filter(t -> QueryHandler.exists(t, version))
                .map(t -> t.value())
                .toList());
    assertThat(p.text(Tag.VENDOR_IDENTIFICATION)).isEqualTo("Clavis");
    TtlvStructure info = p.structure(Tag.SERVER_INFORMATION);
    assertThat(info.text(QueryHandler.Names.SERVER_NAME)).isEqualTo(node.node().identity().name());
    assertThat(info.text(QueryHandler.Names.SERVER_VERSION))
        .isEqualTo(io.clavis.server.node.ClavisNode.VERSION);
    // The order the specification gives: Operations, Object Types, Vendor Identification, Server
    // Information.
    List<Integer> order = tags(p).stream().distinct().toList();
    assertThat(order)
        .containsSubsequence(Tag.OPERATION, Tag.VENDOR_IDENTIFICATION, Tag.SERVER_INFORMATION);
  }

  @Test
  void queryCapabilitiesExistFrom13AndBatchContinueFrom14() throws Exception {
    TtlvStructure at14 =
        payload(
            onlyItem(
                call(request(KmipVersion.V1_4, query(null, QueryFunction.QUERY_CAPABILITIES)))));
    TtlvStructure caps = at14.structure(Tag.CAPABILITY_INFORMATION);
    assertThat(caps.bool(QueryHandler.Names.BATCH_CONTINUE_CAPABILITY)).isTrue();
    assertThat(caps.bool(QueryHandler.Names.BATCH_UNDO_CAPABILITY)).isFalse();
    assertThat(caps.bool(QueryHandler.Names.ASYNCHRONOUS_CAPABILITY)).isFalse();

    TtlvStructure at13 =
        payload(
            onlyItem(
                call(request(KmipVersion.V1_3, query(null, QueryFunction.QUERY_CAPABILITIES)))));
    assertThat(tags(at13.structure(Tag.CAPABILITY_INFORMATION)))
        .doesNotContain(QueryHandler.Names.BATCH_CONTINUE_CAPABILITY);
    TtlvStructure at12 =
        payload(
            onlyItem(
                call(request(KmipVersion.V1_2, query(null, QueryFunction.QUERY_CAPABILITIES)))));
    assertThat(at12.children()).isEmpty();
  }

  @Test
  void aBatchAnswersEveryItemInOrderEchoingItsUniqueBatchItemId() throws Exception {
    TtlvStructure response =
        call(
            request(
                KmipVersion.V1_4,
                discoverVersions("first"),
                query("second", QueryFunction.QUERY_SERVER_INFORMATION),
                discoverVersions("third", KmipVersion.V1_1)));
    assertThat(header(response).integer(Tag.BATCH_COUNT)).isEqualTo(3);
    List<TtlvStructure> items = items(response);
    assertThat(items).extracting(KmipTestMessages::id).containsExactly("first", "second", "third");
    assertThat(items)
        .extracting(KmipTestMessages::operation)
        .containsExactly(
            Operation.DISCOVER_VERSIONS.value(),
            Operation.QUERY.value(),
            Operation.DISCOVER_VERSIONS.value());
    assertThat(items)
        .extracting(KmipTestMessages::status)
        .containsOnly(ResultStatus.SUCCESS.value());
    assertThat(versions(payload(items.get(2)))).containsExactly(KmipVersion.V1_1);
  }

  @Test
  void stopEndsTheBatchAtTheFirstFailureAndContinueRunsEveryItem() throws Exception {
    TtlvStructure[] batch = {
      discoverVersions("a"), item(Operation.POLL, "b"), query("c", QueryFunction.QUERY_OPERATIONS)
    };
    // No option: Stop is the default.
    for (List<io.clavis.kmip.ttlv.Ttlv> options :
        List.of(
            List.<io.clavis.kmip.ttlv.Ttlv>of(),
            List.of(continuation(BatchErrorContinuationOption.STOP)))) {
      TtlvStructure stopped = call(request(KmipVersion.V1_2, options, batch));
      assertThat(header(stopped).integer(Tag.BATCH_COUNT)).isEqualTo(2);
      List<TtlvStructure> items = items(stopped);
      assertThat(items).extracting(KmipTestMessages::id).containsExactly("a", "b");
      assertThat(status(items.get(0))).isEqualTo(ResultStatus.SUCCESS.value());
      assertThat(status(items.get(1))).isEqualTo(ResultStatus.OPERATION_FAILED.value());
      assertThat(reason(items.get(1))).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED.value());
    }

    TtlvStructure continued =
        call(
            request(
                KmipVersion.V1_2,
                List.of(continuation(BatchErrorContinuationOption.CONTINUE)),
                batch));
    List<TtlvStructure> items = items(continued);
    assertThat(items).extracting(KmipTestMessages::id).containsExactly("a", "b", "c");
    assertThat(items)
        .extracting(KmipTestMessages::status)
        .containsExactly(
            ResultStatus.SUCCESS.value(),
            ResultStatus.OPERATION_FAILED.value(),
            ResultStatus.SUCCESS.value());

    TtlvStructure undone =
        call(
            request(
                KmipVersion.V1_2, List.of(continuation(BatchErrorContinuationOption.UNDO)), batch));
    assertThat(items(undone)).hasSize(2);
    assertThat(message(items(undone).get(1))).contains("Undo is handled as Stop");
  }

  @Test
  void aResponseOverTheMaximumResponseSizeFailsEveryItemWithResponseTooLarge() throws Exception {
    TtlvStructure tooLarge =
        call(
            request(
                KmipVersion.V1_2,
                List.of(maximumResponseSize(64)),
                discoverVersions("x"),
                query(
                    "y", QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_SERVER_INFORMATION)));
    List<TtlvStructure> items = items(tooLarge);
    assertThat(items).extracting(KmipTestMessages::id).containsExactly("x", "y");
    for (TtlvStructure i : items) {
      assertThat(status(i)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
      assertThat(reason(i)).isEqualTo(ResultReason.RESPONSE_TOO_LARGE.value());
      assertThat(i.child(Tag.RESPONSE_PAYLOAD)).isEmpty();
    }
    assertThat(operation(items.get(1))).isEqualTo(Operation.QUERY.value());

    TtlvStructure fits =
        call(
            request(
                KmipVersion.V1_2, List.of(maximumResponseSize(1 << 20)), discoverVersions(null)));
    assertThat(status(onlyItem(fits))).isEqualTo(ResultStatus.SUCCESS.value());
  }

  @Test
  void anUnknownOperationIsNotSupported() throws Exception {
    TtlvStructure item = onlyItem(call(request(KmipVersion.V1_4, item(0x0000FFFF, "u"))));
    assertThat(operation(item)).isEqualTo(0x0000FFFF);
    assertThat(id(item)).isEqualTo("u");
    assertThat(status(item)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
    assertThat(reason(item)).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0", "1.5", "0.9"})
  void anUnsupportedProtocolVersionIsAnInvalidMessage(String v) throws Exception {
    try (KmipTestClient c = connect()) {
      TtlvStructure response =
          c.call(request(parse(v), discoverVersions("a"), discoverVersions("b")));
      assertThat(version(response)).isEqualTo(parse(v));
      TtlvStructure item = onlyItem(response);
      assertThat(operation(item)).isNull();
      assertThat(status(item)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
      assertThat(reason(item)).isEqualTo(ResultReason.INVALID_MESSAGE.value());
      assertThat(message(item)).contains("not supported").contains("2.1");
      // The connection stays usable.
      assertThat(status(onlyItem(c.call(request(KmipVersion.V1_2, discoverVersions(null))))))
          .isEqualTo(ResultStatus.SUCCESS.value());
    }
  }

  @Test
  void aBadItemFailsAloneAndABadHeaderFailsTheMessage() throws Exception {
    // Several items need Unique Batch Item IDs: the item without one fails, the other runs.
    TtlvStructure response =
        call(
            request(
                KmipVersion.V1_2,
                List.of(continuation(BatchErrorContinuationOption.CONTINUE)),
                discoverVersions(null),
                discoverVersions("has-id")));
    List<TtlvStructure> items = items(response);
    assertThat(reason(items.get(0))).isEqualTo(ResultReason.INVALID_MESSAGE.value());
    assertThat(status(items.get(1))).isEqualTo(ResultStatus.SUCCESS.value());

    // A Batch Count that does not match: one item without Operation, in the request's version.
    TtlvStructure message =
        TtlvStructure.of(
            Tag.REQUEST_MESSAGE,
            TtlvStructure.of(
                Tag.REQUEST_HEADER,
                KmipResponse.protocolVersion(KmipVersion.V1_4),
                new io.clavis.kmip.ttlv.TtlvInteger(Tag.BATCH_COUNT, 5)),
            discoverVersions(null));
    TtlvStructure invalid = call(message);
    assertThat(version(invalid)).isEqualTo(KmipVersion.V1_4);
    assertThat(operation(onlyItem(invalid))).isNull();
    assertThat(reason(onlyItem(invalid))).isEqualTo(ResultReason.INVALID_MESSAGE.value());
    assertThat(message(onlyItem(invalid))).contains("Batch Count");
  }

  @Test
  void oneConnectionServesManyRequestsAndManyConnectionsAreServedAtOnce() throws Exception {
    try (KmipTestClient c = connect()) {
      for (int i = 0; i < 200; i++) {
        TtlvStructure r = c.call(request(KmipVersion.V1_4, discoverVersions("r" + i)));
        assertThat(id(onlyItem(r))).isEqualTo("r" + i);
      }
    }
    int clients = 12;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Integer>> done = new ArrayList<>();
      for (int t = 0; t < clients; t++) {
        int client = t;
        Callable<Integer> work =
            () -> {
              int ok = 0;
              try (KmipTestClient c = connect()) {
                for (int i = 0; i < 25; i++) {
                  String id = client + "-" + i;
                  TtlvStructure r =
                      c.call(request(KmipVersion.V2_0, query(id, QueryFunction.QUERY_OPERATIONS)));
                  if (id.equals(id(onlyItem(r)))
                      && status(onlyItem(r)) == ResultStatus.SUCCESS.value()) {
                    ok++;
                  }
                }
              }
              return ok;
            };
        done.add(pool.submit(work));
      }
      for (Future<Integer> f : done) {
        assertThat(f.get()).isEqualTo(25);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anUnregisteredCertificateIsRefusedAndTheConnectionClosed() throws Exception {
    KmipTestIdentity stranger = KmipTestIdentity.generate("stranger");
    try (KmipTestClient c = KmipTestClient.connect(port, stranger, ca)) {
      TtlvStructure response =
          c.call(request(KmipVersion.V1_2, discoverVersions("one"), discoverVersions("two")));
      List<TtlvStructure> items = items(response);
      assertThat(items).extracting(KmipTestMessages::id).containsExactly("one", "two");
      for (TtlvStructure i : items) {
        assertThat(status(i)).isEqualTo(ResultStatus.OPERATION_FAILED.value());
        assertThat(reason(i)).isEqualTo(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL.value());
      }
      assertThat(c.closedByServer(Duration.ofSeconds(5))).isTrue();
    }
    JsonNode denied = auditEvents("kmip.discover-versions", "denied");
    assertThat(denied.size()).isGreaterThanOrEqualTo(2);
    assertThat(denied.get(0).path("resources").path("clientCertificate").asText()).isNotBlank();
  }

  @Test
  void aClientWithoutCertificateFailsTheHandshake() throws Exception {
    assertThatThrownBy(
            () -> {
              try (KmipTestClient c = KmipTestClient.connect(port, null, ca)) {
                // With TLS 1.3 the server's refusal may only surface at the first read.
                c.call(request(KmipVersion.V1_2, discoverVersions(null)));
              }
            })
        .isInstanceOf(IOException.class);
    // TLS 1.2 too.
    javax.net.ssl.SSLContext tls12 = KmipTestClient.context(null, ca, "TLSv1.2");
    try (SSLSocket s = (SSLSocket) tls12.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      assertThatThrownBy(
              () -> {
                s.startHandshake();
                s.getOutputStream()
                    .write(TtlvEncoder.encode(request(KmipVersion.V1_2, discoverVersions(null))));
                if (s.getInputStream().read() < 0) {
                  throw new IOException("closed");
                }
              })
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void tls12ClientsAreServed() throws Exception {
    javax.net.ssl.SSLContext tls12 = KmipTestClient.context(client, ca, "TLSv1.2");
    try (SSLSocket s = (SSLSocket) tls12.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      s.getOutputStream()
          .write(TtlvEncoder.encode(request(KmipVersion.V1_2, discoverVersions(null))));
      byte[] header = s.getInputStream().readNBytes(8);
      assertThat(header).hasSize(8);
      assertThat(header[2]).isEqualTo((byte) 0x7B); // Response Message
    }
  }

  @Test
  void malformedInputClosesTheConnectionWithoutHurtingOthers() throws Exception {
    // Truncated: the header promises more than arrives before the client stops sending.
    try (KmipTestClient c = connect()) {
      byte[] whole = TtlvEncoder.encode(request(KmipVersion.V1_2, discoverVersions(null)));
      c.sendRaw(java.util.Arrays.copyOf(whole, whole.length - 16));
      // Nothing more comes; the server waits at most the message timeout, then hangs up.
      assertThat(c.closedByServer(Duration.ofSeconds(15))).isTrue();
    }
    // Garbage.
    try (KmipTestClient c = connect()) {
      byte[] junk = new byte[64];
      new SecureRandom().nextBytes(junk);
      junk[3] = (byte) 0x7F; // no such item type
      c.sendRaw(junk);
      assertThat(c.closedByServer(Duration.ofSeconds(5))).isTrue();
    }
    // Well-formed TTLV that is no Request Message.
    try (KmipTestClient c = connect()) {
      c.send(TtlvStructure.of(Tag.RESPONSE_MESSAGE, new TtlvTextString(Tag.RESULT_MESSAGE, "hi")));
      assertThat(c.closedByServer(Duration.ofSeconds(5))).isTrue();
    }
    // A huge declared length: refused at once, nothing allocated or awaited.
    try (KmipTestClient c = connect()) {
      c.sendRaw(new byte[] {0x42, 0x00, 0x78, 0x01, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xF8});
      long t0 = System.nanoTime();
      assertThat(c.closedByServer(Duration.ofSeconds(5))).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
    }
    // Nested deeper than the decoder allows, with a readable header: Invalid Message, and the
    // connection goes on.
    try (KmipTestClient c = connect()) {
      TtlvStructure deep = TtlvStructure.of(0x540001, new TtlvTextString(0x540002, "bottom"));
      for (int i = 0; i < 40; i++) {
        deep = TtlvStructure.of(0x540001, deep);
      }
      TtlvStructure response = c.call(request(KmipVersion.V1_4, item(Operation.QUERY, null, deep)));
      assertThat(version(response)).isEqualTo(KmipVersion.V1_4);
      assertThat(reason(onlyItem(response))).isEqualTo(ResultReason.INVALID_MESSAGE.value());
      assertThat(message(onlyItem(response))).contains("TOO_DEEP");
      assertThat(status(onlyItem(c.call(request(KmipVersion.V1_4, discoverVersions(null))))))
          .isEqualTo(ResultStatus.SUCCESS.value());
    }
    // Bad padding inside an item, readable header: Invalid Message in the request's version.
    try (KmipTestClient c = connect()) {
      byte[] bytes =
          TtlvEncoder.encode(
              request(
                  KmipVersion.V2_0,
                  item(
                      Operation.QUERY,
                      null,
                      new TtlvTextString(Tag.VENDOR_IDENTIFICATION, "abc"))));
      bytes[bytes.length - 1] = 1; // a padding byte of the text string
      c.sendRaw(bytes);
      TtlvStructure response = c.receive();
      assertThat(version(response)).isEqualTo(KmipVersion.V2_0);
      assertThat(reason(onlyItem(response))).isEqualTo(ResultReason.INVALID_MESSAGE.value());
    }
    // Others are still served.
    assertThat(status(onlyItem(call(request(KmipVersion.V1_2, discoverVersions(null))))))
        .isEqualTo(ResultStatus.SUCCESS.value());
  }

  @Test
  void everyBatchItemLeavesAnAuditRecord() throws Exception {
    call(
        request(
            KmipVersion.V1_4,
            List.of(continuation(BatchErrorContinuationOption.CONTINUE)),
            discoverVersions("audit-1"),
            item(Operation.PUT, "audit-2"),
            query("audit-3", QueryFunction.QUERY_OPERATIONS)));
    JsonNode all = auditEvents(null, null);
    assertThat(all.size()).isGreaterThan(0);
    for (JsonNode e : all) {
      assertThat(e.path("protocol").asText()).isEqualTo("kmip");
      assertThat(e.path("operation").asText()).startsWith("kmip.");
      assertThat(e.path("requestId").asText()).isNotBlank();
    }
    JsonNode allowed = auditEvents("kmip.query", "allowed");
    assertThat(allowed.size()).isGreaterThan(0);
    JsonNode q = allowed.get(0);
    assertThat(q.path("principal").asText()).isEqualTo(SERVICE);
    assertThat(q.path("authMethod").asText()).isEqualTo("certificate");
    assertThat(q.path("clientAddress").asText()).isEqualTo("127.0.0.1");
    JsonNode put = auditEvents("kmip.put", "failed");
    assertThat(put.size()).isGreaterThan(0);
    assertThat(put.get(0).path("code").asText()).isEqualTo("OPERATION_NOT_SUPPORTED");
  }

  /** Audit events of the KMIP protocol, optionally one operation and result. */
  private JsonNode auditEvents(String operation, String result) throws Exception {
    String path =
        "/v1/audit-events?limit=1000&operation="
            + (operation == null ? "kmip.*" : operation)
            + (result == null ? "" : "&result=" + result);
    TestNode.Response r = node.call("GET", path, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode items = r.json().path("items");
    assertThat(items.isArray()).as(r.toString()).isTrue();
    return items;
  }

  private static KmipVersion parse(String v) {
    String[] p = v.split("\\.");
    return new KmipVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
  }
}
