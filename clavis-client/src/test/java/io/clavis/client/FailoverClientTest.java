package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the SDK moves between nodes, against stand-in HTTP servers whose answers each test sets: a
 * READ_ONLY node passes a write on with the same Idempotency-Key, the heartbeat brings back a node
 * and hands over the mapping. The same behaviour against real node processes is tested in the CLI
 * module's fault suite.
 */
class FailoverClientTest {
  private static final String READ_ONLY =
      "{\"code\":\"READ_ONLY\",\"message\":\"no quorum: this node is read-only\",\"requestId\":\"r\"}";
  private static final String VAULT =
      "{\"id\":\"vault_1\",\"name\":\"v\",\"compartmentId\":\"tenancy\","
          + "\"createdAt\":\"2026-01-02T03:04:05Z\"}";

  /** One stand-in node: what it saw, and a function from "METHOD path" to its answer. */
  private static final class Stub {
    final HttpServer server;
    final List<String> seen = new CopyOnWriteArrayList<>();
    final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    volatile Function<String, Answer> answers;

    Stub(String name, Function<String, Answer> answers) throws IOException {
      this.answers = answers;
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          ex -> {
            ex.getRequestBody().readAllBytes();
            String request = ex.getRequestMethod() + " " + ex.getRequestURI();
            seen.add(request);
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            if (key != null) {
              idempotencyKeys.add(key);
            }
            Answer a = this.answers.apply(request);
            byte[] bytes = a.body().getBytes(UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.getResponseHeaders().add("Clavis-Node", name);
            ex.sendResponseHeaders(a.status(), bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
          });
      server.start();
    }

    URI uri() {
      return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
  }

  private record Answer(int status, String body) {}

  private final List<Stub> stubs = new ArrayList<>();
  private final List<ClavisClient> clients = new ArrayList<>();

  private Stub stub(String name, Function<String, Answer> answers) throws IOException {
    Stub s = new Stub(name, answers);
    stubs.add(s);
    return s;
  }

  private ClavisClient client(ClavisClient.Builder b) {
    ClavisClient c = b.token("tok").heartbeatInterval(Duration.ZERO).build();
    clients.add(c);
    return c;
  }

  @AfterEach
  void stop() {
    clients.forEach(ClavisClient::close);
    stubs.forEach(s -> s.server.stop(0));
  }

  private static Answer health(boolean writable) {
    return new Answer(
        200,
        "{\"status\":\"ok\",\"mode\":\""
            + (writable ? "ACTIVE" : "READ_ONLY")
            + "\",\"initialized\":true,\"sealed\":false,\"writable\":"
            + writable
            + ",\"node\":\"n\",\"version\":\"1\"}");
  }

  @Test
  void aWriteRefusedAsReadOnlyMovesToTheNextNodeWithTheSameIdempotencyKey() throws Exception {
    Stub readOnly = stub("a", r -> new Answer(503, READ_ONLY));
    Stub writable = stub("b", r -> new Answer(201, VAULT));
    List<String> answeredBy = new CopyOnWriteArrayList<>();
    ClavisClient c =
        client(
            ClavisClient.builder()
                .servers(List.of(readOnly.uri(), writable.uri()))
                .answerListener((server, node, status) -> answeredBy.add(node)));

    assertThat(c.createVault("v", null).id()).isEqualTo("vault_1");
    assertThat(answeredBy).containsExactly("b");
    assertThat(readOnly.idempotencyKeys).hasSize(1);
    assertThat(writable.idempotencyKeys).containsExactlyElementsOf(readOnly.idempotencyKeys);
    // The refusing node is now behind the other one.
    assertThat(c.preferredNode()).isEqualTo(writable.uri());

    // Two writes, two keys.
    c.createVault("v", null);
    assertThat(writable.idempotencyKeys).hasSize(2).doesNotHaveDuplicates();
  }

  @Test
  void aWriteWhenNoNodeHasQuorumIsAClearError() throws Exception {
    Stub a = stub("a", r -> new Answer(503, READ_ONLY));
    Stub b = stub("b", r -> new Answer(503, READ_ONLY));
    ClavisClient c = client(ClavisClient.builder().servers(List.of(a.uri(), b.uri())));
    assertThatThrownBy(() -> c.createVault("v", null))
        .isInstanceOf(ClavisException.class)
        .satisfies(e -> assertThat(((ClavisException) e).code()).isEqualTo("READ_ONLY"))
        .hasMessageContaining("read-only");
    assertThat(a.seen).hasSize(1);
    assertThat(b.seen).hasSize(1);
  }

  @Test
  void readsCarryNoIdempotencyKey() throws Exception {
    Stub a = stub("a", r -> new Answer(200, VAULT));
    client(ClavisClient.builder().server(a.uri())).getVault("vault_1");
    assertThat(a.seen).containsExactly("GET /v1/vaults/vault_1");
    assertThat(a.idempotencyKeys).isEmpty();
  }

  @Test
  void theHeartbeatReturnsToThePreferredNodeOnceItIsHealthy() throws Exception {
    boolean[] healthy = {false};
    Stub preferred =
        stub(
            "a",
            r ->
                healthy[0]
                    ? (r.startsWith("GET /v1/sys/health") ? health(true) : new Answer(200, VAULT))
                    : new Answer(503, READ_ONLY));
    Stub other = stub("b", r -> new Answer(200, VAULT));
    ClavisClient c = client(ClavisClient.builder().servers(List.of(preferred.uri(), other.uri())));
    c.getVault("vault_1");
    assertThat(c.preferredNode()).isEqualTo(other.uri());
    c.checkNodes(); // still unhealthy: stays behind
    assertThat(c.preferredNode()).isEqualTo(other.uri());
    healthy[0] = true;
    c.checkNodes();
    assertThat(c.preferredNode()).isEqualTo(preferred.uri());
    int before = other.seen.size();
    c.getVault("vault_1");
    assertThat(other.seen).hasSize(before);
  }

  @Test
  void theHeartbeatHandsOverTheMappingAndItsEdits() throws Exception {
    Stub b = stub("b", r -> new Answer(200, VAULT));
    Stub c2 = stub("c", r -> new Answer(200, VAULT));
    int[] revision = {1};
    Stub a =
        stub(
            "a",
            r -> {
              if (!r.startsWith("GET /v1/sys/heartbeat")) {
                return new Answer(200, VAULT);
              }
              String nodes =
                  revision[0] == 1
                      ? node("b", b, null) + "," + node("a", null, null)
                      : node("c", c2, "https://kms.example.com") + "," + node("b", b, null);
              return new Answer(
                  200,
                  "{\"status\":\"ok\",\"writable\":true,\"mapping\":{\"name\":\"dc1\",\"revision\":"
                      + revision[0]
                      + ",\"nodes\":["
                      + nodes
                      + "]}}");
            });
    // Built from one URL and a mapping name: the mapping's nodes replace the URL at once.
    ClavisClient client = client(ClavisClient.builder().server(a.uri()).mapping("dc1"));
    assertThat(a.seen).anyMatch(r -> r.equals("GET /v1/sys/heartbeat?mapping=dc1"));
    assertThat(client.mapping()).isEqualTo("dc1@1");
    assertThat(client.nodes()).containsExactly(b.uri(), URI.create("https://a.invalid"));
    client.getVault("vault_1");
    assertThat(b.seen).contains("GET /v1/vaults/vault_1");

    revision[0] = 2;
    // The heartbeat goes to the preferred node (b), which answers vaults only: no change.
    client.checkNodes();
    assertThat(client.mapping()).isEqualTo("dc1@1");
    // From a node that serves the heartbeat, the edit arrives.
    b.answers = a.answers;
    client.checkNodes();
    assertThat(client.mapping()).isEqualTo("dc1@2");
    assertThat(client.nodes()).containsExactly(c2.uri(), b.uri());
    client.getVault("vault_1");
    assertThat(c2.seen).contains("GET /v1/vaults/vault_1");
  }

  @Test
  void externalAddressesAreUsedWhenAsked() throws Exception {
    Stub inside = stub("in", r -> new Answer(200, VAULT));
    Stub outside = stub("out", r -> new Answer(200, VAULT));
    Stub a =
        stub(
            "a",
            r ->
                new Answer(
                    200,
                    "{\"mapping\":{\"name\":\"ext\",\"revision\":1,\"nodes\":["
                        + "{\"name\":\"n\",\"address\":\""
                        + inside.uri()
                        + "\",\"externalAddress\":\""
                        + outside.uri()
                        + "\"}]}}"));
    ClavisClient c =
        client(ClavisClient.builder().server(a.uri()).mapping("ext").externalAddresses(true));
    assertThat(c.nodes()).containsExactly(outside.uri());
    c.getVault("vault_1");
    assertThat(outside.seen).hasSize(1);
    assertThat(inside.seen).isEmpty();
  }

  private static String node(String name, Stub stub, String external) {
    String address = stub == null ? "https://a.invalid" : stub.uri().toString();
    return "{\"name\":\""
        + name
        + "\",\"address\":\""
        + address
        + "\""
        + (external == null ? "" : ",\"externalAddress\":\"" + external + "\"")
        + "}";
  }
}
