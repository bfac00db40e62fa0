package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The identity, policy, compartment and audit methods against a canned HTTP server: method, path,
 * query, body, headers and decoding.
 */
class IdentityClientTest {
  private static final ObjectMapper JSON = ClavisJson.newObjectMapper();

  private static final String TOKEN =
      "{\"token\":\"cvs_secret\",\"id\":\"token_1\",\"expiresAt\":\"2026-01-01T08:00:00Z\"}";
  private static final String USER =
      "{\"id\":\"user_1\",\"name\":\"alice\",\"type\":\"user\",\"groups\":[\"apps\"],"
          + "\"hasPassword\":true,\"lockedUntil\":null,\"createdAt\":\"2026-01-01T00:00:00Z\","
          + "\"createdBy\":\"root\"}";
  private static final String SERVICE =
      "{\"id\":\"service_1\",\"name\":\"billing\",\"type\":\"service\",\"groups\":[],"
          + "\"certificateFingerprint\":\"AB:CD\",\"createdAt\":\"2026-01-01T00:00:00Z\","
          + "\"createdBy\":\"root\"}";
  private static final String GROUP =
      "{\"id\":\"group_1\",\"name\":\"apps\",\"description\":\"Applications\",\"builtIn\":false,"
          + "\"members\":[\"alice\",\"billing\"],\"createdAt\":\"2026-01-01T00:00:00Z\","
          + "\"createdBy\":\"root\"}";
  private static final String POLICY =
      "{\"id\":\"policy_1\",\"name\":\"p\",\"compartmentId\":\"tenancy\",\"description\":null,"
          + "\"statements\":[\"allow group apps to use keys in tenancy\"],\"builtIn\":false,"
          + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-02T00:00:00Z\","
          + "\"createdBy\":\"root\"}";
  private static final String RECORD =
      "{\"seq\":7,\"time\":\"2026-01-01T00:00:01.000001Z\",\"node\":\"node1\","
          + "\"principal\":\"alice\",\"principalId\":\"user_1\",\"authMethod\":\"token\","
          + "\"clientAddress\":\"127.0.0.1\",\"protocol\":\"rest\",\"operation\":\"key.encrypt\","
          + "\"resources\":{\"vaultId\":\"vault_1\",\"keyId\":\"key_1\"},\"result\":\"denied\","
          + "\"code\":\"FORBIDDEN\",\"requestId\":\"r7\",\"durationMicros\":1234,"
          + "\"userAgent\":\"clavis-cli/1.0\",\"prevHash\":\"aa\",\"hash\":\"bb\"}";

  private record Seen(
      String method, String target, String body, String auth, String userAgent, String accept) {}

  private record Canned(int status, String body, Map<String, String> headers) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Map<String, Canned> answers = new ConcurrentHashMap<>();
  private HttpServer server;
  private ClavisClient client;
  private URI url;

  private void answer(String methodAndPath, int status, String body) {
    answers.put(methodAndPath, new Canned(status, body, Map.of()));
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), UTF_8);
          String path = ex.getRequestURI().getRawPath();
          String query = ex.getRequestURI().getRawQuery();
          seen.add(
              new Seen(
                  ex.getRequestMethod(),
                  path + (query == null ? "" : "?" + query),
                  body,
                  ex.getRequestHeaders().getFirst("Authorization"),
                  ex.getRequestHeaders().getFirst("User-Agent"),
                  ex.getRequestHeaders().getFirst("Accept")));
          Canned c = answers.get(ex.getRequestMethod() + " " + path);
          if (c == null) {
            c = new Canned(204, null, Map.of());
          }
          c.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          if (c.body() == null) {
            ex.sendResponseHeaders(c.status(), -1);
          } else {
            byte[] bytes = c.body().getBytes(UTF_8);
            if (!c.headers().containsKey("Content-Type")) {
              ex.getResponseHeaders().add("Content-Type", "application/json");
            }
            ex.sendResponseHeaders(c.status(), bytes.length);
            ex.getResponseBody().write(bytes);
          }
          ex.close();
        });
    server.start();
    url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    client = ClavisClient.builder().server(url).token("tok").build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  private static JsonNode json(String s) throws IOException {
    return JSON.readTree(s);
  }

  @Test
  void loginSendsNoTokenAndReturnsTheSessionToken() throws Exception {
    answer("POST /v1/auth/login", 201, TOKEN);
    TokenInfo t = client.login("alice", "correct horse battery", Duration.ofHours(1));
    assertThat(t.token()).isEqualTo("cvs_secret");
    assertThat(t.id()).isEqualTo("token_1");
    assertThat(t.expiresAt()).isEqualTo(Instant.parse("2026-01-01T08:00:00Z"));
    Seen s = seen.get(0);
    assertThat(s.method()).isEqualTo("POST");
    assertThat(s.target()).isEqualTo("/v1/auth/login");
    assertThat(s.auth()).as("login is anonymous").isNull();
    assertThat(json(s.body()))
        .isEqualTo(
            json("{\"name\":\"alice\",\"password\":\"correct horse battery\",\"ttl\":\"1h\"}"));
    assertThat(s.userAgent()).startsWith("clavis-java/");
  }

  @Test
  void whoami() {
    answer(
        "GET /v1/auth/whoami",
        200,
        "{\"id\":\"user_1\",\"name\":\"alice\",\"type\":\"user\",\"groups\":[\"apps\"],"
            + "\"authMethod\":\"token\",\"tokenId\":\"token_1\"}");
    assertThat(client.whoami())
        .isEqualTo(new WhoAmI("user_1", "alice", "user", List.of("apps"), "token", "token_1"));
    assertThat(seen.get(0).auth()).isEqualTo("Bearer tok");
  }

  @Test
  void users() throws Exception {
    answer("POST /v1/users", 201, USER);
    answer("GET /v1/users", 200, "{\"items\":[" + USER + "]}");
    answer("GET /v1/users/alice%20b", 200, USER);
    answer("POST /v1/users/alice/unlock", 200, USER);
    answer("POST /v1/users/alice/tokens", 201, TOKEN);
    answer(
        "GET /v1/users/alice/tokens",
        200,
        "{\"items\":[{\"id\":\"token_1\",\"description\":\"ci\","
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"expiresAt\":\"2026-01-02T00:00:00Z\","
            + "\"createdBy\":\"root\"}]}");

    User u = client.createUser("alice", List.of("apps"), "correct horse battery");
    assertThat(u)
        .isEqualTo(
            new User(
                "user_1",
                "alice",
                "user",
                List.of("apps"),
                true,
                null,
                Instant.parse("2026-01-01T00:00:00Z"),
                "root"));
    client.createUser("bob", null, null);
    assertThat(client.listUsers()).containsExactly(u);
    assertThat(client.getUser("alice b")).isEqualTo(u);
    client.deleteUser("alice");
    client.setUserPassword("alice", "another long password");
    assertThat(client.unlockUser("alice")).isEqualTo(u);
    assertThat(client.createUserToken("alice", Duration.ofDays(7), "ci").token())
        .isEqualTo("cvs_secret");
    assertThat(client.listUserTokens("alice"))
        .containsExactly(
            new TokenSummary(
                "token_1",
                "ci",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-02T00:00:00Z"),
                "root"));

    assertThat(seen)
        .extracting(s -> s.method() + " " + s.target())
        .containsExactly(
            "POST /v1/users",
            "POST /v1/users",
            "GET /v1/users",
            "GET /v1/users/alice%20b",
            "DELETE /v1/users/alice",
            "POST /v1/users/alice/password",
            "POST /v1/users/alice/unlock",
            "POST /v1/users/alice/tokens",
            "GET /v1/users/alice/tokens");
    assertThat(json(seen.get(0).body()))
        .isEqualTo(
            json(
                "{\"name\":\"alice\",\"groups\":[\"apps\"],\"password\":\"correct horse battery\"}"));
    assertThat(json(seen.get(1).body())).isEqualTo(json("{\"name\":\"bob\"}"));
    assertThat(seen.get(4).body()).isEmpty();
    assertThat(json(seen.get(5).body()))
        .isEqualTo(json("{\"password\":\"another long password\"}"));
    assertThat(json(seen.get(7).body())).isEqualTo(json("{\"ttl\":\"7d\",\"description\":\"ci\"}"));
  }

  @Test
  void servicesAndGroups() throws Exception {
    answer("POST /v1/services", 201, SERVICE);
    answer("GET /v1/services", 200, "{\"items\":[" + SERVICE + "]}");
    answer("GET /v1/services/billing", 200, SERVICE);
    answer("POST /v1/services/billing/tokens", 201, TOKEN);
    answer("GET /v1/services/billing/tokens", 200, "{\"items\":[]}");
    answer("POST /v1/groups", 201, GROUP);
    answer("GET /v1/groups", 200, "{\"items\":[" + GROUP + "]}");
    answer("GET /v1/groups/apps", 200, GROUP);
    answer("POST /v1/groups/apps/members", 200, GROUP);
    answer("DELETE /v1/groups/apps/members/bob%2Fx", 200, GROUP);

    Service s = client.createService("billing", List.of("apps"), "-----BEGIN CERTIFICATE-----");
    assertThat(s.certificateFingerprint()).isEqualTo("AB:CD");
    assertThat(s.groups()).isEmpty();
    assertThat(client.listServices()).containsExactly(s);
    assertThat(client.getService("billing")).isEqualTo(s);
    client.deleteService("billing");
    assertThat(client.createServiceToken("billing", null, null).id()).isEqualTo("token_1");
    assertThat(client.listServiceTokens("billing")).isEmpty();

    Group g = client.createGroup("apps", "Applications");
    assertThat(g.members()).containsExactly("alice", "billing");
    assertThat(client.listGroups()).containsExactly(g);
    assertThat(client.getGroup("apps")).isEqualTo(g);
    assertThat(client.addGroupMembers("apps", List.of("alice", "billing"))).isEqualTo(g);
    assertThat(client.removeGroupMember("apps", "bob/x")).isEqualTo(g);
    client.deleteGroup("apps");

    assertThat(seen)
        .extracting(x -> x.method() + " " + x.target())
        .containsExactly(
            "POST /v1/services",
            "GET /v1/services",
            "GET /v1/services/billing",
            "DELETE /v1/services/billing",
            "POST /v1/services/billing/tokens",
            "GET /v1/services/billing/tokens",
            "POST /v1/groups",
            "GET /v1/groups",
            "GET /v1/groups/apps",
            "POST /v1/groups/apps/members",
            "DELETE /v1/groups/apps/members/bob%2Fx",
            "DELETE /v1/groups/apps");
    assertThat(json(seen.get(0).body()))
        .isEqualTo(
            json(
                "{\"name\":\"billing\",\"groups\":[\"apps\"],"
                    + "\"certificatePem\":\"-----BEGIN CERTIFICATE-----\"}"));
    assertThat(json(seen.get(4).body())).isEqualTo(json("{}"));
    assertThat(json(seen.get(6).body()))
        .isEqualTo(json("{\"name\":\"apps\",\"description\":\"Applications\"}"));
    assertThat(json(seen.get(9).body())).isEqualTo(json("{\"members\":[\"alice\",\"billing\"]}"));
  }

  @Test
  void tokensAndCompartments() {
    answer(
        "GET /v1/compartments/c1",
        200,
        "{\"id\":\"c1\",\"name\":\"Prod\",\"parentId\":\"tenancy\","
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"createdBy\":\"root\"}");
    client.revokeToken("token_1");
    assertThat(client.getCompartment("c1"))
        .isEqualTo(
            new Compartment(
                "c1", "Prod", "tenancy", Instant.parse("2026-01-01T00:00:00Z"), "root"));
    client.deleteCompartment("c1");
    assertThat(seen)
        .extracting(x -> x.method() + " " + x.target() + " " + x.body())
        .containsExactly(
            "DELETE /v1/tokens/token_1 ",
            "GET /v1/compartments/c1 ",
            "DELETE /v1/compartments/c1 ");
  }

  @Test
  void policies() throws Exception {
    answer("POST /v1/policies", 201, POLICY);
    answer("GET /v1/policies", 200, "{\"items\":[" + POLICY + "]}");
    answer("GET /v1/policies/p", 200, POLICY);
    answer("PUT /v1/policies/p", 200, POLICY);
    answer(
        "POST /v1/policies/explain",
        200,
        "{\"principal\":\"alice\",\"principalType\":\"user\",\"groups\":[\"apps\"],"
            + "\"operation\":\"key.encrypt\",\"permission\":\"use keys\","
            + "\"compartmentId\":\"tenancy\",\"allowed\":true,\"statement\":{\"policyId\":"
            + "\"policy_1\",\"policyName\":\"p\",\"index\":1,\"text\":\"allow group apps to use"
            + " keys in tenancy\"},\"reason\":\"allowed by statement 1 of policy p\"}");

    List<String> statements = List.of("allow group apps to use keys in tenancy");
    Policy p = client.createPolicy("p", "c1", "d", statements);
    assertThat(p.statements()).isEqualTo(statements);
    assertThat(p.updatedAt()).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
    assertThat(client.listPolicies()).containsExactly(p);
    assertThat(client.getPolicy("p")).isEqualTo(p);
    assertThat(client.updatePolicy("p", statements, null)).isEqualTo(p);
    client.deletePolicy("p");
    PolicyExplanation e = client.explainPolicy("alice", "key.encrypt", "key_1");
    assertThat(e.allowed()).isTrue();
    assertThat(e.statement())
        .isEqualTo(
            new PolicyExplanation.Statement(
                "policy_1", "p", 1, "allow group apps to use keys in tenancy"));

    assertThat(seen)
        .extracting(x -> x.method() + " " + x.target())
        .containsExactly(
            "POST /v1/policies",
            "GET /v1/policies",
            "GET /v1/policies/p",
            "PUT /v1/policies/p",
            "DELETE /v1/policies/p",
            "POST /v1/policies/explain");
    assertThat(json(seen.get(0).body()))
        .isEqualTo(
            json(
                "{\"name\":\"p\",\"compartmentId\":\"c1\",\"description\":\"d\","
                    + "\"statements\":[\"allow group apps to use keys in tenancy\"]}"));
    assertThat(json(seen.get(3).body()))
        .isEqualTo(json("{\"statements\":[\"allow group apps to use keys in tenancy\"]}"));
    assertThat(json(seen.get(5).body()))
        .isEqualTo(
            json("{\"principal\":\"alice\",\"operation\":\"key.encrypt\",\"resource\":\"key_1\"}"));
  }

  @Test
  void anInvalidPolicyIsAnExceptionWithTheServersMessage() {
    answer(
        "POST /v1/policies",
        400,
        "{\"code\":\"INVALID_POLICY\",\"message\":\"statement 1: expected a verb (inspect, read,"
            + " use, manage) but found 'usee' at position 21\",\"requestId\":\"r1\"}");
    ClavisException e =
        catchThrowableOfType(
            ClavisException.class,
            () -> client.createPolicy("p", null, null, List.of("allow group a to usee keys")));
    assertThat(e.code()).isEqualTo("INVALID_POLICY");
    assertThat(e.getMessage()).contains("position 21");
  }

  @Test
  void auditEventsWithEveryFilter() {
    answer(
        "GET /v1/audit-events",
        200,
        "{\"items\":[" + RECORD + "],\"nextPage\":\"p2\",\"unreachableNodes\":[\"node3\"]}");
    AuditQuery q =
        AuditQuery.all()
            .withKeyId("key_1")
            .withPrincipal("alice b")
            .withOperation("key.*")
            .withResult("denied")
            .withTime(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));
    AuditPage p = client.listAuditEvents(q, 50, "p1");
    assertThat(p.hasNext()).isTrue();
    assertThat(p.nextPage()).isEqualTo("p2");
    assertThat(p.unreachableNodes()).containsExactly("node3");
    assertThat(p.items())
        .containsExactly(
            new AuditEvent(
                7,
                Instant.parse("2026-01-01T00:00:01.000001Z"),
                "node1",
                "alice",
                "user_1",
                "token",
                "127.0.0.1",
                "rest",
                "key.encrypt",
                Map.of("keyId", "key_1", "vaultId", "vault_1"),
                "denied",
                "FORBIDDEN",
                "r7",
                1234,
                "clavis-cli/1.0",
                "aa",
                "bb"));
    assertThat(seen.get(0).target())
        .isEqualTo(
            "/v1/audit-events?keyId=key_1&principal=alice+b&operation=key.*&result=denied"
                + "&from=2026-01-01T00%3A00%3A00Z&to=2026-01-02T00%3A00%3A00Z&limit=50&page=p1");

    client.listAuditEvents(null, null, null);
    assertThat(seen.get(1).target()).isEqualTo("/v1/audit-events");
  }

  @Test
  void auditExportReturnsTheTextAndTheNextPageHeader() {
    answers.put(
        "GET /v1/audit-events",
        new Canned(
            200,
            "{\"seq\":1}\n{\"seq\":2}\n",
            Map.of(
                "Content-Type",
                "application/x-ndjson",
                "Clavis-Next-Page",
                "p2",
                "Clavis-Unreachable-Nodes",
                "node2,node3")));
    AuditExport e =
        client.exportAuditEvents(
            AuditQuery.all().withPrincipal("alice"), AuditExport.Format.JSONL, 1000, null);
    assertThat(e.text()).isEqualTo("{\"seq\":1}\n{\"seq\":2}\n");
    assertThat(e.records()).isEqualTo(2);
    assertThat(e.nextPage()).isEqualTo("p2");
    assertThat(e.unreachableNodes()).containsExactly("node2", "node3");
    assertThat(seen.get(0).target())
        .isEqualTo("/v1/audit-events?principal=alice&limit=1000&format=jsonl");
    assertThat(seen.get(0).accept()).isEqualTo("application/x-ndjson");

    answers.put(
        "GET /v1/audit-events",
        new Canned(200, "<110>1 a\n", Map.of("Content-Type", "text/plain")));
    AuditExport last = client.exportAuditEvents(null, AuditExport.Format.SYSLOG, null, "p2");
    assertThat(last.hasNext()).isFalse();
    assertThat(last.unreachableNodes()).isEmpty();
    assertThat(last.records()).isEqualTo(1);
    assertThat(seen.get(1).target()).isEqualTo("/v1/audit-events?page=p2&format=syslog");
  }

  @Test
  void aTextExportErrorIsAnException() {
    answer(
        "GET /v1/audit-events",
        403,
        "{\"code\":\"FORBIDDEN\",\"message\":\"alice may not read audit-events\"}");
    ClavisException e =
        catchThrowableOfType(
            ClavisException.class,
            () -> client.exportAuditEvents(null, AuditExport.Format.SYSLOG, null, null));
    assertThat(e.status()).isEqualTo(403);
    assertThat(e.code()).isEqualTo("FORBIDDEN");
    assertThat(e.getMessage()).isEqualTo("alice may not read audit-events");
  }

  @Test
  void theUserAgentCanBeSet() {
    try (ClavisClient cli =
        ClavisClient.builder().server(url).userAgent("clavis-cli/9.9").build()) {
      cli.revokeToken("t");
    }
    assertThat(seen.get(0).userAgent()).isEqualTo("clavis-cli/9.9");
    assertThatThrownBy(() -> ClavisClient.builder().userAgent("bad\nagent"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClavisClient.builder().userAgent(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiredArgumentsAreChecked() {
    assertThatThrownBy(() -> client.login(null, "p", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> client.createPolicy("p", null, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> client.addGroupMembers("g", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> client.getUser("..")).isInstanceOf(IllegalArgumentException.class);
    assertThat(seen).isEmpty();
  }
}
