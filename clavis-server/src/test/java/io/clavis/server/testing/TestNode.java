package io.clavis.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.client.Tls;
import io.clavis.core.crypto.Argon2idKdf;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.NodeConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * A real Clavis node in this JVM (real Raft, RocksDB, TLS) on free ports, with an HTTPS client that
 * trusts only the node's own CA.
 */
public final class TestNode implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path data;
  private final NodeConfig config;
  private ClavisNode node;
  private HttpClient http;
  private String token;

  public TestNode(Path data) throws IOException {
    this(data, c -> c);
  }

  public TestNode(Path data, java.util.function.UnaryOperator<NodeConfig> customise)
      throws IOException {
    this.data = data;
    this.config =
        customise.apply(
            NodeConfig.defaults(data)
                .withPorts(0, 0, 0)
                .withKdfParams(Argon2idKdf.Params.forTesting()));
    start();
  }

  /** Starts (or restarts) the node on the same data directory. */
  public void start() throws IOException {
    // After the first start, keep the ports the node saved.
    NodeConfig c =
        node == null && !Files.exists(data.resolve("node.json"))
            ? config
            : config.withPorts(null, null, null);
    node = ClavisNode.start(c);
    http = httpClient(node.caCertPath());
  }

  public void stop() {
    if (node != null) {
      node.close();
      node = null;
    }
  }

  public ClavisNode node() {
    return node;
  }

  public Path data() {
    return data;
  }

  /** Initialises with a passphrase and remembers the root token for later calls. */
  public String initialize(String passphrase) throws Exception {
    Response r =
        call(
            "POST",
            "/v1/sys/init",
            "{\"type\":\"passphrase\",\"passphrase\":\"" + passphrase + "\"}",
            null);
    if (r.status() != 200) {
      throw new IllegalStateException("init failed: " + r);
    }
    token = r.json().get("rootToken").asText();
    return token;
  }

  public void useToken(String t) {
    token = t;
  }

  public String token() {
    return token;
  }

  /** An HTTP answer: status, body as JSON (null if empty or not JSON), headers and the raw body. */
  public record Response(
      int status, JsonNode json, java.net.http.HttpHeaders headers, byte[] rawBody) {
    public Response(int status, JsonNode json, java.net.http.HttpHeaders headers) {
      this(status, json, headers, new byte[0]);
    }

    public String code() {
      return json == null || json.get("code") == null ? null : json.get("code").asText();
    }

    /** The text of a top-level field, or null. */
    public String text(String field) {
      return json == null || json.get(field) == null ? null : json.get(field).asText();
    }

    /** The base64 field decoded, or null. */
    public byte[] bytes(String field) {
      String t = text(field);
      return t == null ? null : Base64.getDecoder().decode(t);
    }

    public String requestIdHeader() {
      return headers.firstValue("Clavis-Request-Id").orElse(null);
    }

    @Override
    public String toString() {
      String body = json != null ? json.toString() : new String(rawBody, StandardCharsets.UTF_8);
      if (body.length() > 500) {
        body = body.substring(0, 500) + "...";
      }
      return "Response[" + status + " " + body + "]";
    }
  }

  public Response call(String method, String path, String body) throws Exception {
    return call(method, path, body, token);
  }

  public Response call(String method, String path, String body, String bearer) throws Exception {
    return callWithAuthorization(method, path, body, bearer == null ? null : "Bearer " + bearer);
  }

  /** A call with any Authorization header value (or none when null). */
  public Response callWithAuthorization(
      String method, String path, String body, String authorization) throws Exception {
    HttpRequest.BodyPublisher pub =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return send(method, path, pub, body != null, authorization, Map.of());
  }

  /** A call with the remembered token and extra request headers. */
  public Response callWithHeaders(
      String method, String path, String body, Map<String, String> headers) throws Exception {
    HttpRequest.BodyPublisher pub =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return send(method, path, pub, body != null, token == null ? null : "Bearer " + token, headers);
  }

  /**
   * A call with any body publisher: {@code HttpRequest.BodyPublishers.ofInputStream} sends a
   * chunked body without Content-Length. Uses the remembered token.
   */
  public Response callWithPublisher(String method, String path, HttpRequest.BodyPublisher body)
      throws Exception {
    return send(method, path, body, true, token == null ? null : "Bearer " + token, Map.of());
  }

  private Response send(
      String method,
      String path,
      HttpRequest.BodyPublisher pub,
      boolean jsonContent,
      String authorization,
      Map<String, String> headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(node.apiUri() + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (jsonContent) {
      b.header("Content-Type", "application/json");
    }
    headers.forEach(b::header);
    b.method(method, pub);
    HttpResponse<byte[]> res = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode json = null;
    if (res.body().length > 0) {
      try {
        json = JSON.readTree(res.body());
      } catch (IOException e) {
        json = null; // not JSON: the raw body is still in the response
      }
    }
    return new Response(res.statusCode(), json, res.headers(), res.body());
  }

  // ---- helpers for tests -------------------------------------------------------------------

  /** Initialises with Shamir shares; remembers the root token and returns the shares. */
  public java.util.List<String> initializeShamir(int shares, int threshold) throws Exception {
    Response r =
        call(
            "POST",
            "/v1/sys/init",
            json("type", "shamir", "shares", shares, "threshold", threshold),
            null);
    if (r.status() != 200) {
      throw new IllegalStateException("init failed: " + r);
    }
    token = r.text("rootToken");
    java.util.List<String> out = new java.util.ArrayList<>();
    r.json().get("shares").forEach(n -> out.add(n.asText()));
    return out;
  }

  /** Unseals with a passphrase; fails unless the node ends up unsealed. */
  public void unseal(String passphrase) throws Exception {
    Response r = call("POST", "/v1/sys/unseal", json("passphrase", passphrase), null);
    if (r.status() != 200 || r.json().get("sealed").asBoolean()) {
      throw new IllegalStateException("unseal failed: " + r);
    }
  }

  /** Creates a vault in the tenancy and returns its id. */
  public String createVault(String name) throws Exception {
    return created(call("POST", "/v1/vaults", json("name", name))).text("id");
  }

  /** Creates a key and returns its id. */
  public String createKey(String vaultId, String name, String algorithm) throws Exception {
    return createKeyResponse(vaultId, name, algorithm).text("id");
  }

  /** Creates a key and returns the whole answer (201 checked). */
  public Response createKeyResponse(String vaultId, String name, String algorithm)
      throws Exception {
    return created(
        call("POST", "/v1/keys", json("vaultId", vaultId, "name", name, "algorithm", algorithm)));
  }

  private static Response created(Response r) {
    if (r.status() != 201) {
      throw new IllegalStateException("expected 201, got " + r);
    }
    return r;
  }

  /** A JSON object from alternating names and values (strings, numbers, booleans, maps, lists). */
  public static String json(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must pair up");
    }
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  public static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  public static String base64(String utf8) {
    return base64(utf8.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] unbase64(String b64) {
    return Base64.getDecoder().decode(b64);
  }

  public static HttpClient httpClient(Path caPem) {
    return HttpClient.newBuilder()
        .sslContext(Tls.trustingOnly(caPem))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void close() {
    stop();
  }
}
