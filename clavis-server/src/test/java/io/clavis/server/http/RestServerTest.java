package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.access.Guard;
import io.clavis.server.audit.AuditEvent;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.metrics.MetricsRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The REST server over its real listener and TLS, with routes of its own and a stand-in audit sink
 * the test completes by hand: a request's answer waits for its audit record on both kinds of route
 * (I/O thread and virtual thread), a record that cannot be written turns the answer into
 * AUDIT_UNAVAILABLE, a body over the limit is refused through its route and audited, and a failure
 * in handling itself is a 500 with the uniform body, never a connection left hanging.
 */
class RestServerTest {
  /** One audit record handed to the sink, and the future that says it was written. */
  private record Handed(AuditEvent event, CompletableFuture<Void> written) {}

  private static final int BODY_LIMIT = 64 * 1024;

  private final BlockingQueue<Handed> handed = new LinkedBlockingQueue<>();
  private RestServer server;
  private HttpClient client;

  @BeforeEach
  void start() throws Exception {
    ListenerIdentity identity = ListenerIdentity.create();
    RestServer.AuditSink sink =
        new RestServer.AuditSink() {
          @Override
          public void record(AuditEvent event) {
            throw new AssertionError("the REST listener must not wait for a record");
          }

          @Override
          public CompletableFuture<Void> recordAsync(AuditEvent event) {
            CompletableFuture<Void> written = new CompletableFuture<>();
            handed.add(new Handed(event, written));
            return written;
          }
        };
    RestServer.Routes routes = new RestServer.Routes();
    routes.get("/slow", Guard.open("test.slow"), r -> ApiResponse.ok(Map.of("thread", "worker")));
    routes.nonBlocking().get("/fast", Guard.open("test.fast"), r -> ApiResponse.ok(Map.of("n", 1)));
    routes
        .nonBlocking()
        .post("/echo", Guard.open("test.echo"), r -> ApiResponse.ok(Map.of("n", 1)));
    routes
        .nonBlocking()
        .get(
            "/maybe-heavy",
            Guard.open("test.maybe-heavy"),
            r -> {
              r.offloadIf(r.query("heavy").isPresent());
              return ApiResponse.ok(Map.of("thread", Thread.currentThread().getName()));
            });
    routes.get(
        "/unwritable",
        Guard.probe("test.unwritable"),
        r -> ApiResponse.ok(new Object())); // no properties: Jackson cannot serialise it
    routes.get(
        "/bad-header",
        Guard.probe("test.bad-header"),
        r -> new ApiResponse(200, new byte[0], "text/plain", Map.of("X-Bad", "line\r\nbreak")));
    server =
        new RestServer(
                new RestServer.Settings(
                    "127.0.0.1", 0, BODY_LIMIT, "n1", identity.key(), identity.chain()),
                null,
                null,
                sink,
                new MetricsRegistry().requests(),
                routes)
            .start();
    client = TrustingClient.create();
  }

  @AfterEach
  void stop() {
    server.close();
    client.close();
  }

  private CompletableFuture<HttpResponse<String>> get(String path) {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Handed nextRecord() throws InterruptedException {
    Handed h = handed.poll(30, TimeUnit.SECONDS);
    assertThat(h).as("an audit record handed to the sink").isNotNull();
    return h;
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fast", "/slow"})
  void theAnswerLeavesOnlyOnceTheRecordIsWritten(String path) throws Exception {
    CompletableFuture<HttpResponse<String>> response = get(path);
    Handed record = nextRecord();
    assertThat(record.event().operation()).isEqualTo("test" + path.replace('/', '.'));
    assertThat(record.event().result()).isEqualTo(AuditEvent.ALLOWED);
    assertThat(response).as("answered before its audit record was written").isNotDone();
    record.written().complete(null);
    HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Clavis-Request-Id")).hasValue(record.event().requestId());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/fast", "/slow"})
  void aRecordThatCannotBeWrittenRefusesTheRequest(String path) throws Exception {
    CompletableFuture<HttpResponse<String>> response = get(path);
    nextRecord()
        .written()
        .completeExceptionally(new ClavisException(ErrorCode.AUDIT_UNAVAILABLE, "disk full"));
    HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE.httpStatus());
    JsonNode body = JsonSupport.MAPPER.readTree(r.body());
    assertThat(body.get("code").asText()).isEqualTo("AUDIT_UNAVAILABLE");
    assertThat(body.get("requestId").asText()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aHeavyRequestMovesToAWorkerThreadAndIsServedAndAuditedOnce(boolean heavy) throws Exception {
    CompletableFuture<HttpResponse<String>> response =
        get("/maybe-heavy" + (heavy ? "?heavy" : ""));
    Handed record = nextRecord();
    assertThat(record.event().operation()).isEqualTo("test.maybe-heavy");
    record.written().complete(null);
    HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    String thread = JsonSupport.MAPPER.readTree(r.body()).get("thread").asText();
    assertThat(thread).startsWith(heavy ? "rest-" : "https-io-");
    assertThat(r.headers().firstValue("Clavis-Request-Id")).hasValue(record.event().requestId());
    assertThat(handed).as("no second record for the pass on the I/O thread").isEmpty();
  }

  @Test
  void theAuditRecordKeepsTheFirst200CharactersOfTheUserAgent() throws Exception {
    String agent = "a".repeat(150) + "b".repeat(150);
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/fast"))
                .header("User-Agent", agent)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Handed record = nextRecord();
    assertThat(record.event().userAgent()).isEqualTo(agent.substring(0, 200));
    record.written().complete(null);
    assertThat(response.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnexpectedSinkFailureIsAnAuditFailureToo() throws Exception {
    CompletableFuture<HttpResponse<String>> response = get("/fast");
    nextRecord().written().completeExceptionally(new IllegalStateException("writer died"));
    HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(ErrorCode.AUDIT_UNAVAILABLE.httpStatus());
    assertThat(r.body()).contains("AUDIT_UNAVAILABLE").doesNotContain("writer died");
  }

  @Test
  void aBodyOverTheLimitIsRefusedThroughItsRouteAndAudited() throws Exception {
    String tooLarge = "{\"a\":\"" + "x".repeat(BODY_LIMIT) + "\"}";
    CompletableFuture<HttpResponse<String>> response =
        client.sendAsync(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(tooLarge))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Handed record = nextRecord();
    assertThat(record.event().operation()).isEqualTo("test.echo");
    assertThat(record.event().result()).isEqualTo(AuditEvent.FAILED);
    assertThat(record.event().code()).isEqualTo("PAYLOAD_TOO_LARGE");
    record.written().complete(null);
    HttpResponse<String> r = response.get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.body()).contains("PAYLOAD_TOO_LARGE");
  }

  @Test
  void anAnswerThatCannotBeWrittenIsAnInternalErrorWithTheUniformBody() throws Exception {
    HttpResponse<String> r = get("/unwritable").get(30, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(500);
    JsonNode body = JsonSupport.MAPPER.readTree(r.body());
    assertThat(body.get("code").asText()).isEqualTo("INTERNAL");
    assertThat(r.headers().firstValue("Clavis-Request-Id"))
        .hasValue(body.get("requestId").asText());
    assertThat(r.headers().firstValue("Clavis-Node")).hasValue("n1");
    // The connection goes on serving.
    assertThat(get("/unwritable").get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(500);
  }

  @Test
  void anAnswerWithAnInvalidHeaderClosesTheConnectionInsteadOfHanging() {
    assertThat(get("/bad-header"))
        .failsWithin(Duration.ofSeconds(30))
        .withThrowableThat()
        .withRootCauseInstanceOf(java.io.IOException.class);
  }
}
