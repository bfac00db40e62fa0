package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.testing.TestNode.Response;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.Pem;
import io.clavis.server.tls.PinnedCaTrustManager;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
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
          "POST /v1/cluster/members/{name}/activate",
          "POST /v1/auth/login");

  /** Public routes that authenticate the caller by its TLS client certificate instead. */
  private static final Set<String> CLIENT_CERTIFICATE_ROUTES =
      Set.of("POST /v1/cluster/join", "POST /v1/cluster/members/{name}/activate");

  /** Public routes that check credentials in the body: wrong ones answer 401. */
  private static final Set<String> CREDENTIAL_ROUTES = Set.of("POST /v1/auth/login");

  /**
   * Node-to-node routes: no token, but the calling node's cluster certificate (security scheme
   * nodeCertificate). They are neither sealed-checked nor audited.
   */
  private static final Set<String> NODE_CERTIFICATE_ROUTES =
      Set.of("GET /v1/internal/audit-events");

  /** Routes that leave no audit record (probes and the node-to-node audit query). */
  private static final Set<String> UNAUDITED_ROUTES =
      Set.of(
          "GET /v1/sys/health",
          "GET /v1/sys/seal-status",
          "GET /v1/sys/heartbeat",
          "GET /v1/openapi.json",
          "GET /v1/internal/audit-events");

  /** What x-clavis-permission may say: a policy permission, or how else the caller is let in. */
  private static final Pattern PERMISSION =
      Pattern.compile(
          "(public|authenticated|candidate certificate|node certificate|(filtered: )?"
              + "(inspect|read|use|manage) (vaults|keys|audit-events|policies|users|groups"
              + "|services|compartments|cluster))");

  private static final String USER_PASSWORD = "doc-user-password-1";

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
    JsonNode schemes = doc.get("components").get("securitySchemes");
    assertThat(schemes.get("bearerAuth").get("scheme").asText()).isEqualTo("bearer");
    assertThat(doc.get("security").get(0).has("bearerAuth")).isTrue();
    // Without an Authorization header, a service may present its registered client certificate;
    // between nodes, a node presents its cluster certificate.
    assertThat(schemes.get("serviceCertificate").get("type").asText()).isEqualTo("mutualTLS");
    assertThat(schemes.get("nodeCertificate").get("type").asText()).isEqualTo("mutualTLS");
    assertThat(doc.get("security").toString())
        .isEqualTo("[{\"bearerAuth\":[]},{\"serviceCertificate\":[]}]");
    for (String route : registeredRoutes()) {
      String method = route.substring(0, route.indexOf(' '));
      String path = route.substring(route.indexOf(' ') + 1);
      JsonNode op = operation(method, path);
      assertThat(op).as(route).isNotNull();
      boolean documentedPublic = op.has("security") && op.get("security").isEmpty();
      assertThat(documentedPublic)
          .as("%s documented as public", route)
          .isEqualTo(PUBLIC_ROUTES.contains(route));
      boolean nodeCertificate = op.has("security") && !op.get("security").isEmpty();
      assertThat(nodeCertificate)
          .as("%s documents its own security", route)
          .isEqualTo(NODE_CERTIFICATE_ROUTES.contains(route));
      if (nodeCertificate) {
        assertThat(op.get("security").toString()).isEqualTo("[{\"nodeCertificate\":[]}]");
      }
      // And what the server does without a token:
      Response r = node.call(method, expand(path, "x"), null, null);
      if (documentedPublic) {
        assertThat(r.status()).as("%s without a token: %s", route, r).isNotEqualTo(401);
        if (r.status() >= 400 && !route.equals("GET /v1/sys/health")) {
          assertError(r, r.status(), r.code());
        }
        if (!CLIENT_CERTIFICATE_ROUTES.contains(route) && !CREDENTIAL_ROUTES.contains(route)) {
          // Only a missing client certificate (join) or wrong credentials (login) may answer 401
          // on a public route.
          assertThat(op.get("responses").has("401")).as(route).isFalse();
        }
      } else {
        assertError(r, 401, "UNAUTHENTICATED");
        assertThat(op.get("responses").has("401")).as(route).isTrue();
        // Token routes check the seal first and are audited, so they can answer 503; the
        // node-to-node routes are neither.
        assertThat(op.get("responses").has("503")).as(route).isEqualTo(!nodeCertificate);
      }
    }
  }

  @Test
  void everyOperationNamesItsAuditOperationAndPermission() {
    Map<String, String> operations = new HashMap<>();
    for (String route : documentedOperations()) {
      JsonNode op =
          operation(
              route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1));
      String operation = op.path("x-clavis-operation").asText("");
      String permission = op.path("x-clavis-permission").asText("");
      assertThat(operation).as("%s x-clavis-operation", route).matches("[a-z]+\\.[a-z-]+");
      assertThat(permission).as("%s x-clavis-permission", route).matches(PERMISSION);
      String other = operations.put(operation, route);
      if (other != null) {
        // One audit name per operation; only the ways to decrypt share theirs, and each batch
        // route shares the name of the operation it repeats.
        assertThat(operation).as("%s and %s", route, other).isIn("key.decrypt", "key.encrypt");
        if (operation.equals("key.encrypt")) {
          assertThat(Set.of(route, other))
              .containsExactlyInAnyOrder(
                  "POST /v1/keys/{id}/encrypt", "POST /v1/keys/{id}/encrypt-batch");
        }
      }
      boolean byPolicy = permission.matches("(inspect|read|use|manage) .*");
      boolean certificate = permission.endsWith(" certificate");
      assertThat(permission.equals("public") || certificate)
          .as("%s is public exactly when it needs no token", route)
          .isEqualTo(PUBLIC_ROUTES.contains(route) || NODE_CERTIFICATE_ROUTES.contains(route));
      assertThat(certificate)
          .as("%s is authenticated by a certificate", route)
          .isEqualTo(
              CLIENT_CERTIFICATE_ROUTES.contains(route) || NODE_CERTIFICATE_ROUTES.contains(route));
      JsonNode responses = op.get("responses");
      if (byPolicy) {
        assertThat(responses.path("403").path("$ref").asText())
            .as("%s documents the policy refusal", route)
            .isEqualTo("#/components/responses/Forbidden");
      } else if (permission.startsWith("filtered: ") || permission.equals("public")) {
        // Listings filter instead of refusing; public operations have no policy to refuse.
        assertThat(responses.has("403")).as("%s answers no 403", route).isFalse();
      }
    }
  }

  /**
   * Every operation's permission as the server states it: {@code POST /v1/policies/explain} looks
   * the operation up by its audit name and tells the permission its guard needs.
   */
  @Test
  void permissionsAreWhatTheServerExplains() throws Exception {
    node.call("POST", "/v1/users", json("name", "explain-user"));
    String compartment =
        node.call("POST", "/v1/compartments", json("name", "explain-compartment")).text("id");
    String vault =
        node.call("POST", "/v1/vaults", json("name", "explain-vault", "compartmentId", compartment))
            .text("id");
    String key = node.createKey(vault, "explain-key", "AES_256");
    List<String> resources = Arrays.asList(null, key, vault, compartment, "built-in");
    for (String route : documentedOperations()) {
      JsonNode op =
          operation(
              route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1));
      String operation = op.get("x-clavis-operation").asText();
      String permission = op.get("x-clavis-permission").asText();
      JsonNode explained = null;
      for (String resource : resources) {
        String body =
            resource == null
                ? json("principal", "explain-user", "operation", operation)
                : json("principal", "explain-user", "operation", operation, "resource", resource);
        Response r = call("POST", "/v1/policies/explain", null, body);
        if (r.status() == 200) {
          explained = r.json();
          break;
        }
      }
      assertThat(explained).as("%s (%s) explained", route, operation).isNotNull();
      switch (permission) {
        case "public", "candidate certificate", "node certificate" ->
            assertThat(explained.get("reason").asText())
                .as(route)
                .isEqualTo("the operation needs no authentication");
        case "authenticated" ->
            assertThat(explained.get("reason").asText())
                .as(route)
                .startsWith("any authenticated principal may call it");
        default ->
            assertThat(explained.path("permission").asText())
                .as("%s (%s) permission", route, operation)
                .isEqualTo(permission.replace("filtered: ", ""));
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

  /** Every checked answer's request id, with the "METHOD path" that answered it. */
  private final Map<String, String> answered = new LinkedHashMap<>();

  /** The cluster CA fingerprint, which certificate-authenticated calls pin. */
  private String caFingerprint;

  /** The path with its parameters ({id}, {name}, {member}) all filled in with one value. */
  private static String expand(String template, String param) {
    String p = param == null ? "" : param;
    return template.replaceAll("\\{[^}]+}", Matcher.quoteReplacement(p));
  }

  /** Calls the route and checks status, content and body against the operation's document. */
  private Response call(String method, String template, String id, String query, String body)
      throws Exception {
    String path = expand(template, id) + (query == null ? "" : "?" + query);
    return check(method, template, node.call(method, path, body));
  }

  /** As {@link #call}, with another principal's token. */
  private Response callAs(
      String token, String method, String template, String id, String query, String body)
      throws Exception {
    String path = expand(template, id) + (query == null ? "" : "?" + query);
    return check(method, template, node.call(method, path, body, token));
  }

  /** As {@link #call}, on a path whose parameters are already filled in. */
  private Response callPath(String method, String template, String path, String body)
      throws Exception {
    return check(method, template, node.call(method, path, body));
  }

  private Response callWithCertificate(
      String method, String template, String name, String body, NodeTls identity) throws Exception {
    return callWithCertificate(method, template, name, null, body, identity);
  }

  /**
   * As {@link #call}, without a token but presenting a TLS client certificate (joining, activation,
   * node-to-node calls, services), and trusting the node only by the pinned cluster CA fingerprint,
   * as nodes do.
   */
  private Response callWithCertificate(
      String method, String template, String name, String query, String body, NodeTls identity)
      throws Exception {
    String path = expand(template, name) + (query == null ? "" : "?" + query);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(node.node().apiUri().resolve(path))
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
      boolean isJson =
          res.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
      JsonNode json =
          res.body().length == 0 || !isJson ? null : new ObjectMapper().readTree(res.body());
      return check(
          method, template, new Response(res.statusCode(), json, res.headers(), res.body()));
    }
  }

  private Response check(String method, String template, Response r) {
    String op = method + " " + template;
    exercised.add(op);
    r.headers().firstValue("Clavis-Request-Id").ifPresent(id -> answered.put(id, op));
    JsonNode operation = operation(method, template);
    assertThat(operation).as("%s is documented", op).isNotNull();
    JsonNode response = operation.get("responses").get(String.valueOf(r.status()));
    assertThat(response).as("%s documents status %d (%s)", op, r.status(), r).isNotNull();
    response = deref(response);
    JsonNode content = response.path("content");
    if (content.isMissingNode() || content.isEmpty()) {
      assertThat(r.rawBody()).as("%s %d has no body", op, r.status()).isEmpty();
    } else {
      String mediaType =
          r.headers()
              .firstValue("Content-Type")
              .map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT))
              .orElse("");
      assertThat(content.has(mediaType))
          .as("%s %d documents its content type %s (%s)", op, r.status(), mediaType, r)
          .isTrue();
      JsonNode media = content.get(mediaType);
      List<String> problems = new ArrayList<>();
      if (mediaType.equals("application/json")) {
        assertThat(r.json()).as("%s %d has a JSON body", op, r.status()).isNotNull();
        validate(r.json(), media.get("schema"), "$", problems);
      } else {
        // Text (audit exports): the body as a string, and each line against the item schema.
        String text = new String(r.rawBody(), StandardCharsets.UTF_8);
        validate(TextNode.valueOf(text), media.get("schema"), "$", problems);
        if (media.has("x-clavis-item-schema")) {
          int line = 0;
          for (String l : text.lines().toList()) {
            line++;
            try {
              validate(
                  new ObjectMapper().readTree(l),
                  media.get("x-clavis-item-schema"),
                  "line " + line,
                  problems);
            } catch (IOException e) {
              problems.add("line " + line + " is not JSON: " + l);
            }
          }
        }
      }
      assertThat(problems).as("%s %d body %s against the document", op, r.status(), r).isEmpty();
    }
    // Headers of our own beyond the request id and the node name are documented.
    for (String header : r.headers().map().keySet()) {
      String h = header.toLowerCase(Locale.ROOT);
      if (h.startsWith("clavis-") && !h.equals("clavis-request-id") && !h.equals("clavis-node")) {
        boolean documented = false;
        for (Iterator<String> it = response.path("headers").fieldNames(); it.hasNext(); ) {
          documented |= it.next().equalsIgnoreCase(header);
        }
        assertThat(documented).as("%s %d documents header %s", op, r.status(), header).isTrue();
      }
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
    String child =
        call("POST", "/v1/compartments", null, json("name", "doc-child", "parentId", compartment))
            .text("id");
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
    call(
        "POST",
        "/v1/keys/{id}/encrypt-batch",
        aes,
        json("items", List.of(Map.of("plaintext", base64("doc"), "aad", base64("a")))));
    call(
        "POST",
        "/v1/keys/{id}/encrypt-batch",
        aes,
        json("items", List.of(Map.of("plaintext", "%%"))));
    call(
        "POST",
        "/v1/keys/{id}/encrypt-batch",
        ec,
        json("items", List.of(Map.of("plaintext", "AA=="))));
    call(
        "POST",
        "/v1/keys/{id}/encrypt-batch",
        "key_nope",
        json("items", List.of(Map.of("plaintext", "AA=="))));
    call("POST", "/v1/keys/{id}/encrypt-batch", aes, json("items", List.of()));
    call(
        "POST",
        "/v1/keys/{id}/decrypt-batch",
        aes,
        json(
            "items",
            List.of(
                Map.of("ciphertext", ciphertext, "aad", base64("a")),
                Map.of("ciphertext", ciphertext))));
    call("POST", "/v1/keys/{id}/decrypt-batch", aes, json("items", List.of(Map.of("aad", "%%"))));
    call(
        "POST",
        "/v1/keys/{id}/decrypt-batch",
        "key_nope",
        json("items", List.of(Map.of("ciphertext", ciphertext))));
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
    // One voter: it already leads, and there is no other to hand over to.
    assertThat(call("POST", "/v1/cluster/step-down", null, json("to", self)).json().get("leader"))
        .hasToString('"' + self + '"');
    assertThat(call("POST", "/v1/cluster/step-down", null, null).json().get("code").asText())
        .isEqualTo("INVALID_STATE");
    call("POST", "/v1/cluster/step-down", null, json("to", "nobody"));
    // A wrong target is refused even when "from" means nothing would move.
    assertThat(
            call("POST", "/v1/cluster/step-down", null, json("to", "nobody", "from", "gone"))
                .status())
        .isEqualTo(404);
    assertThat(
            call("POST", "/v1/cluster/step-down", null, json("from", "gone")).json().get("leader"))
        .hasToString('"' + self + '"');
    call("POST", "/v1/cluster/step-down", null, json("to", 5));
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

    identitiesPoliciesAndAudit(tmp, compartment, child, aes, rsa, founder, joiner);

    // Sealed: every authenticated operation answers 503 as documented.
    call("POST", "/v1/sys/seal", null, null);
    call("GET", "/v1/cluster", null, null);
    call("POST", "/v1/cluster/join", null, joinRequest);
    call("GET", "/v1/keys/{id}", aes, null);
    call(
        "POST", "/v1/keys", null, json("vaultId", vault, "name", "sealed", "algorithm", "AES_256"));
    call("POST", "/v1/decrypt", null, json("ciphertext", ciphertext));
    call("GET", "/v1/auth/whoami", null, null);
    call("GET", "/v1/audit-events", null, null);
    call("POST", "/v1/auth/login", null, json("name", "doc-user", "password", USER_PASSWORD));
    // Node to node, the trail stays readable while sealed.
    callWithCertificate("GET", "/v1/internal/audit-events", null, "limit=1", null, founder);
    call("POST", "/v1/sys/seal", null, null);
    call("GET", "/v1/sys/health", null, null);
    call("POST", "/v1/sys/unseal", null, json("passphrase", "wrong-passphrase"));
    call("POST", "/v1/sys/unseal", null, json("passphrase", PASSPHRASE));

    String user = call("GET", "/v1/users/{id}", "doc-user", null).text("id");
    assertThat(call("DELETE", "/v1/users/{id}", user, null).status()).isEqualTo(204);
    call("DELETE", "/v1/users/{id}", user, null);

    // Unauthenticated, once per operation: the document lists 401 for each (see the test above).
    assertThat(exercised)
        .as("every documented operation was exercised")
        .containsExactlyInAnyOrderElementsOf(documentedOperations());
    eachAnswerIsAuditedUnderItsDocumentedOperation();
  }

  /** Users, services, groups, tokens, policies, the audit trail and single compartments. */
  private void identitiesPoliciesAndAudit(
      Path tmp,
      String compartment,
      String child,
      String aes,
      String rsa,
      NodeTls founder,
      NodeTls joiner)
      throws Exception {
    // Groups and users.
    call("GET", "/v1/auth/whoami", null, null);
    String group =
        call("POST", "/v1/groups", null, json("name", "doc-group", "description", "doc"))
            .text("id");
    call("POST", "/v1/groups", null, json("name", "doc-group"));
    call("POST", "/v1/groups", null, json("name", "key-admins"));
    call("POST", "/v1/groups", null, json("name", "bad name"));
    call("GET", "/v1/groups", null, null);
    call("GET", "/v1/groups/{id}", group, null);
    call("GET", "/v1/groups/{id}", "audit-managers", null);
    call("GET", "/v1/groups/{id}", "group_nope", null);
    String user =
        call(
                "POST",
                "/v1/users",
                null,
                json("name", "doc-user", "groups", List.of("doc-group"), "password", USER_PASSWORD))
            .text("id");
    String other = call("POST", "/v1/users", null, json("name", "doc-other")).text("id");
    call("POST", "/v1/users", null, json("name", "doc-user"));
    call("POST", "/v1/users", null, json("name", "doc-group"));
    call("POST", "/v1/users", null, json("name", "doc-weak", "password", "short"));
    call("POST", "/v1/users", null, json("name", "doc-lost", "groups", List.of("no-such-group")));
    call("GET", "/v1/users", null, null);
    call("GET", "/v1/users/{id}", user, null);
    call("GET", "/v1/users/{id}", "doc-user", null);
    call("GET", "/v1/users/{id}", "user_nope", null);
    call("POST", "/v1/users/{id}/password", user, json("password", "short"));
    call("POST", "/v1/users/{id}/password", "user_nope", json("password", USER_PASSWORD));
    assertThat(
            call("POST", "/v1/users/{id}/password", user, json("password", USER_PASSWORD)).status())
        .isEqualTo(204);

    // Logging in, and the lockout after five wrong passwords in a row.
    Response login =
        call(
            "POST",
            "/v1/auth/login",
            null,
            json("name", "doc-user", "password", USER_PASSWORD, "ttl", "1h"));
    assertThat(login.status()).isEqualTo(201);
    String session = login.text("token");
    call(
        "POST",
        "/v1/auth/login",
        null,
        json("name", "doc-user", "password", USER_PASSWORD, "ttl", "9h"));
    call("POST", "/v1/auth/login", null, json("name", "doc-user"));
    call("POST", "/v1/auth/login", null, json("name", "nobody", "password", USER_PASSWORD));
    call("POST", "/v1/auth/login", null, json("name", "doc-other", "password", USER_PASSWORD));
    for (int i = 0; i < 5; i++) {
      assertError(
          call("POST", "/v1/auth/login", null, json("name", "doc-user", "password", "wrong-" + i)),
          401,
          "UNAUTHENTICATED");
    }
    assertError(
        call("POST", "/v1/auth/login", null, json("name", "doc-user", "password", USER_PASSWORD)),
        401,
        "ACCOUNT_LOCKED");
    assertThat(call("GET", "/v1/users/{id}", user, null).json().has("lockedUntil")).isTrue();
    assertThat(call("POST", "/v1/users/{id}/unlock", user, null).json().has("lockedUntil"))
        .isFalse();
    call("POST", "/v1/users/{id}/unlock", "user_nope", null);

    // Tokens issued for a user.
    String userToken =
        call("POST", "/v1/users/{id}/tokens", user, json("ttl", "1h", "description", "doc"))
            .text("id");
    call("POST", "/v1/users/{id}/tokens", user, json("ttl", "0s"));
    call("POST", "/v1/users/{id}/tokens", "user_nope", null);
    call("GET", "/v1/users/{id}/tokens", user, null);
    call("GET", "/v1/users/{id}/tokens", "user_nope", null);

    // Services, by token and by their client certificate.
    NodeTls serviceTls =
        NodeTls.loadOrCreate(tmp.resolve("service"), "doc-service", List.of("127.0.0.1"));
    String pem = Pem.certificate(serviceTls.serverChain().get(0));
    String service =
        call(
                "POST",
                "/v1/services",
                null,
                json("name", "doc-service", "groups", List.of(group), "certificatePem", pem))
            .text("id");
    call("POST", "/v1/services", null, json("name", "doc-service-2", "certificatePem", pem));
    call("POST", "/v1/services", null, json("name", "doc-service-3", "certificatePem", "nope"));
    call("GET", "/v1/services", null, null);
    call("GET", "/v1/services/{id}", service, null);
    call("GET", "/v1/services/{id}", "service_nope", null);
    String serviceToken = call("POST", "/v1/services/{id}/tokens", service, null).text("id");
    call("POST", "/v1/services/{id}/tokens", "service_nope", null);
    call("GET", "/v1/services/{id}/tokens", service, null);
    call("GET", "/v1/services/{id}/tokens", "service_nope", null);
    JsonNode asService =
        callWithCertificate("GET", "/v1/auth/whoami", null, null, null, serviceTls).json();
    assertThat(asService.get("name").asText()).isEqualTo("doc-service");
    assertThat(asService.get("authMethod").asText()).isEqualTo("certificate");

    // Group membership.
    call("POST", "/v1/groups/{id}/members", group, json("members", List.of("doc-service", user)));
    call("POST", "/v1/groups/{id}/members", group, json("members", List.of()));
    call("POST", "/v1/groups/{id}/members", group, json("members", List.of("nobody")));
    call("POST", "/v1/groups/{id}/members", "group_nope", json("members", List.of(user)));

    // Policies.
    String useAes =
        "allow group doc-group to use keys in compartment doc-compartment"
            + " where target.key.algorithm = /AES*/";
    String policy =
        call(
                "POST",
                "/v1/policies",
                null,
                json("name", "doc-policy", "description", "doc", "statements", List.of(useAes)))
            .text("id");
    call("POST", "/v1/policies", null, json("name", "doc-policy", "statements", List.of(useAes)));
    call(
        "POST",
        "/v1/policies",
        null,
        json("name", "doc-bad", "statements", List.of("allow group doc-group to juggle keys")));
    call(
        "POST",
        "/v1/policies",
        null,
        json(
            "name", "doc-bad", "statements", List.of("allow group nobody to use keys in tenancy")));
    call(
        "POST",
        "/v1/policies",
        null,
        json(
            "name",
            "doc-bad",
            "compartmentId",
            compartment,
            "statements",
            List.of("allow group doc-group to read keys in tenancy")));
    call(
        "POST",
        "/v1/policies",
        null,
        json("name", "doc-bad", "compartmentId", "nope", "statements", List.of(useAes)));
    call("POST", "/v1/policies", null, json("name", "doc-bad"));
    call("GET", "/v1/policies", null, null);
    call("GET", "/v1/policies/{id}", policy, null);
    call("GET", "/v1/policies/{id}", "built-in", null);
    call("GET", "/v1/policies/{id}", "policy_nope", null);
    String readRsa =
        "allow group doc-group to read keys in compartment doc-compartment"
            + " where target.key.name = 'rsa'";
    call("PUT", "/v1/policies/{id}", policy, json("statements", List.of(useAes, readRsa)));
    call("PUT", "/v1/policies/{id}", policy, json("statements", List.of("allow")));
    call("PUT", "/v1/policies/{id}", "built-in", json("statements", List.of(useAes)));
    call("PUT", "/v1/policies/{id}", "policy_nope", json("statements", List.of(useAes)));
    JsonNode allowed =
        call(
                "POST",
                "/v1/policies/explain",
                null,
                json("principal", "doc-user", "operation", "key.encrypt", "resource", aes))
            .json();
    assertThat(allowed.get("allowed").asBoolean()).isTrue();
    assertThat(allowed.get("statement").get("policyName").asText()).isEqualTo("doc-policy");
    assertThat(
            call(
                    "POST",
                    "/v1/policies/explain",
                    null,
                    json("principal", user, "operation", "key.encrypt", "resource", rsa))
                .json()
                .get("allowed")
                .asBoolean())
        .isFalse();
    call(
        "POST",
        "/v1/policies/explain",
        null,
        json("principal", "doc-service", "operation", "auth.whoami"));
    call("POST", "/v1/policies/explain", null, json("principal", "nobody", "operation", "key.get"));
    call(
        "POST",
        "/v1/policies/explain",
        null,
        json("principal", "doc-user", "operation", "key.juggle"));
    call(
        "POST",
        "/v1/policies/explain",
        null,
        json("principal", "doc-user", "operation", "key.get"));
    call(
        "POST",
        "/v1/policies/explain",
        null,
        json("principal", "doc-user", "operation", "compartment.delete", "resource", "tenancy"));

    // As that user: what its policy grants, 403 for what it does not, and its own tokens.
    assertThat(callAs(session, "GET", "/v1/auth/whoami", null, null, null).json().get("groups"))
        .anySatisfy(g -> assertThat(g.asText()).isEqualTo("doc-group"));
    assertOk(
        callAs(
            session,
            "POST",
            "/v1/keys/{id}/encrypt",
            aes,
            null,
            json("plaintext", base64("as doc-user"))));
    assertOk(callAs(session, "GET", "/v1/keys/{id}", rsa, null, null));
    assertError(
        callAs(session, "POST", "/v1/keys/{id}/encrypt", rsa, null, json("plaintext", "AA==")),
        403,
        "FORBIDDEN");
    assertError(
        callAs(
            session,
            "POST",
            "/v1/users/{id}/password",
            other,
            null,
            json("password", USER_PASSWORD)),
        403,
        "FORBIDDEN");
    assertError(
        callAs(
            session,
            "POST",
            "/v1/users/{id}/password",
            user,
            null,
            json("password", USER_PASSWORD)),
        401,
        "UNAUTHENTICATED");
    assertThat(
            callAs(
                    session,
                    "POST",
                    "/v1/users/{id}/password",
                    user,
                    null,
                    json("password", USER_PASSWORD, "currentPassword", USER_PASSWORD))
                .status())
        .isEqualTo(204);
    assertError(
        callAs(session, "DELETE", "/v1/tokens/{id}", serviceToken, null, null), 403, "FORBIDDEN");
    assertError(callAs(session, "DELETE", "/v1/tokens/{id}", "root", null, null), 404, "NOT_FOUND");
    assertThat(callAs(session, "DELETE", "/v1/tokens/{id}", userToken, null, null).status())
        .isEqualTo(204);
    // Every route once, with no resource it could find: a policy-checked operation never
    // succeeds for this user, and listings show nothing (their conditions test target.*).
    for (String route : registeredRoutes()) {
      String method = route.substring(0, route.indexOf(' '));
      String template = route.substring(route.indexOf(' ') + 1);
      String permission = operation(method, template).get("x-clavis-permission").asText();
      Response r = callAs(session, method, template, "x", null, null);
      if (permission.matches("(inspect|read|use|manage) .*")) {
        assertThat(r.status()).as("%s for doc-user: %s", route, r).isIn(400, 403, 404);
      } else if (permission.startsWith("filtered: ")) {
        assertThat(r.json().get("items")).as("%s for doc-user", route).isEmpty();
      } else if (r.status() == 403) {
        assertThat(CLIENT_CERTIFICATE_ROUTES).as("%s answers 403: %s", route, r).contains(route);
      }
    }

    // Mappings and the heartbeat.
    String nodes =
        "[{\"name\":\"n1\",\"address\":\"https://10.0.0.1:8443\"},"
            + "{\"name\":\"n2\",\"address\":\"https://10.0.0.2:8443\","
            + "\"externalAddress\":\"https://kms.example.com\"}]";
    call("POST", "/v1/mappings", null, "{\"name\":\"doc-map\",\"nodes\":" + nodes + "}");
    call("POST", "/v1/mappings", null, "{\"name\":\"doc-map\",\"nodes\":" + nodes + "}");
    call("POST", "/v1/mappings", null, json("name", "doc-bad", "nodes", List.of()));
    call("GET", "/v1/mappings", null, null);
    call("GET", "/v1/mappings/{name}", "doc-map", null);
    call("PUT", "/v1/mappings/{name}", "doc-map", "{\"nodes\":" + nodes + "}");
    call("PUT", "/v1/mappings/{name}", "doc-map", json("nodes", "none"));
    call("GET", "/v1/sys/heartbeat", null, null);
    call("GET", "/v1/sys/heartbeat", null, "mapping=doc-map", null);
    call("GET", "/v1/sys/heartbeat", null, "mapping=doc-none", null);
    call("DELETE", "/v1/mappings/{name}", "doc-map", null);
    call("GET", "/v1/mappings/{name}", "doc-map", null);
    call("DELETE", "/v1/mappings/{name}", "doc-map", null);

    // The audit trail.
    Response events = call("GET", "/v1/audit-events", null, "limit=5", null);
    assertThat(events.json().get("items")).hasSize(5);
    call("GET", "/v1/audit-events", null, "limit=5&page=" + events.text("nextPage"), null);
    assertThat(
            call(
                    "GET",
                    "/v1/audit-events",
                    null,
                    "principal=doc-user&operation=key.*&result=denied",
                    null)
                .json()
                .get("items"))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.get("code").asText()).isEqualTo("FORBIDDEN"));
    call(
        "GET",
        "/v1/audit-events",
        null,
        "keyId=" + aes + "&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z",
        null);
    Response jsonl = call("GET", "/v1/audit-events", null, "format=jsonl&limit=3", null);
    assertThat(jsonl.headers().firstValue("Clavis-Next-Page")).isPresent();
    assertThat(new String(jsonl.rawBody(), StandardCharsets.UTF_8).lines()).hasSize(3);
    call("GET", "/v1/audit-events", null, "format=syslog&limit=3", null);
    call("GET", "/v1/audit-events", null, "format=xml", null);
    call("GET", "/v1/audit-events", null, "from=yesterday", null);
    call("GET", "/v1/audit-events", null, "page=nonsense", null);
    call("GET", "/v1/audit-events", null, "limit=0", null);
    // Node to node: the token does not count, only a member's certificate.
    call("GET", "/v1/internal/audit-events", null, "afterSeq=0", null);
    assertThat(
            callWithCertificate(
                    "GET", "/v1/internal/audit-events", null, "afterSeq=1&limit=2", null, founder)
                .json()
                .get("records"))
        .hasSize(2);
    callWithCertificate("GET", "/v1/internal/audit-events", null, "afterSeq=x", null, founder);
    callWithCertificate("GET", "/v1/internal/audit-events", null, null, null, joiner);

    // Single compartments.
    call("GET", "/v1/compartments/{id}", compartment, null);
    call("GET", "/v1/compartments/{id}", "tenancy", null);
    call("GET", "/v1/compartments/{id}", "nope", null);
    call("DELETE", "/v1/compartments/{id}", compartment, null);
    call("DELETE", "/v1/compartments/{id}", "tenancy", null);
    call("DELETE", "/v1/compartments/{id}", "nope", null);
    assertThat(call("DELETE", "/v1/compartments/{id}", child, null).status()).isEqualTo(204);

    // Taking it all down again (the user stays, to log in on the sealed node).
    String member = "/v1/groups/{id}/members/{member}";
    assertThat(
            callPath("DELETE", member, "/v1/groups/" + group + "/members/doc-service", null)
                .json()
                .get("members"))
        .noneSatisfy(m -> assertThat(m.asText()).isEqualTo("doc-service"));
    callPath("DELETE", member, "/v1/groups/" + group + "/members/nobody", null);
    callPath("DELETE", member, "/v1/groups/group_nope/members/doc-service", null);
    call("DELETE", "/v1/policies/{id}", policy, null);
    call("DELETE", "/v1/policies/{id}", "built-in", null);
    call("DELETE", "/v1/policies/{id}", policy, null);
    assertThat(call("DELETE", "/v1/tokens/{id}", login.text("id"), null).status()).isEqualTo(204);
    call("DELETE", "/v1/tokens/{id}", login.text("id"), null);
    call("DELETE", "/v1/services/{id}", service, null);
    call("DELETE", "/v1/services/{id}", service, null);
    call("DELETE", "/v1/users/{id}", other, null);
    call("DELETE", "/v1/groups/{id}", group, null);
    call("DELETE", "/v1/groups/{id}", "key-admins", null);
    call("DELETE", "/v1/groups/{id}", group, null);
  }

  /**
   * Each checked answer's request id in the audit trail, under the operation the document names
   * (x-clavis-operation); the unaudited routes leave none.
   */
  private void eachAnswerIsAuditedUnderItsDocumentedOperation() throws Exception {
    Map<String, String> recorded = new HashMap<>();
    String page = null;
    do {
      Response r =
          node.call(
              "GET", "/v1/audit-events?limit=1000" + (page == null ? "" : "&page=" + page), null);
      assertOk(r);
      r.json()
          .get("items")
          .forEach(e -> recorded.put(e.get("requestId").asText(), e.get("operation").asText()));
      page = r.text("nextPage");
    } while (page != null);
    for (Map.Entry<String, String> e : answered.entrySet()) {
      String route = e.getValue();
      JsonNode op =
          operation(
              route.substring(0, route.indexOf(' ')), route.substring(route.indexOf(' ') + 1));
      if (UNAUDITED_ROUTES.contains(route)) {
        assertThat(recorded).as("%s is not audited", route).doesNotContainKey(e.getKey());
      } else {
        assertThat(recorded.get(e.getKey()))
            .as("audit record of %s (request %s)", route, e.getKey())
            .isEqualTo(op.get("x-clavis-operation").asText());
      }
    }
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
    if (schema.has("type") && !hasType(value, schema.get("type"))) {
      problems.add(at + ": " + value + " is not of type " + schema.get("type"));
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

  /** A type name, or (OpenAPI 3.1) an array of them such as ["string", "null"]. */
  private static boolean hasType(JsonNode value, JsonNode type) {
    if (type.isArray()) {
      boolean any = false;
      for (JsonNode t : type) {
        any |= hasType(value, t.asText());
      }
      return any;
    }
    return hasType(value, type.asText());
  }

  private static boolean hasType(JsonNode value, String type) {
    return switch (type) {
      case "null" -> value.isNull();
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
