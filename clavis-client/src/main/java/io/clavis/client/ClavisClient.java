package io.clavis.client;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The Clavis Java SDK: one method per endpoint of the REST API.
 *
 * <p>Create one per application with {@link #builder()} and share it: it is thread-safe and reuses
 * connections (HTTP/2 over TLS, HTTP/1.1 otherwise). Close it when the application stops.
 *
 * <pre>{@code
 * try (ClavisClient clavis = ClavisClient.builder()
 *         .server(URI.create("https://127.0.0.1:8443"))
 *         .caCertificate(Path.of("data/tls/ca.pem"))
 *         .token(System.getenv("CLAVIS_TOKEN"))
 *         .build()) {
 *   EncryptResult e = clavis.encrypt(keyId, "secret".getBytes(UTF_8), null);
 *   byte[] back = clavis.decrypt(e.ciphertext(), null).plaintext();
 * }
 * }</pre>
 *
 * <p><b>Binary values</b> (plaintext, AAD, messages, digests, signatures, MAC tags, random bytes)
 * are {@code byte[]}; the SDK does the base64. <b>Ciphertexts</b> are the exception: they stay
 * {@code String}s in their base64 wire form, which is what applications store and pass back.
 *
 * <p><b>Several servers:</b> each request goes to the server that answered last, then to the others
 * in configured order; a connection failure, a timeout or an HTTP 502, 503 or 504 moves on to the
 * next server (see {@code NodeSelector}). Note that a request that timed out may still have been
 * carried out by that server before the next one is tried.
 *
 * <p><b>Errors</b> are {@link ClavisException}s carrying the API's error code; their messages never
 * contain the token or plaintext.
 */
public final class ClavisClient implements AutoCloseable {
  private static final String VERSION = version();

  private final List<URI> servers;
  private final HttpTransport transport;
  private final ObjectMapper mapper;

  private ClavisClient(Builder b) {
    this.servers = List.copyOf(b.servers);
    this.mapper = ClavisJson.newObjectMapper();
    Base64Variant lenient =
        Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(
            Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    this.mapper.setBase64Variant(lenient);
    SSLContext ssl = b.caCertificate == null ? null : Tls.trustingOnly(b.caCertificate);
    this.transport =
        new HttpTransport(
            new NodeSelector(servers),
            b.token,
            ssl,
            b.connectTimeout,
            b.requestTimeout,
            mapper,
            "clavis-java/" + VERSION);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configured servers, in configured order. */
  public List<URI> servers() {
    return servers;
  }

  // ---------------------------------------------------------------- system

  /**
   * {@code GET /v1/sys/health}. A sealed or uninitialised node answers 503 with its health; that
   * answer is returned (not thrown), so check {@link HealthStatus#sealed()} and {@link
   * HealthStatus#mode()}.
   */
  public HealthStatus health() {
    return health(false);
  }

  /**
   * {@code GET /v1/sys/health?writable=true} when {@code requireWritable}: the node answers 503
   * (returned, not thrown) unless writes can commit.
   */
  public HealthStatus health(boolean requireWritable) {
    Map<String, String> q = requireWritable ? Map.of("writable", "true") : Map.of();
    JsonNode node =
        transport.send(
            HttpTransport.Call.get("/v1/sys/health").query(q).anonymous().accepting(Set.of(503)));
    if (node.has("code") && !node.has("mode")) {
      throw new ClavisException(
          503,
          node.path("code").asText(),
          Errors.oneLine(node.path("message").asText("node unavailable")),
          node.path("requestId").asText(null));
    }
    return as(node, HealthStatus.class);
  }

  /** {@code GET /v1/sys/seal-status}. */
  public SealStatus sealStatus() {
    return as(
        transport.send(HttpTransport.Call.get("/v1/sys/seal-status").anonymous()),
        SealStatus.class);
  }

  /** {@code POST /v1/sys/init}: the root token and Shamir shares are shown only this once. */
  public InitResult init(InitRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = mapper.createObjectNode().put("type", request.type());
    putIfNotNull(body, "passphrase", request.passphrase());
    putIfNotNull(body, "shares", request.shares());
    putIfNotNull(body, "threshold", request.threshold());
    return as(
        transport.send(HttpTransport.Call.post("/v1/sys/init", body).anonymous()),
        InitResult.class);
  }

  /** {@code POST /v1/sys/unseal}: one passphrase, one share, or a reset. */
  public UnsealProgress unseal(UnsealRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = mapper.createObjectNode();
    putIfNotNull(body, "passphrase", request.passphrase());
    putIfNotNull(body, "share", request.share());
    if (request.reset()) {
      body.put("reset", true);
    }
    return as(
        transport.send(HttpTransport.Call.post("/v1/sys/unseal", body).anonymous()),
        UnsealProgress.class);
  }

  /** {@code POST /v1/sys/seal}: the node forgets its root key and cached keys. */
  public void seal() {
    transport.send(HttpTransport.Call.post("/v1/sys/seal", null));
  }

  /**
   * {@code POST /v1/tokens}.
   *
   * @param ttl the lifetime (a whole number of seconds), or null for the server's default
   * @param description free text, or null
   */
  public TokenInfo createToken(Duration ttl, String description) {
    ObjectNode body = mapper.createObjectNode();
    if (ttl != null) {
      body.put("ttl", TtlFormat.format(ttl));
    }
    putIfNotNull(body, "description", description);
    return as(transport.send(HttpTransport.Call.post("/v1/tokens", body)), TokenInfo.class);
  }

  /** {@code POST /v1/random}: {@code bytes} (1..4096) random bytes from the server. */
  public byte[] random(int bytes) {
    ObjectNode body = mapper.createObjectNode().put("bytes", bytes);
    return binary(transport.send(HttpTransport.Call.post("/v1/random", body)), "random");
  }

  // ---------------------------------------------------------------- compartments and vaults

  /** {@code POST /v1/compartments}; {@code parentId} null means the tenancy root. */
  public Compartment createCompartment(String name, String parentId) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putIfNotNull(body, "parentId", parentId);
    return as(transport.send(HttpTransport.Call.post("/v1/compartments", body)), Compartment.class);
  }

  /** {@code GET /v1/compartments}. */
  public List<Compartment> listCompartments() {
    return page(transport.send(HttpTransport.Call.get("/v1/compartments")), Compartment.class)
        .items();
  }

  /** {@code POST /v1/vaults}; {@code compartmentId} null means the tenancy root. */
  public Vault createVault(String name, String compartmentId) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putIfNotNull(body, "compartmentId", compartmentId);
    return as(transport.send(HttpTransport.Call.post("/v1/vaults", body)), Vault.class);
  }

  /** {@code GET /v1/vaults}: the first page. */
  public Page<Vault> listVaults() {
    return listVaults(null, null);
  }

  /**
   * {@code GET /v1/vaults}.
   *
   * @param limit page size, or null for the server's default
   * @param page the {@link Page#nextPage()} token of the previous page, or null for the first
   */
  public Page<Vault> listVaults(Integer limit, String page) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("limit", limit == null ? null : limit.toString());
    q.put("page", page);
    return page(transport.send(HttpTransport.Call.get("/v1/vaults").query(q)), Vault.class);
  }

  /** {@code GET /v1/vaults/{id}}. */
  public Vault getVault(String id) {
    return as(transport.send(HttpTransport.Call.get("/v1/vaults/" + seg(id))), Vault.class);
  }

  // ---------------------------------------------------------------- keys

  /** {@code POST /v1/keys}. */
  public Key createKey(CreateKeyRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("vaultId", request.vaultId())
            .put("name", request.name())
            .put("algorithm", request.algorithm());
    putIfNotNull(body, "description", request.description());
    if (request.tags() != null) {
      body.set("tags", mapper.valueToTree(request.tags()));
    }
    putIfNotNull(body, "rotationPeriodDays", request.rotationPeriodDays());
    return as(transport.send(HttpTransport.Call.post("/v1/keys", body)), Key.class);
  }

  /**
   * {@code GET /v1/keys}.
   *
   * @param vaultId only the keys of this vault, or null for every key the token may see
   * @param limit page size, or null for the server's default
   * @param page the {@link Page#nextPage()} token of the previous page, or null for the first
   */
  public Page<Key> listKeys(String vaultId, Integer limit, String page) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("vaultId", vaultId);
    q.put("limit", limit == null ? null : limit.toString());
    q.put("page", page);
    return page(transport.send(HttpTransport.Call.get("/v1/keys").query(q)), Key.class);
  }

  /** {@code GET /v1/keys/{id}}. */
  public Key getKey(String id) {
    return as(transport.send(HttpTransport.Call.get(keyPath(id, ""))), Key.class);
  }

  /** {@code PATCH /v1/keys/{id}}: only the non-null fields of the request change. */
  public Key updateKey(String id, UpdateKeyRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = mapper.createObjectNode();
    putIfNotNull(body, "description", request.description());
    if (request.tags() != null) {
      body.set("tags", mapper.valueToTree(request.tags()));
    }
    putIfNotNull(body, "rotationPeriodDays", request.rotationPeriodDays());
    HttpTransport.Call call =
        new HttpTransport.Call("PATCH", keyPath(id, ""), Map.of(), body, true, Set.of());
    return as(transport.send(call), Key.class);
  }

  /** {@code POST /v1/keys/{id}/rotate}: the answer has the new {@code currentVersion}. */
  public Key rotateKey(String id) {
    return keyAction(id, "/rotate", null);
  }

  /** {@code POST /v1/keys/{id}/enable}. */
  public Key enableKey(String id) {
    return keyAction(id, "/enable", null);
  }

  /** {@code POST /v1/keys/{id}/disable}. */
  public Key disableKey(String id) {
    return keyAction(id, "/disable", null);
  }

  /**
   * {@code POST /v1/keys/{id}/schedule-deletion}.
   *
   * @param pendingDays 7..30, or null for the server's default (30)
   */
  public Key scheduleKeyDeletion(String id, Integer pendingDays) {
    ObjectNode body = mapper.createObjectNode();
    putIfNotNull(body, "pendingDays", pendingDays);
    return keyAction(id, "/schedule-deletion", body);
  }

  /** {@code POST /v1/keys/{id}/cancel-deletion}: the key is back to {@code ENABLED}. */
  public Key cancelKeyDeletion(String id) {
    return keyAction(id, "/cancel-deletion", null);
  }

  // ---------------------------------------------------------------- cryptography

  /** {@code POST /v1/keys/{id}/encrypt} without AAD. */
  public EncryptResult encrypt(String keyId, byte[] plaintext) {
    return encrypt(keyId, plaintext, null);
  }

  /**
   * {@code POST /v1/keys/{id}/encrypt}.
   *
   * @param aad additional authenticated data, or null; the same AAD is needed to decrypt
   */
  public EncryptResult encrypt(String keyId, byte[] plaintext, byte[] aad) {
    ObjectNode body =
        mapper.createObjectNode().put("plaintext", b64(Objects.requireNonNull(plaintext)));
    putBinary(body, "aad", aad);
    return as(
        transport.send(HttpTransport.Call.post(keyPath(keyId, "/encrypt"), body)),
        EncryptResult.class);
  }

  /**
   * {@code POST /v1/decrypt}: the ciphertext names its key. Any failure (wrong AAD, tampering,
   * unknown key) is the one code {@code DECRYPTION_FAILED}.
   */
  public DecryptResult decrypt(String ciphertext, byte[] aad) {
    return as(
        transport.send(HttpTransport.Call.post("/v1/decrypt", ciphertextBody(ciphertext, aad))),
        DecryptResult.class);
  }

  /**
   * {@code POST /v1/keys/{id}/decrypt}: like {@link #decrypt(String, byte[])}, but only this key.
   */
  public DecryptResult decrypt(String keyId, String ciphertext, byte[] aad) {
    return as(
        transport.send(
            HttpTransport.Call.post(keyPath(keyId, "/decrypt"), ciphertextBody(ciphertext, aad))),
        DecryptResult.class);
  }

  /**
   * {@code POST /v1/keys/{id}/generate-data-key}.
   *
   * @param algorithm {@code AES_256} or {@code AES_128}, or null for the server's default
   * @param includePlaintext false to get only the ciphertext (plaintext null in the result)
   */
  public DataKey generateDataKey(
      String keyId, String algorithm, boolean includePlaintext, byte[] aad) {
    ObjectNode body = mapper.createObjectNode();
    putIfNotNull(body, "algorithm", algorithm);
    body.put("includePlaintext", includePlaintext);
    putBinary(body, "aad", aad);
    return as(
        transport.send(HttpTransport.Call.post(keyPath(keyId, "/generate-data-key"), body)),
        DataKey.class);
  }

  /**
   * {@code POST /v1/keys/{id}/re-encrypt}: decrypts {@code ciphertext} (made by any key) and
   * encrypts it under the current version of {@code keyId}, without the plaintext leaving the
   * server.
   */
  public EncryptResult reEncrypt(String keyId, String ciphertext, byte[] aad) {
    return as(
        transport.send(
            HttpTransport.Call.post(
                keyPath(keyId, "/re-encrypt"), ciphertextBody(ciphertext, aad))),
        EncryptResult.class);
  }

  /** {@code POST /v1/keys/{id}/sign}. */
  public SignResult sign(String keyId, SignRequest request) {
    return as(
        transport.send(HttpTransport.Call.post(keyPath(keyId, "/sign"), signBody(request))),
        SignResult.class);
  }

  /** {@code POST /v1/keys/{id}/verify}, accepting a signature made by any enabled version. */
  public boolean verify(String keyId, SignRequest request, byte[] signature) {
    return verify(keyId, request, signature, null);
  }

  /**
   * {@code POST /v1/keys/{id}/verify}.
   *
   * @param keyVersion the version that must have signed, or null for any enabled version
   * @return whether the signature is valid (an invalid signature is not an exception)
   */
  public boolean verify(String keyId, SignRequest request, byte[] signature, Integer keyVersion) {
    ObjectNode body = signBody(request);
    body.put("signature", b64(Objects.requireNonNull(signature, "signature")));
    putIfNotNull(body, "keyVersion", keyVersion);
    return valid(transport.send(HttpTransport.Call.post(keyPath(keyId, "/verify"), body)));
  }

  /** {@code POST /v1/keys/{id}/mac}. */
  public MacResult mac(String keyId, byte[] message) {
    ObjectNode body =
        mapper.createObjectNode().put("message", b64(Objects.requireNonNull(message, "message")));
    return as(
        transport.send(HttpTransport.Call.post(keyPath(keyId, "/mac"), body)), MacResult.class);
  }

  /** {@code POST /v1/keys/{id}/verify-mac}, accepting a tag made by any enabled version. */
  public boolean verifyMac(String keyId, byte[] message, byte[] mac) {
    return verifyMac(keyId, message, mac, null);
  }

  /**
   * {@code POST /v1/keys/{id}/verify-mac}.
   *
   * @param keyVersion the version that must have made the tag, or null for any enabled version
   */
  public boolean verifyMac(String keyId, byte[] message, byte[] mac, Integer keyVersion) {
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("message", b64(Objects.requireNonNull(message, "message")))
            .put("mac", b64(Objects.requireNonNull(mac, "mac")));
    putIfNotNull(body, "keyVersion", keyVersion);
    return valid(transport.send(HttpTransport.Call.post(keyPath(keyId, "/verify-mac"), body)));
  }

  /**
   * {@code GET /v1/keys/{id}/public-key}.
   *
   * @param version the key version, or null for the current one
   */
  public PublicKeyInfo publicKey(String keyId, Integer version) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("version", version == null ? null : version.toString());
    return as(
        transport.send(HttpTransport.Call.get(keyPath(keyId, "/public-key")).query(q)),
        PublicKeyInfo.class);
  }

  // ---------------------------------------------------------------- cluster

  /** {@code GET /v1/cluster}: the leader, the term, the CA fingerprint and every node. */
  public ClusterStatus clusterStatus() {
    return as(transport.send(HttpTransport.Call.get("/v1/cluster")), ClusterStatus.class);
  }

  /**
   * {@code POST /v1/cluster/candidates}: announces a node that may then join.
   *
   * @param name the node's name, unique in the cluster
   * @param apiAddress where its API will listen, {@code https://host:port}
   * @param clusterAddress where its Raft server will listen, {@code host:port}
   * @param fingerprint the SHA-256 fingerprint of its certificate ({@code clavis cluster
   *     fingerprint} prints it on the candidate)
   */
  public Candidate addCandidate(
      String name, String apiAddress, String clusterAddress, String fingerprint) {
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("name", Objects.requireNonNull(name, "name"))
            .put("apiAddress", Objects.requireNonNull(apiAddress, "apiAddress"))
            .put("clusterAddress", Objects.requireNonNull(clusterAddress, "clusterAddress"))
            .put("fingerprint", Objects.requireNonNull(fingerprint, "fingerprint"));
    return as(
        transport.send(HttpTransport.Call.post("/v1/cluster/candidates", body)), Candidate.class);
  }

  /** {@code GET /v1/cluster/candidates}: the nodes announced that have not joined yet. */
  public List<Candidate> listCandidates() {
    return page(transport.send(HttpTransport.Call.get("/v1/cluster/candidates")), Candidate.class)
        .items();
  }

  /** {@code DELETE /v1/cluster/members/{name}}: takes a node out of the cluster. */
  public void removeNode(String name) {
    transport.send(
        new HttpTransport.Call(
            "DELETE", "/v1/cluster/members/" + seg(name), Map.of(), null, true, Set.of()));
  }

  /**
   * {@code POST /v1/cluster/members/{name}/role}: makes a member a voter or a listener.
   *
   * @param role {@code VOTER} or {@code LISTENER}
   * @return the cluster status after the change
   */
  public ClusterStatus setNodeRole(String name, String role) {
    ObjectNode body = mapper.createObjectNode().put("role", Objects.requireNonNull(role, "role"));
    return as(
        transport.send(HttpTransport.Call.post("/v1/cluster/members/" + seg(name) + "/role", body)),
        ClusterStatus.class);
  }

  /** Closes the connections; the client cannot be used afterwards. */
  @Override
  public void close() {
    transport.close();
  }

  @Override
  public String toString() {
    return "ClavisClient" + servers;
  }

  // ---------------------------------------------------------------- helpers

  private Key keyAction(String id, String action, ObjectNode body) {
    return as(transport.send(HttpTransport.Call.post(keyPath(id, action), body)), Key.class);
  }

  private static String keyPath(String id, String suffix) {
    return "/v1/keys/" + seg(id) + suffix;
  }

  private static String seg(String id) {
    return HttpTransport.segment(Objects.requireNonNull(id, "id"));
  }

  private ObjectNode ciphertextBody(String ciphertext, byte[] aad) {
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("ciphertext", Objects.requireNonNull(ciphertext, "ciphertext").strip());
    putBinary(body, "aad", aad);
    return body;
  }

  private ObjectNode signBody(SignRequest request) {
    Objects.requireNonNull(request, "request");
    ObjectNode body = mapper.createObjectNode();
    putBinary(body, "message", request.message());
    putBinary(body, "digest", request.digest());
    body.put("algorithm", request.algorithm());
    return body;
  }

  private static void putIfNotNull(ObjectNode body, String field, String value) {
    if (value != null) {
      body.put(field, value);
    }
  }

  private static void putIfNotNull(ObjectNode body, String field, Integer value) {
    if (value != null) {
      body.put(field, value.intValue());
    }
  }

  private static void putBinary(ObjectNode body, String field, byte[] value) {
    if (value != null) {
      body.put(field, b64(value));
    }
  }

  private static String b64(byte[] value) {
    return Base64.getEncoder().encodeToString(value);
  }

  private <T> T as(JsonNode node, Class<T> type) {
    try {
      return mapper.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw invalidResponse(type.getSimpleName(), e);
    }
  }

  private <T> Page<T> page(JsonNode node, Class<T> item) {
    JavaType type = mapper.getTypeFactory().constructParametricType(Page.class, item);
    try {
      Page<T> p = mapper.readerFor(type).readValue(node);
      return p == null ? new Page<>(new ArrayList<>(), null) : p;
    } catch (IOException | IllegalArgumentException e) {
      throw invalidResponse("list of " + item.getSimpleName(), e);
    }
  }

  private static byte[] binary(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw invalidResponse("'" + field + "' field", null);
    }
    try {
      return Base64.getMimeDecoder().decode(v.asText());
    } catch (IllegalArgumentException e) {
      throw invalidResponse("base64 '" + field + "' field", e);
    }
  }

  private static boolean valid(JsonNode node) {
    JsonNode v = node.get("valid");
    if (v == null || !v.isBoolean()) {
      throw invalidResponse("'valid' field", null);
    }
    return v.booleanValue();
  }

  /**
   * The answer could not be read. The parser's exception is not kept as the cause: its message may
   * quote the answer, which can hold plaintext. Only its type is named.
   */
  private static ClavisException invalidResponse(String what, Exception cause) {
    return new ClavisException(
        200,
        "INVALID_RESPONSE",
        "unexpected answer from the server: expected "
            + what
            + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"),
        null);
  }

  private static String version() {
    String v = ClavisClient.class.getPackage().getImplementationVersion();
    return v == null ? "0.1.0-SNAPSHOT" : v;
  }

  /** Configures a {@link ClavisClient}. Only {@code server(s)} is required. */
  public static final class Builder {
    private final List<URI> servers = new ArrayList<>();
    private String token;
    private Path caCertificate;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofSeconds(30);

    private Builder() {}

    /** The servers to use, tried in this order (replaces any set before). */
    public Builder servers(List<URI> servers) {
      Objects.requireNonNull(servers, "servers");
      this.servers.clear();
      servers.forEach(this::server);
      return this;
    }

    /** Adds one server, for example {@code https://127.0.0.1:8443}. */
    public Builder server(URI server) {
      Objects.requireNonNull(server, "server");
      String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        throw new IllegalArgumentException(
            "invalid server URL '" + server + "': expected https://host:port");
      }
      if (server.getHost() == null
          || server.getRawQuery() != null
          || server.getRawFragment() != null) {
        throw new IllegalArgumentException(
            "invalid server URL '" + server + "': expected https://host:port");
      }
      if (!this.servers.contains(server)) {
        this.servers.add(server);
      }
      return this;
    }

    /** The bearer token sent with every request but health, seal status, init and unseal. */
    public Builder token(String token) {
      if (token != null) {
        if (token.isBlank() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
          throw new IllegalArgumentException("invalid token: it must be printable ASCII");
        }
      }
      this.token = token;
      return this;
    }

    /**
     * A PEM file of CA certificates: only those are trusted to sign the servers' certificates. When
     * not set, the JDK's default trust store is used.
     */
    public Builder caCertificate(Path pemFile) {
      this.caCertificate = pemFile;
      return this;
    }

    /** How long to wait for a TCP and TLS connection to one server (default 10 s). */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the answer to one request from one server (default 30 s). */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = positive(timeout, "requestTimeout");
      return this;
    }

    /**
     * @throws IllegalArgumentException if no server is set or the CA file cannot be used
     */
    public ClavisClient build() {
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("at least one server is required");
      }
      return new ClavisClient(this);
    }

    private static Duration positive(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
