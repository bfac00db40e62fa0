package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.audit.AuditVerifier;
import io.clavis.server.audit.VerifyResult;
import io.clavis.server.testing.TestNode;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail as the REST API writes and serves it. */
class AuditApiTest extends SharedNodeApiTest {

  private List<JsonNode> events(String query) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    assertOk(get("/v1/audit-events?" + query)).get("items").forEach(out::add);
    return out;
  }

  private static JsonNode byRequest(List<JsonNode> events, String requestId) {
    return events.stream()
        .filter(e -> e.get("requestId").asText().equals(requestId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no audit record for request " + requestId));
  }

  @Test
  void allowedDeniedAndFailedRequestsEachLeaveOneRecord() throws Exception {
    String vault = node.createVault("audit-vault");
    String key = node.createKey(vault, "audit-key", "AES_256");
    Response allowed =
        post("/v1/keys/" + key + "/encrypt", json("plaintext", base64("audited plaintext")));
    assertOk(allowed);
    Response failed = post("/v1/keys/" + key + "/encrypt", json("plaintext", "%%%"));
    assertError(failed, 400, "INVALID_BASE64");
    Response unauthenticated =
        node.call(
            "POST", "/v1/keys/" + key + "/encrypt", json("plaintext", base64("x")), "cvs_bogus");
    assertError(unauthenticated, 401, "UNAUTHENTICATED");
    JsonNode u = assertOk(post("/v1/users", json("name", "audit-nobody")), 201);
    String token =
        assertOk(post("/v1/users/" + u.get("id").asText() + "/tokens", "{}"), 201)
            .get("token")
            .asText();
    Response forbidden =
        node.call("POST", "/v1/keys/" + key + "/encrypt", json("plaintext", base64("x")), token);
    assertError(forbidden, 403, "FORBIDDEN");

    List<JsonNode> forKey = events("keyId=" + key + "&limit=1000");
    JsonNode a = byRequest(forKey, allowed.requestIdHeader());
    assertThat(a.get("result").asText()).isEqualTo("allowed");
    assertThat(a.get("operation").asText()).isEqualTo("key.encrypt");
    assertThat(a.get("principal").asText()).isEqualTo("root");
    assertThat(a.get("authMethod").asText()).isEqualTo("root-token");
    assertThat(a.get("protocol").asText()).isEqualTo("rest");
    assertThat(a.get("resources").get("keyId").asText()).isEqualTo(key);
    assertThat(a.get("resources").get("vaultId").asText()).isEqualTo(vault);
    assertThat(a.get("clientAddress").asText()).isNotBlank();
    assertThat(a.get("node").asText()).isNotBlank();
    assertThat(a.get("durationMicros").asLong()).isPositive();
    JsonNode f = byRequest(forKey, failed.requestIdHeader());
    assertThat(f.get("result").asText()).isEqualTo("failed");
    assertThat(f.get("code").asText()).isEqualTo("INVALID_BASE64");
    JsonNode d = byRequest(forKey, forbidden.requestIdHeader());
    assertThat(d.get("result").asText()).isEqualTo("denied");
    assertThat(d.get("code").asText()).isEqualTo("FORBIDDEN");
    assertThat(d.get("principal").asText()).isEqualTo("audit-nobody");
    // The unauthenticated request has no principal and names no key (it was never resolved).
    JsonNode n = byRequest(events("result=denied&limit=1000"), unauthenticated.requestIdHeader());
    assertThat(n.get("code").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(n.has("principal") && !n.get("principal").isNull()).isFalse();

    // Filters: principal, operation prefix, and paging without repeats.
    assertThat(events("principal=audit-nobody&limit=1000"))
        .allSatisfy(e -> assertThat(e.get("principal").asText()).isEqualTo("audit-nobody"));
    assertThat(events("operation=user.*&limit=1000"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("operation").asText()).startsWith("user."));
    List<String> seen = new ArrayList<>();
    String page = null;
    do {
      JsonNode body =
          assertOk(get("/v1/audit-events?limit=3" + (page == null ? "" : "&page=" + page)));
      body.get("items")
          .forEach(e -> seen.add(e.get("node").asText() + "/" + e.get("seq").asLong()));
      page = body.has("nextPage") ? body.get("nextPage").asText() : null;
    } while (page != null && seen.size() < 10_000);
    assertThat(seen).doesNotHaveDuplicates().hasSizeGreaterThan(5);
    assertError(get("/v1/audit-events?page=garbage!"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/audit-events?from=yesterday"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/audit-events?format=xml"), 400, "INVALID_ARGUMENT");
  }

  @Test
  void exportsAsJsonLinesAndSyslog() throws Exception {
    String vault = node.createVault("export-vault");
    node.createKey(vault, "export-key", "AES_256");
    Response jsonl = get("/v1/audit-events?format=jsonl&operation=key.create&limit=1000");
    assertThat(jsonl.status()).isEqualTo(200);
    assertThat(jsonl.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/x-ndjson"));
    String text = new String(jsonl.rawBody(), StandardCharsets.UTF_8);
    assertThat(text.lines())
        .isNotEmpty()
        .allSatisfy(
            l -> assertThat(l).startsWith("{\"seq\":").contains("\"operation\":\"key.create\""));
    Response syslog = get("/v1/audit-events?format=syslog&operation=key.create&limit=1000");
    String lines = new String(syslog.rawBody(), StandardCharsets.UTF_8);
    assertThat(lines.lines())
        .hasSize((int) text.lines().count())
        .allSatisfy(
            l ->
                assertThat(l)
                    .matches("<(108|109|110)>1 \\S+ \\S+ clavis - AUDIT \\[clavis@32473 .*"));
  }

  @Test
  void noSecretEverReachesTheAuditFilesAndTheChainVerifies(@TempDir Path dir) throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize("audit-secret-passphrase");
      String vault = n.createVault("s-vault");
      String key = n.createKey(vault, "s-key", "AES_256");
      byte[] marker = "plaintext-marker-7f3a9c".getBytes(StandardCharsets.UTF_8);
      JsonNode enc =
          assertOk(
              n.call("POST", "/v1/keys/" + key + "/encrypt", json("plaintext", base64(marker))));
      JsonNode dk =
          assertOk(n.call("POST", "/v1/keys/" + key + "/generate-data-key", json("bits", 256)));
      String password = "password-marker-2b8e1d";
      JsonNode u =
          assertOk(n.call("POST", "/v1/users", json("name", "s-user", "password", password)), 201);
      String userToken =
          assertOk(n.call("POST", "/v1/users/" + u.get("id").asText() + "/tokens", "{}"), 201)
              .get("token")
              .asText();
      String login =
          assertOk(
                  n.call("POST", "/v1/auth/login", json("name", "s-user", "password", password)),
                  201)
              .get("token")
              .asText();
      n.call("POST", "/v1/auth/login", json("name", "s-user", "password", "wrong-" + password));
      n.call("GET", "/v1/auth/whoami", null, userToken);

      List<String> secrets = new ArrayList<>();
      secrets.add(new String(marker, StandardCharsets.UTF_8));
      secrets.add(Base64.getEncoder().encodeToString(marker));
      secrets.add(HexFormat.of().formatHex(marker));
      secrets.add(password);
      secrets.add(userToken);
      secrets.add(login);
      secrets.add(n.token());
      if (dk != null && dk.has("plaintext")) {
        secrets.add(dk.get("plaintext").asText());
      }
      secrets.add(enc.get("ciphertext").asText());
      n.node().close();
      Path audit = dir.resolve("audit");
      List<Path> files;
      try (Stream<Path> s = Files.walk(audit)) {
        files = s.filter(Files::isRegularFile).toList();
      }
      assertThat(files).isNotEmpty();
      StringBuilder all = new StringBuilder();
      for (Path file : files) {
        String content = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(content).as("%s holds a secret", file).doesNotContain(secret);
        }
        all.append(content);
      }
      assertThat(all.toString()).contains("auth.login").contains("key.encrypt");
      VerifyResult result = AuditVerifier.verify(audit, List.of());
      assertThat(result.intact()).as("%s", result).isTrue();
      assertThat(result.records()).isGreaterThan(8);
    }
  }
}
