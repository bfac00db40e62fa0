package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.testing.TestNode.Response;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.PinnedCaTrustManager;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/openapi.json}: served, complete (every registered route, nothing else), and
 * accurate: every operation is exercised and each answer's status, body and error code are checked
 * against what the document says for that operation.
 */
class OpenApiDocumentTest extends SharedNodeApiTest {
  private static final Set<String> PUBLIC_ROUTES =
      Set.of(
          "GET /v1/sys/health",
          "GET /v1/sys/seal-status",
          "POST /v1/sys/init",
          "POST /v1/sys/unseal",
          "GET /v1/openapi.json",
          "POST /v1/cluster/join",
          "POST /v1/cluster/members/{name}/activate");

  /** Public routes that authenticate the caller by its TLS client certificate instead. */
  private static final Set<String> CLIENT_CERTIFICATE_ROUTES =
      Set.of("POST /v1/cluster/join", "POST /v1/cluster/members/{name}/activate");

  private JsonNode doc;

  @BeforeAll
  void loadDocument() throws Exception {
    Response r = node.call("GET", "/v1/openapi.json", null, null);
    doc = assertOk(r);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
  }

  private List<String> registeredRoutes() {
    return node.node().restServer().routeSummaries();
  }

  /** "METHOD path" of every operation in the document. */
  private Set<String> documentedOperations() {
    Set<String> out = new TreeSet<>();
    doc.get("paths")
        .fields()
        .forEachRemaining(
            p ->
                p.getValue()
                    .fieldNames()
                    .forEachRemaining(m -> out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));
    return out;
  }

  private JsonNode operation(String method, String path) {
    JsonNode p = doc.get("paths").get(path);
    return p == null ? null : p.get(method.toLowerCase(Locale.ROOT));
  }

  @Test
  void isAnOpenApi3DocumentServedWithoutAToken() {
    assertThat(doc.get("openapi").asText()).startsWith("3.");
    assertThat(doc.get("info").get("title").asText()).isEqualTo("Clavis");
    assertThat(doc.get("info").get("version").asText()).isNotBlank();
    assertThat(doc.get("paths").size()).isPositive();
  }

  @Test
  void documentsExactlyTheRegisteredRoutes() {
    List<String> routes = registeredRoutes();
    assertThat(routes).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    assertThat(documentedOperations())
        .as("documented operations vs routes the server registers")
        .containsExactlyInAnyOrderElementsOf(routes);
  }

  @Test
  void securityMatchesWhatTheServerEnforces() throws Exception {
    assertThat(
            doc.get("components").get("securitySchemes").get("bearerAuth").get("scheme").asText())
        .isEqualTo("bearer");
    assertThat(doc.get("security").get(0).has("bearerAuth")).isTrue();
    for (String route : registeredRoutes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1);
      JsonNode op = operation(method, path);
      assertThat(op).as(route).isNotNull();
      boolean documentedPublic = op.has("security") && op.get("security").isEmpty();
      assertThat(documentedPublic)
          .as("%s documented as public", route)
          .isEqualTo(PUBLIC_ROUTES.contains(route));
      // And what the server does without a token:
      Response r = node.call(method, expand(path, "x"), null, null);
      if (documentedPublic) {
        assertThat(r.status()).as("%s without a token: %s", route, r).isNotEqualTo(401);
        if (r.status() >= 400 && !route.equals("GET /v1/sys/health")) {
          assertError(r, r.status(), r.code());
        }
        if (!CLIENT_CERTIFICATE_ROUTES.contains(route)) {
          // Only a missing client certificate may answer 401 on a public route (join).
          assertThat(op.get("responses").has("401")).as(route).isFalse();
        }
      } else {
        assertError(r, 401, "UNAUTHENTICATED");
        assertThat(op.get("responses").has("401")).as(route).isTrue();
        assertThat(op.get("responses").has("503")).as(route).isTrue();
      }
    }
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(resolve(ref)).as(ref).isNotNull();
    }
  }

  @Test
  void documentedErrorCodesExistWithTheirStatus() {
    List<String> allCodes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
    List<String> errorSchemaCodes = new ArrayList<>();
    doc.at("/components/schemas/Error/properties/code/enum")
        .forEach(c -> errorSchemaCodes.add(c.asText()));
    assertThat(errorSchemaCodes).containsExactlyInAnyOrderElementsOf(allCodes);

    int checked = 0;
    for (String opName : documentedOperations()) {
      String method = opName.substring(0, opName.indexOf(' '));
      JsonNode responses =
          operation(method, opName.substring(opName.indexOf(' ') + 1)).get("responses");
      Iterator<Map.Entry<String, JsonNode>> it = responses.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        int status = Integer.parseInt(e.getKey());
        if (status < 400 || opName.equals("GET /v1/sys/health")) {
          continue;
        }
        List<String> codes = documentedCodes(e.getValue());
        assertThat(codes).as("%s %d lists its codes", opName, status).isNotEmpty();
        for (String code : codes) {
          assertThat(ErrorCode.valueOf(code).httpStatus())
              .as("%s %d %s", opName, status, code)
              .isEqualTo(status);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  private List<String> documentedCodes(JsonNode response) {
    JsonNode r = deref(response);
    JsonNode schema = r.at("/content/application~1json/schema");
    List<String> out = new ArrayList<>();
    for (JsonNode part : schema.path("allOf")) {
      part.at("/properties/code/enum").forEach(c -> out.add(c.asText()));
    }
    return out;
  }

  // ---- every operation, checked against the document -----------------------------------------

  private final Set<String> exercised = new TreeSet<>();

  /** The cluster CA fingerprint, which certificate-authenticated calls pin. */
  private String caFingerprint;

  /** The path with its parameter ({id} or {name}) filled in. */
  private static String expand(String template, String param) {
    String p = param == null ? "" : param;
    return template.replace("{id}", p).replace("{name}", p);
  }

  /** Calls the route and checks status, content and body against the operation's document. */
  private Response call(String method, String template, String id, String query, String body)
      throws Exception {
    String path = expand(template, id) + (query == null ? "" : "?" + query);
    return check(method, template, node.call(method, path, body));
  }

  /**
   * As {@link #call}, without a token but presenting a TLS client certificate (joining and
   * activation), and trusting the node only by the pinned cluster CA fingerprint, as nodes do.
   */
  private Response callWithCertificate(
      String method, String template, String name, String body, NodeTls identity) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(node.node().apiUri().resolve(expand(template, name)))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    try (HttpClient http =
        HttpClient.newBuilder()
            .sslContext(
                PinnedCaTrustManager.clientContext(
                    caFingerprint, identity.serverKey(), identity.serverChain().get(0)))
            .version(HttpClient.Version.HTTP_1_1)
            .build()) {
      HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      JsonNode json = res.body().length == 0 ? null : new ObjectMapper().readTree(res.body());
      return check(
          method, template, new Response(res.statusCode(), json, res.headers(), res.body()));
    }
  }

  private Response check(String method, String template, Response r) {
    String op = method + " " + template;
    exercised.add(op);
    JsonNode operation = operation(method, template);
    assertThat(operation).as("%s is documented", op).isNotNull();
    JsonNode response = operation.get("responses").get(String.valueOf(r.status()));
    assertThat(response).as("%s documents status %d (%s)", op, r.status(), r).isNotNull();
    response = deref(response);
    JsonNode schema = response.at("/content/application~1json/schema");
    if (schema.isMissingNode()) {
      assertThat(r.rawBody()).as("%s %d has no body", op, r.status()).isEmpty();
    } else {
      assertThat(r.json()).as("%s %d has a JSON body", op, r.status()).isNotNull();
      List<String> problems = new ArrayList<>();
      validate(r.json(), schema, "$", problems);
      assertThat(problems).as("%s %d body %s against the document", op, r.status(), r).isEmpty();
    }
    if (r.status() >= 400 && !template.equals("/v1/sys/health")) {
      assertError(r, r.status(), r.code());
    }
    return r;
  }

  private Response call(String method, String template, String id, String body) throws Exception {
    return call(method, template, id, null, body);
  }

  @Test
  void everyOperationAnswersAsDocumented(@TempDir Path tmp) throws Exception {
    // System.
    call("GET", "/v1/sys/health", null, null);
    call("GET", "/v1/sys/health", null, "writable=true", null);
    call("GET", "/v1/sys/seal-status", null, null);
    call("POST", "/v1/sys/init", null, json("passphrase", "another-passphrase"));
    call("POST", "/v1/sys/init", null, json("type", "shamir", "shares", 1));
    call("POST", "/v1/sys/unseal", null, json("passphrase", PASSPHRASE));
    call("POST", "/v1/sys/unseal", null, "{}");
    call("POST", "/v1/sys/unseal", null, "[");
    call("POST", "/v1/tokens", null, json("ttl", "1h", "description", "doc"));
    call("POST", "/v1/tokens", null, json("ttl", "forever"));
    call("POST", "/v1/random", null, json("bytes", 8));
    call("POST", "/v1/random", null, json("bytes", 0));
    call("GET", "/v1/openapi.json", null, null);

    // Compartments and vaults.
    String compartment =
        call("POST", "/v1/compartments", null, json("name", "doc-compartment")).text("id");
    call("POST", "/v1/compartments", null, json("name", "doc-child", "parentId", compartment));
    call("POST", "/v1/compartments", null, json("name", "doc-compartment"));
    call("POST", "/v1/compartments", null, json("name", "x", "parentId", "nope"));
    call("POST", "/v1/compartments", null, json("name", "bad name"));
    call("GET", "/v1/compartments", null, null);
    String vault =
        call("POST", "/v1/vaults", null, json("name", "doc-vault", "compartmentId", compartment))
            .text("id");
    call("POST", "/v1/vaults", null, json("name", "doc-vault-2"));
    call("POST", "/v1/vaults", null, json("name", "doc-vault", "compartmentId", compartment));
    call("POST", "/v1/vaults", null, json("name", "x", "compartmentId", "nope"));
    call("POST", "/v1/vaults", null, "{}");
    Response page = call("GET", "/v1/vaults", null, "limit=1", null);
    assertThat(page.json().has("nextPage")).isTrue();
    call("GET", "/v1/vaults", null, "limit=1&page=" + page.text("nextPage"), null);
    call("GET", "/v1/vaults", null, "limit=0", null);
    call("GET", "/v1/vaults/{id}", vault, null);
    call("GET", "/v1/vaults/{id}", "vault_nope", null);

    // Keys.
    String aes =
        call(
                "POST",
                "/v1/keys",
                null,
                json(
                    "vaultId",
                    vault,
                    "name",
                    "aes",
                    "algorithm",
                    "AES_256",
                    "description",
                    "d",
                    "tags",
                    Map.of("a", "b"),
                    "rotationPeriodDays",
                    10))
            .text("id");
    String rsa =
        call(
                "POST",
                "/v1/keys",
                null,
                json("vaultId", vault, "name", "rsa", "algorithm", "RSA_2048"))
            .text("id");
    String ec =
        call("POST", "/v1/keys", null, json("vaultId", vault, "name", "ec", "algorithm", "EC_P256"))
            .text("id");
    String hmac =
        call(
                "POST",
                "/v1/keys",
                null,
                json("vaultId", vault, "name", "hmac", "algorithm", "HMAC_SHA256"))
            .text("id");
    call("POST", "/v1/keys", null, json("vaultId", vault, "name", "aes", "algorithm", "AES_256"));
    call("POST", "/v1/keys", null, json("vaultId", vault, "name", "x", "algorithm", "DES"));
    call(
        "POST",
        "/v1/keys",
        null,
        json("vaultId", "vault_nope", "name", "x", "algorithm", "AES_256"));
    call("POST", "/v1/keys", null, json("vaultId", vault));
    Response keys = call("GET", "/v1/keys", null, "vaultId=" + vault + "&limit=2", null);
    call("GET", "/v1/keys", null, "vaultId=" + vault + "&page=" + keys.text("nextPage"), null);
    call("GET", "/v1/keys", null, null);
    call("GET", "/v1/keys", null, "vaultId=vault_nope", null);
    call("GET", "/v1/keys", null, "limit=5000", null);
    call("GET", "/v1/keys/{id}", aes, null);
    call("GET", "/v1/keys/{id}", "key_nope", null);
    call("PATCH", "/v1/keys/{id}", aes, json("description", "changed", "rotationPeriodDays", 0));
    call("PATCH", "/v1/keys/{id}", aes, json("rotationPeriodDays", -1));
    call("PATCH", "/v1/keys/{id}", "key_nope", "{}");
    call("POST", "/v1/keys/{id}/rotate", aes, null);
    call("POST", "/v1/keys/{id}/rotate", "key_nope", null);

    // Cryptography.
    String ciphertext =
        call(
                "POST",
                "/v1/keys/{id}/encrypt",
                aes,
                json("plaintext", base64("doc"), "aad", base64("a")))
            .text("ciphertext");
    call("POST", "/v1/keys/{id}/encrypt", rsa, json("plaintext", base64("doc")));
    call("POST", "/v1/keys/{id}/encrypt", aes, json("plaintext", "%%"));
    call("POST", "/v1/keys/{id}/encrypt", ec, json("plaintext", base64("doc")));
    call("POST", "/v1/keys/{id}/encrypt", "key_nope", json("plaintext", base64("doc")));
    call(
        "POST", "/v1/keys/{id}/encrypt", aes, json("plaintext", base64(new byte[1024 * 1024 + 1])));
    call("POST", "/v1/decrypt", null, json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/decrypt", null, json("ciphertext", ciphertext));
    call("POST", "/v1/decrypt", null, json("ciphertext", "%%"));
    call("POST", "/v1/decrypt", null, "{}");
    call("POST", "/v1/keys/{id}/decrypt", aes, json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/keys/{id}/decrypt", rsa, json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/keys/{id}/decrypt", "key_nope", json("ciphertext", ciphertext));
    call("POST", "/v1/keys/{id}/generate-data-key", aes, null);
    call(
        "POST",
        "/v1/keys/{id}/generate-data-key",
        aes,
        json("algorithm", "AES_128", "includePlaintext", false));
    call("POST", "/v1/keys/{id}/generate-data-key", aes, json("algorithm", "AES_192"));
    call("POST", "/v1/keys/{id}/generate-data-key", hmac, null);
    call(
        "POST",
        "/v1/keys/{id}/re-encrypt",
        aes,
        json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/keys/{id}/re-encrypt", aes, json("ciphertext", ciphertext));
    call(
        "POST", "/v1/keys/{id}/re-encrypt", ec, json("ciphertext", ciphertext, "aad", base64("a")));
    String signature =
        call(
                "POST",
                "/v1/keys/{id}/sign",
                ec,
                json("message", base64("m"), "algorithm", "ECDSA_SHA256"))
            .text("signature");
    call(
        "POST",
        "/v1/keys/{id}/sign",
        rsa,
        json("digest", base64(new byte[32]), "algorithm", "RSA_PSS_SHA256"));
    call("POST", "/v1/keys/{id}/sign", ec, json("message", base64("m"), "algorithm", "NOPE"));
    call(
        "POST",
        "/v1/keys/{id}/sign",
        aes,
        json("message", base64("m"), "algorithm", "ECDSA_SHA256"));
    call(
        "POST",
        "/v1/keys/{id}/verify",
        ec,
        json("message", base64("m"), "signature", signature, "algorithm", "ECDSA_SHA256"));
    call(
        "POST",
        "/v1/keys/{id}/verify",
        ec,
        json(
            "message",
            base64("m"),
            "signature",
            signature,
            "algorithm",
            "ECDSA_SHA256",
            "keyVersion",
            9));
    String mac = call("POST", "/v1/keys/{id}/mac", hmac, json("message", base64("m"))).text("mac");
    call("POST", "/v1/keys/{id}/mac", aes, json("message", base64("m")));
    call("POST", "/v1/keys/{id}/verify-mac", hmac, json("message", base64("m"), "mac", mac));
    call("POST", "/v1/keys/{id}/verify-mac", hmac, json("message", base64("m")));
    call("GET", "/v1/keys/{id}/public-key", rsa, null);
    call("GET", "/v1/keys/{id}/public-key", ec, "version=1", null);
    call("GET", "/v1/keys/{id}/public-key", aes, null);
    call("GET", "/v1/keys/{id}/public-key", ec, "version=2", null);

    // Lifecycle and its conflicts.
    call("POST", "/v1/keys/{id}/disable", hmac, null);
    call("POST", "/v1/keys/{id}/mac", hmac, json("message", base64("m")));
    call("POST", "/v1/keys/{id}/enable", hmac, null);
    call("POST", "/v1/keys/{id}/schedule-deletion", hmac, json("pendingDays", 7));
    call("POST", "/v1/keys/{id}/schedule-deletion", hmac, json("pendingDays", 7));
    call("POST", "/v1/keys/{id}/schedule-deletion", aes, json("pendingDays", 3));
    call("POST", "/v1/keys/{id}/disable", hmac, null);
    call("POST", "/v1/keys/{id}/enable", hmac, null);
    call("POST", "/v1/keys/{id}/rotate", hmac, null);
    call("POST", "/v1/keys/{id}/cancel-deletion", hmac, null);
    call("POST", "/v1/keys/{id}/cancel-deletion", hmac, null);
    call("POST", "/v1/keys/{id}/enable", "key_nope", null);
    call("POST", "/v1/keys/{id}/disable", "key_nope", null);
    call("POST", "/v1/keys/{id}/schedule-deletion", "key_nope", null);
    call("POST", "/v1/keys/{id}/cancel-deletion", "key_nope", null);
    call("POST", "/v1/keys/{id}/disable", aes, null);
    call("POST", "/v1/decrypt", null, json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/keys/{id}/decrypt", aes, json("ciphertext", ciphertext, "aad", base64("a")));
    call("POST", "/v1/keys/{id}/enable", aes, null);

    // Cluster, on a single node: nothing here may change its Raft configuration.
    JsonNode cluster = call("GET", "/v1/cluster", null, null).json();
    String self = cluster.get("leader").asText();
    caFingerprint = cluster.get("caFingerprint").asText();
    NodeTls founder =
        NodeTls.loadOrCreate(node.node().dataDir().resolve("tls"), self, List.of("127.0.0.1"));
    NodeTls joiner =
        NodeTls.loadOrCreate(tmp.resolve("joiner"), "doc-joiner", List.of("127.0.0.1"));
    String joinerFingerprint = Fingerprints.sha256(joiner.serverChain().get(0));
    call("GET", "/v1/cluster/candidates", null, null);
    assertThat(
            call("POST", "/v1/cluster/candidates", null, candidate("doc-joiner", joinerFingerprint))
                .status())
        .isEqualTo(201);
    call("POST", "/v1/cluster/candidates", null, candidate(self, joinerFingerprint));
    call("POST", "/v1/cluster/candidates", null, candidate("doc-bad", "AB:CD"));
    call("POST", "/v1/cluster/candidates", null, "{}");
    call("GET", "/v1/cluster/candidates", null, null);
    assertThat(call("GET", "/v1/cluster", null, null).json().get("nodes"))
        .anySatisfy(n -> assertThat(n.get("role").asText()).isEqualTo("CANDIDATE"));
    assertThat(
            call("POST", "/v1/cluster/members/{name}/role", self, json("role", "VOTER")).status())
        .isEqualTo(200);
    call("POST", "/v1/cluster/members/{name}/role", self, json("role", "LISTENER"));
    call("POST", "/v1/cluster/members/{name}/role", self, json("role", "BOSS"));
    call("POST", "/v1/cluster/members/{name}/role", "nobody", json("role", "VOTER"));
    call("DELETE", "/v1/cluster/members/{name}", "nobody", null);
    call("DELETE", "/v1/cluster/members/{name}", self, null);
    String joinRequest =
        json(
            "name",
            "doc-joiner",
            "version",
            ClavisNode.VERSION,
            "timeMillis",
            System.currentTimeMillis());
    // Without a client certificate (the token does not count).
    call("POST", "/v1/cluster/join", null, "{}");
    call("POST", "/v1/cluster/join", null, joinRequest);
    call("POST", "/v1/cluster/members/{name}/activate", "doc-joiner", null);
    // With the candidate's certificate: admitted (nothing is written), or refused.
    assertThat(callWithCertificate("POST", "/v1/cluster/join", null, joinRequest, joiner).status())
        .isEqualTo(200);
    callWithCertificate(
        "POST",
        "/v1/cluster/join",
        null,
        json("name", "doc-joiner", "version", "99.0.0", "timeMillis", System.currentTimeMillis()),
        joiner);
    callWithCertificate(
        "POST",
        "/v1/cluster/join",
        null,
        json("name", "doc-joiner", "version", ClavisNode.VERSION),
        joiner);
    callWithCertificate(
        "POST", "/v1/cluster/join", null, joinRequest.replace("doc-joiner", "doc-other"), joiner);
    callWithCertificate("POST", "/v1/cluster/members/{name}/activate", "doc-joiner", null, joiner);
    // With this node's own certificate, issued by the cluster CA: it is already a member.
    assertThat(
            callWithCertificate("POST", "/v1/cluster/members/{name}/activate", self, null, founder)
                .status())
        .isEqualTo(200);
    callWithCertificate("POST", "/v1/cluster/members/{name}/activate", "doc-joiner", null, founder);

    // Sealed: every authenticated operation answers 503 as documented.
    call("POST", "/v1/sys/seal", null, null);
    call("GET", "/v1/cluster", null, null);
    call("POST", "/v1/cluster/join", null, joinRequest);
    call("GET", "/v1/keys/{id}", aes, null);
    call(
        "POST", "/v1/keys", null, json("vaultId", vault, "name", "sealed", "algorithm", "AES_256"));
    call("POST", "/v1/decrypt", null, json("ciphertext", ciphertext));
    call("POST", "/v1/sys/seal", null, null);
    call("GET", "/v1/sys/health", null, null);
    call("POST", "/v1/sys/unseal", null, json("passphrase", "wrong-passphrase"));
    call("POST", "/v1/sys/unseal", null, json("passphrase", PASSPHRASE));

    // Unauthenticated, once per operation: the document lists 401 for each (see the test above).
    assertThat(exercised)
        .as("every documented operation was exercised")
        .containsExactlyInAnyOrderElementsOf(documentedOperations());
  }

  private static String candidate(String name, String fingerprint) {
    return json(
        "name",
        name,
        "apiAddress",
        "https://127.0.0.1:1",
        "clusterAddress",
        "127.0.0.1:1",
        "fingerprint",
        fingerprint);
  }

  // ---- a small JSON Schema checker for the subset the document uses ------------------------

  private JsonNode resolve(String ref) {
    if (!ref.startsWith("#/")) {
      return null;
    }
    JsonNode n = doc.at(ref.substring(1));
    return n.isMissingNode() ? null : n;
  }

  private JsonNode deref(JsonNode n) {
    while (n != null && n.has("$ref")) {
      n = resolve(n.get("$ref").asText());
    }
    return n;
  }

  private static void collectRefs(JsonNode n, List<String> out) {
    if (n.isObject()) {
      n.fields()
          .forEachRemaining(
              e -> {
                if (e.getKey().equals("$ref")) {
                  out.add(e.getValue().asText());
                } else {
                  collectRefs(e.getValue(), out);
                }
              });
    } else if (n.isArray()) {
      n.forEach(c -> collectRefs(c, out));
    }
  }

  private void validate(JsonNode value, JsonNode schema, String at, List<String> problems) {
    schema = deref(schema);
    if (schema.has("allOf")) {
      for (JsonNode part : schema.get("allOf")) {
        validate(value, part, at, problems);
      }
    }
    if (schema.has("oneOf")) {
      int matches = 0;
      for (JsonNode alternative : schema.get("oneOf")) {
        List<String> p = new ArrayList<>();
        validate(value, alternative, at, p);
        matches += p.isEmpty() ? 1 : 0;
      }
      if (matches != 1) {
        problems.add(at + ": matches " + matches + " of oneOf");
      }
    }
    if (schema.has("type") && !hasType(value, schema.get("type").asText())) {
      problems.add(at + ": " + value + " is not of type " + schema.get("type").asText());
      return;
    }
    if (schema.has("enum")) {
      boolean found = false;
      for (JsonNode e : schema.get("enum")) {
        found |= e.equals(value);
      }
      if (!found) {
        problems.add(at + ": " + value + " is not one of " + schema.get("enum"));
      }
    }
    if (value.isTextual()) {
      String s = value.asText();
      String format = schema.path("format").asText("");
      if (format.equals("date-time")) {
        try {
          Instant.parse(s);
        } catch (RuntimeException e) {
          problems.add(at + ": " + s + " is not a date-time");
        }
      } else if (format.equals("byte")) {
        try {
          Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
          problems.add(at + ": not base64");
        }
      }
      if (schema.has("pattern")
          && !Pattern.compile(schema.get("pattern").asText()).matcher(s).find()) {
        problems.add(at + ": " + s + " does not match " + schema.get("pattern"));
      }
    }
    if (value.isNumber()) {
      if (schema.has("minimum") && value.asLong() < schema.get("minimum").asLong()) {
        problems.add(at + ": " + value + " is below the minimum");
      }
      if (schema.has("maximum") && value.asLong() > schema.get("maximum").asLong()) {
        problems.add(at + ": " + value + " is above the maximum");
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        validate(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
      }
    }
    if (value.isObject()) {
      for (JsonNode req : schema.path("required")) {
        if (!value.has(req.asText())) {
          problems.add(at + ": required " + req.asText() + " is missing");
        }
      }
      JsonNode props = schema.path("properties");
      Set<String> names = new LinkedHashSet<>();
      value.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (props.has(name)) {
          validate(value.get(name), props.get(name), at + "." + name, problems);
        } else if (schema.has("additionalProperties")) {
          JsonNode additional = schema.get("additionalProperties");
          if (additional.isBoolean() && !additional.asBoolean()) {
            problems.add(at + ": undocumented field " + name);
          } else if (additional.isObject()) {
            validate(value.get(name), additional, at + "." + name, problems);
          }
        }
      }
    }
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "object" -> value.isObject();
      case "array" -> value.isArray();
      case "string" -> value.isTextual();
      case "integer" -> value.isIntegralNumber();
      case "number" -> value.isNumber();
      case "boolean" -> value.isBoolean();
      default -> fail("unknown type " + type);
    };
  }
}
