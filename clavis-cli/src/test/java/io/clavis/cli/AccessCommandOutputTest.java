package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the login, identity, policy and audit commands print and send, against a fake server with
 * canned answers.
 */
class AccessCommandOutputTest {
  private static final String RECORD =
      "{\"seq\":%d,\"time\":\"2026-11-23T07:00:0%d.123456Z\",\"node\":\"node1\","
          + "\"principal\":\"alice\",\"operation\":\"key.encrypt\","
          + "\"resources\":{\"vaultId\":\"vault_1\",\"keyId\":\"key_1\"},\"result\":\"%s\","
          + "\"code\":%s,\"durationMicros\":5,\"prevHash\":\"a\",\"hash\":\"b\"}";

  private record Answer(int status, String body, Map<String, String> headers) {}

  private final List<String> requests = new ArrayList<>();
  private final List<String> userAgents = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final Map<String, Function<String, Answer>> routes = new ConcurrentHashMap<>();
  private HttpServer server;
  private String url;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String path = ex.getRequestURI().getRawPath();
          String query = ex.getRequestURI().getRawQuery();
          synchronized (requests) {
            String target = path + (query == null ? "" : "?" + query);
            requests.add((ex.getRequestMethod() + " " + target + " " + body).strip());
            userAgents.add(ex.getRequestHeaders().getFirst("User-Agent"));
            authorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
          }
          Function<String, Answer> route = routes.get(ex.getRequestMethod() + " " + path);
          Answer a = route == null ? new Answer(204, null, Map.of()) : route.apply(query);
          a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          if (a.body() == null) {
            ex.sendResponseHeaders(a.status(), -1);
          } else {
            byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().putIfAbsent("Content-Type", List.of("application/json"));
            ex.sendResponseHeaders(a.status(), bytes.length);
            ex.getResponseBody().write(bytes);
          }
          ex.close();
        });
    server.start();
    url = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private void route(String methodAndPath, int status, String body) {
    routes.put(methodAndPath, q -> new Answer(status, body, Map.of()));
  }

  private CliRunner.Result run(CliRunner runner, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(url);
    return runner.run(all.toArray(String[]::new));
  }

  private CliRunner.Result ok(String... args) {
    CliRunner.Result r = run(new CliRunner(), args);
    assertThat(r.err()).as("stderr").isEmpty();
    assertThat(r.exitCode()).isZero();
    return r;
  }

  private static String record(int seq, String result, String code) {
    return String.format(RECORD, seq, seq, result, code == null ? "null" : "\"" + code + "\"");
  }

  @Test
  void loginPrintsTheSessionTokenAndSendsThePasswordFromStandardInput() {
    route(
        "POST /v1/auth/login",
        201,
        "{\"token\":\"cvs_session\",\"id\":\"token_1\",\"expiresAt\":\"2026-11-23T15:00:00.5Z\"}");
    CliRunner.Result r =
        run(
            new CliRunner().stdin("a long password\n").env("CLAVIS_TOKEN", "cvs_other"),
            "login",
            "--name",
            "alice",
            "--ttl",
            "1h",
            "--password-stdin");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            FIELD       VALUE
            TOKEN       cvs_session
            ID          token_1
            EXPIRES AT  2026-11-23T15:00:00Z
            """);
    assertThat(requests)
        .containsExactly(
            "POST /v1/auth/login {\"name\":\"alice\",\"password\":\"a long password\","
                + "\"ttl\":\"1h\"}");
    assertThat(userAgents).allMatch(ua -> ua.startsWith("clavis-cli/"));
    assertThat(authorizations).as("login sends no token").containsExactly("null");
  }

  @Test
  void policyExplainExitsWith3WhenDenied() {
    route(
        "POST /v1/policies/explain",
        200,
        "{\"principal\":\"alice\",\"principalType\":\"user\",\"groups\":[],"
            + "\"operation\":\"key.encrypt\",\"permission\":\"use keys\",\"compartmentId\":\"tenancy\","
            + "\"allowed\":false,\"reason\":\"no statement allows alice to use keys there;"
            + " access is denied by default\"}");
    CliRunner.Result r =
        run(
            new CliRunner(),
            "policy",
            "explain",
            "--principal",
            "alice",
            "--operation",
            "key.encrypt",
            "--resource",
            "key_1");
    assertThat(r.exitCode()).isEqualTo(PolicyCommand.EXIT_DENIED);
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo(
            "DENIED: no statement allows alice to use keys there; access is denied by default"
                + " (needs 'use keys' in compartment tenancy)\n");
    assertThat(requests)
        .containsExactly(
            "POST /v1/policies/explain {\"principal\":\"alice\",\"operation\":\"key.encrypt\","
                + "\"resource\":\"key_1\"}");
  }

  @Test
  void policyExplainExitsWith0WhenAllowedAndNamesTheStatement() {
    route(
        "POST /v1/policies/explain",
        200,
        "{\"principal\":\"alice\",\"allowed\":true,\"statement\":{\"policyId\":\"policy_1\","
            + "\"policyName\":\"apps\",\"index\":2,\"text\":\"allow group apps to use keys in"
            + " tenancy\"},\"reason\":\"allowed by statement 2 of policy apps\"}");
    assertThat(ok("policy", "explain", "--principal", "alice", "--operation", "key.encrypt").out())
        .isEqualTo(
            "ALLOWED by statement 2 of policy apps: allow group apps to use keys in tenancy\n");
  }

  @Test
  void policyGetNumbersTheStatements() {
    route(
        "GET /v1/policies/apps",
        200,
        "{\"id\":\"policy_1\",\"name\":\"apps\",\"compartmentId\":\"tenancy\","
            + "\"statements\":[\"allow group apps to use keys in tenancy\","
            + "\"allow group apps to inspect vaults in tenancy\"],\"builtIn\":false,"
            + "\"createdAt\":\"2026-11-23T07:00:00Z\",\"updatedAt\":\"2026-11-23T08:00:00Z\","
            + "\"createdBy\":\"root\"}");
    assertThat(ok("policy", "get", "apps").out())
        .isEqualTo(
            """
            FIELD        VALUE
            ID           policy_1
            NAME         apps
            COMPARTMENT  tenancy
            DESCRIPTION  -
            BUILT-IN     no
            STATEMENTS   1. allow group apps to use keys in tenancy
                         2. allow group apps to inspect vaults in tenancy
            CREATED      2026-11-23T07:00:00Z
            CREATED BY   root
            UPDATED      2026-11-23T08:00:00Z
            """);
  }

  @Test
  void userTokensAreListedWithoutSecretsAndRevokedById() {
    route(
        "GET /v1/users/alice/tokens",
        200,
        "{\"items\":[{\"id\":\"token_1\",\"description\":\"ci\","
            + "\"createdAt\":\"2026-11-23T07:00:00Z\",\"expiresAt\":\"2026-11-24T07:00:00Z\","
            + "\"createdBy\":\"root\"}]}");
    assertThat(ok("user", "token", "list", "alice").out())
        .isEqualTo(
            """
            ID       DESCRIPTION  CREATED               EXPIRES AT            CREATED BY
            token_1  ci           2026-11-23T07:00:00Z  2026-11-24T07:00:00Z  root
            """);
    assertThat(ok("token", "revoke", "token_1").out()).isEqualTo("revoked token token_1\n");
    assertThat(ok("token", "revoke", "token_1", "-o", "json").out())
        .isEqualTo("{\n  \"revoked\" : \"token_1\"\n}\n");
    assertThat(requests)
        .containsExactly(
            "GET /v1/users/alice/tokens", "DELETE /v1/tokens/token_1", "DELETE /v1/tokens/token_1");
  }

  @Test
  void auditListPrintsATableAndHowToGetTheNextPage() {
    routes.put(
        "GET /v1/audit-events",
        q ->
            new Answer(
                200,
                "{\"items\":["
                    + record(1, "allowed", null)
                    + ","
                    + record(2, "denied", "FORBIDDEN")
                    + "],\"nextPage\":\"p2\",\"unreachableNodes\":[\"node3\"]}",
                Map.of()));
    CliRunner.Result r =
        run(new CliRunner(), "audit", "list", "--principal", "alice", "--result", "denied");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            TIME                  NODE   PRINCIPAL  OPERATION    RESULT   CODE       RESOURCES
            2026-11-23T07:00:01Z  node1  alice      key.encrypt  allowed  -          keyId=key_1, vaultId=vault_1
            2026-11-23T07:00:02Z  node1  alice      key.encrypt  denied   FORBIDDEN  keyId=key_1, vaultId=vault_1

            more: --page p2
            """);
    assertThat(r.err()).isEqualTo("warning: node node3 did not answer: its records are missing\n");
    assertThat(requests).containsExactly("GET /v1/audit-events?principal=alice&result=denied");
  }

  @Test
  void auditExportFollowsEveryPageIntoTheFile(@TempDir Path dir) throws Exception {
    // three pages of two records, the second page empty (a filter skipped what it scanned)
    routes.put(
        "GET /v1/audit-events",
        q -> {
          String page = q.contains("page=p2") ? "p2" : q.contains("page=p3") ? "p3" : "p1";
          return switch (page) {
            case "p1" -> new Answer(200, "line1\nline2\n", Map.of("Clavis-Next-Page", "p2"));
            case "p2" -> new Answer(200, "", Map.of("Clavis-Next-Page", "p3"));
            default -> new Answer(200, "line3\n", Map.of());
          };
        });
    Path out = dir.resolve("audit.jsonl");
    Files.writeString(out, "old content\n");
    CliRunner.Result r =
        run(
            new CliRunner(),
            "audit",
            "export",
            "--format",
            "jsonl",
            "--out",
            out.toString(),
            "--limit",
            "2",
            "--operation",
            "key.*");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("line1\nline2\nline3\n");
    assertThat(r.out()).isEqualTo("exported 3 records to " + out + "\n");
    // at most one progress line a second: the second page normally comes within the same second
    assertThat(r.err()).startsWith("exported 2 records...\n");
    assertThat(r.err().lines()).allMatch(l -> l.equals("exported 2 records..."));
    assertThat(requests)
        .containsExactly(
            "GET /v1/audit-events?operation=key.*&limit=2&format=jsonl",
            "GET /v1/audit-events?operation=key.*&limit=2&page=p2&format=jsonl",
            "GET /v1/audit-events?operation=key.*&limit=2&page=p3&format=jsonl");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out); // no temporary file left
    }
  }

  @Test
  void auditExportToStandardOutputCountsOnStandardError() {
    routes.put(
        "GET /v1/audit-events",
        q -> new Answer(200, "<110>1 a\n<109>1 b\n", Map.of("Content-Type", "text/plain")));
    CliRunner.Result r = run(new CliRunner(), "audit", "export", "--format", "syslog");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).isEqualTo("<110>1 a\n<109>1 b\n");
    assertThat(r.err()).isEqualTo("exported 2 records\n");
    assertThat(requests).containsExactly("GET /v1/audit-events?limit=1000&format=syslog");
  }

  @Test
  void anIncompleteExportIsKeptButFails(@TempDir Path dir) throws Exception {
    routes.put(
        "GET /v1/audit-events",
        q -> new Answer(200, "line1\n", Map.of("Clavis-Unreachable-Nodes", "node2")));
    Path out = dir.resolve("a.jsonl");
    CliRunner.Result r =
        run(new CliRunner(), "audit", "export", "--format", "jsonl", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(Files.readString(out)).isEqualTo("line1\n");
    assertThat(r.out()).isEqualTo("exported 1 record to " + out + "\n");
    assertThat(r.err())
        .isEqualTo(
            "error: the export is incomplete: node node2 did not answer: its records are"
                + " missing\n");
  }

  @Test
  void aFailedExportLeavesTheFileAlone(@TempDir Path dir) throws Exception {
    routes.put(
        "GET /v1/audit-events",
        q ->
            q.contains("page=p2")
                ? new Answer(
                    403,
                    "{\"code\":\"FORBIDDEN\",\"message\":\"alice may not read audit-events\"}",
                    Map.of())
                : new Answer(200, "line1\n", Map.of("Clavis-Next-Page", "p2")));
    Path out = Files.writeString(dir.resolve("a.jsonl"), "previous export\n");
    CliRunner.Result r =
        run(new CliRunner(), "audit", "export", "--format", "jsonl", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).endsWith("error: alice may not read audit-events (FORBIDDEN)\n");
    assertThat(Files.readString(out)).isEqualTo("previous export\n");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void groupsAndUsersAsTables() {
    route(
        "GET /v1/groups",
        200,
        "{\"items\":[{\"id\":\"group_key-admins\",\"name\":\"key-admins\",\"description\":"
            + "\"Manages vaults and keys.\",\"builtIn\":true,\"members\":[]},{\"id\":\"group_1\","
            + "\"name\":\"apps\",\"builtIn\":false,\"members\":[\"alice\",\"billing\"]}]}");
    route(
        "POST /v1/groups/apps/members",
        200,
        "{\"id\":\"group_1\",\"name\":\"apps\",\"builtIn\":false,\"members\":[\"alice\",\"billing\"],"
            + "\"createdAt\":\"2026-11-23T07:00:00Z\",\"createdBy\":\"root\"}");
    assertThat(ok("group", "list").out())
        .isEqualTo(
            """
            ID                NAME        BUILT-IN  MEMBERS  DESCRIPTION
            group_key-admins  key-admins  yes       0        Manages vaults and keys.
            group_1           apps        no        2        -
            """);
    assertThat(ok("group", "add-member", "apps", "alice", "billing").out())
        .isEqualTo(
            """
            FIELD        VALUE
            ID           group_1
            NAME         apps
            DESCRIPTION  -
            BUILT-IN     no
            MEMBERS      alice
                         billing
            CREATED      2026-11-23T07:00:00Z
            CREATED BY   root
            """);
    assertThat(requests)
        .containsExactly(
            "GET /v1/groups", "POST /v1/groups/apps/members {\"members\":[\"alice\",\"billing\"]}");
  }

  @Test
  void errorsOfTheServerAreOneLine() {
    route(
        "POST /v1/policies",
        400,
        "{\"code\":\"INVALID_POLICY\",\"message\":\"statement 1: expected a verb (inspect, read,"
            + " use, manage) but found 'usee' at position 21\",\"requestId\":\"r1\"}");
    CliRunner.Result r =
        run(
            new CliRunner(),
            "policy",
            "create",
            "p",
            "--statement",
            "allow group apps to usee keys in tenancy");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: statement 1: expected a verb (inspect, read, use, manage) but found 'usee' at"
                + " position 21 (INVALID_POLICY, request id r1)\n");
  }
}
