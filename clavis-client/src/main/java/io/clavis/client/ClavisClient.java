package io.clavis.client;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * The Clavis Java SDK: one method per endpoint of the REST API.
 *
 * <p>Create one per application with {@link #builder()} and share it: it is thread-safe and reuses
 * connections (HTTP/1.1 keep-alive, one connection per call in flight, pooled per node). Close it
 * when the application stops.
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
 * <p><b>Several nodes:</b> the servers form an ordered list (a <i>mapping</i>): requests go to the
 * first node that is not down; a connection failure, a timeout or an HTTP 502, 503 (also READ_ONLY
 * for a write) or 504 moves the request on down the list and marks the node down. A background
 * heartbeat ({@link Builder#heartbeatInterval}) checks nodes that are down and returns to the
 * preferred one once it is healthy, and fetches the client's mapping from the server ({@code
 * /v1/mappings}), so that an edited mapping reaches the client at its next heartbeat. Every write
 * carries an {@code Idempotency-Key}, the same on every node it is tried on: a write whose answer
 * was lost is never made twice.
 *
 * <p><b>Errors</b> are {@link ClavisException}s carrying the API's error code; their messages never
 * contain the token or plaintext.
 */
public final class ClavisClient implements AutoCloseable {
  private static final String VERSION = version();
  private static final String NEXT_PAGE_HEADER = "Clavis-Next-Page";
  private static final String UNREACHABLE_NODES_HEADER = "Clavis-Unreachable-Nodes";

  private final List<URI> servers;
  private final HttpTransport transport;
  private final NodeSelector nodes;
  private final Heartbeat heartbeat;
  private final ObjectMapper mapper;

  private ClavisClient(Builder b) {
    this.servers = List.copyOf(b.servers);
    this.mapper = ClavisJson.newObjectMapper();
    Base64Variant lenient =
        Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(
            Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    this.mapper.setBase64Variant(lenient);
    SSLContext ssl =
        b.caCertificate == null && b.clientCertificate == null
            ? null
            : Tls.context(b.caCertificate, b.clientCertificate, b.clientKey);
    boolean heartbeat = !b.heartbeatInterval.isZero();
    // With a heartbeat, a node that failed stays behind the others until it is seen healthy;
    // without one, it is tried first again after a while.
    this.nodes =
        new NodeSelector(
            servers,
            System::nanoTime,
            heartbeat ? Long.MAX_VALUE / 4 : b.connectTimeout.multipliedBy(2).toNanos());
    this.transport =
        new HttpTransport(
            nodes,
            b.token,
            ssl,
            b.connectTimeout,
            b.requestTimeout,
            mapper,
            b.userAgent == null ? "clavis-java/" + VERSION : b.userAgent,
            b.answerListener);
    Duration probeTimeout =
        b.connectTimeout.compareTo(Duration.ofSeconds(5)) < 0
            ? b.connectTimeout
            : Duration.ofSeconds(5);
    this.heartbeat =
        new Heartbeat(
            nodes, transport, b.mapping, b.externalAddresses, b.token != null, probeTimeout);
    if (b.mapping != null) {
      // Follow the named mapping from the start; if no node answers now, the heartbeat retries.
      this.heartbeat.refreshMapping();
    }
    if (heartbeat) {
      this.heartbeat.start(b.heartbeatInterval);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configured servers, in configured order. */
  public List<URI> servers() {
    return servers;
  }

  /**
   * The nodes in use, in order of preference: the configured servers, or the nodes of the mapping
   * the server last handed out.
   */
  public List<URI> nodes() {
    return nodes.servers();
  }

  /** The node the next request goes to first: the first node in {@link #nodes} that is not down. */
  public URI preferredNode() {
    return nodes.preferred();
  }

  /** The mapping followed, as {@code name@revision}, or null while none has been received. */
  public String mapping() {
    return nodes.mapping();
  }

  /**
   * Runs the heartbeat's check now: asks nodes that are down whether they are healthy again and
   * fetches the current mapping. It runs by itself every {@link Builder#heartbeatInterval}.
   */
  public void checkNodes() {
    heartbeat.beat();
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
    return as(
        transport.send(HttpTransport.Call.post("/v1/tokens", tokenBody(ttl, description))),
        TokenInfo.class);
  }

  /**
   * {@code DELETE /v1/tokens/{id}}: the token stops working at once. Anyone may revoke their own
   * tokens; revoking another principal's needs {@code manage users} (or {@code services}).
   */
  public void revokeToken(String tokenId) {
    transport.send(HttpTransport.Call.delete("/v1/tokens/" + seg(tokenId)));
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

  /** {@code GET /v1/compartments/{id}}. */
  public Compartment getCompartment(String id) {
    return as(
        transport.send(HttpTransport.Call.get("/v1/compartments/" + seg(id))), Compartment.class);
  }

  /**
   * {@code DELETE /v1/compartments/{id}}: only an empty compartment (no child compartments, vaults
   * or policies) can be deleted.
   */
  public void deleteCompartment(String id) {
    transport.send(HttpTransport.Call.delete("/v1/compartments/" + seg(id)));
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

  /** The most items the server takes in one batch request; longer lists are sent in several. */
  public static final int MAX_BATCH_ITEMS = 1000;

  /**
   * Encoded bytes of items in one batch request at most, well under a node's default body limit (1
   * MiB of plaintext, base64-encoded, and 64 KiB): larger lists are sent in several requests.
   */
  public static final int MAX_BATCH_BYTES = 1024 * 1024;

  /** {@link #encryptBatch(String, List, List)} without AAD. */
  public List<EncryptResult> encryptBatch(String keyId, List<byte[]> plaintexts) {
    return encryptBatch(keyId, plaintexts, null);
  }

  /** {@link #decryptBatch(String, List, List)} without AAD. */
  public List<BatchDecryptResult> decryptBatch(String keyId, List<String> ciphertexts) {
    return decryptBatch(keyId, ciphertexts, null);
  }

  /**
   * {@code POST /v1/keys/{id}/encrypt-batch}: encrypts the plaintexts in requests of up to {@value
   * #MAX_BATCH_ITEMS} items and about {@value #MAX_BATCH_BYTES} bytes (the server takes 32 items
   * under an RSA key, and refuses a longer list), each under one key version, all or nothing: a
   * plaintext the server refuses fails the call with a {@link BatchItemException} naming the item
   * by its place in the whole list. An empty list sends nothing.
   *
   * @param aads one AAD per plaintext (an element may be null), or null for none
   * @return one result per plaintext, in order
   */
  public List<EncryptResult> encryptBatch(
      String keyId, List<byte[]> plaintexts, List<byte[]> aads) {
    checkBatchAads(aads, plaintexts.size());
    List<EncryptResult> out = new ArrayList<>(plaintexts.size());
    int from = 0;
    while (from < plaintexts.size()) {
      int to =
          batchEnd(
              from,
              plaintexts.size(),
              i -> base64Length(plaintexts.get(i).length) + aadLength(aads, i));
      ObjectNode body = mapper.createObjectNode();
      ArrayNode items = body.putArray("items");
      for (int i = from; i < to; i++) {
        ObjectNode item =
            items.addObject().put("plaintext", b64(Objects.requireNonNull(plaintexts.get(i))));
        putBinary(item, "aad", aads == null ? null : aads.get(i));
      }
      for (JsonNode item : sendBatch(keyPath(keyId, "/encrypt-batch"), body, from, to - from)) {
        out.add(as(item, EncryptResult.class));
      }
      from = to;
    }
    return out;
  }

  /**
   * {@code POST /v1/keys/{id}/decrypt-batch}: decrypts ciphertexts of one key, in requests of up to
   * {@value #MAX_BATCH_ITEMS} items and about {@value #MAX_BATCH_BYTES} bytes. An item that cannot
   * be decrypted is answered in its place ({@link BatchDecryptResult#ok()} false); a key that
   * cannot be used fails the call. An empty list sends nothing.
   *
   * @param aads one AAD per ciphertext (an element may be null), or null for none
   * @return one result per ciphertext, in order
   */
  public List<BatchDecryptResult> decryptBatch(
      String keyId, List<String> ciphertexts, List<byte[]> aads) {
    checkBatchAads(aads, ciphertexts.size());
    List<BatchDecryptResult> out = new ArrayList<>(ciphertexts.size());
    int from = 0;
    while (from < ciphertexts.size()) {
      int to =
          batchEnd(from, ciphertexts.size(), i -> ciphertexts.get(i).length() + aadLength(aads, i));
      ObjectNode body = mapper.createObjectNode();
      ArrayNode items = body.putArray("items");
      for (int i = from; i < to; i++) {
        items.add(ciphertextBody(ciphertexts.get(i), aads == null ? null : aads.get(i)));
      }
      for (JsonNode item : sendBatch(keyPath(keyId, "/decrypt-batch"), body, from, to - from)) {
        JsonNode error = item.get("error");
        out.add(
            error == null
                ? new BatchDecryptResult(as(item, DecryptResult.class), null, null)
                : new BatchDecryptResult(
                    null, error.path("code").asText(null), error.path("message").asText(null)));
      }
      from = to;
    }
    return out;
  }

  /**
   * Where the request that starts at item {@code from} ends: after {@value #MAX_BATCH_ITEMS} items
   * or before the item that would take it past {@value #MAX_BATCH_BYTES} encoded bytes (a larger
   * item goes alone).
   */
  static int batchEnd(int from, int items, java.util.function.IntToLongFunction encoded) {
    int to = from;
    long bytes = 0;
    while (to < items && to - from < MAX_BATCH_ITEMS) {
      // the item's own JSON around its values
      long item = encoded.applyAsLong(to) + 32;
      if (to > from && bytes + item > MAX_BATCH_BYTES) {
        break;
      }
      bytes += item;
      to++;
    }
    return to;
  }

  private static long base64Length(int bytes) {
    return 4L * ((bytes + 2) / 3);
  }

  private static long aadLength(List<byte[]> aads, int i) {
    return aads == null || aads.get(i) == null ? 0 : base64Length(aads.get(i).length);
  }

  private static void checkBatchAads(List<byte[]> aads, int items) {
    if (aads != null && aads.size() != items) {
      throw new IllegalArgumentException("aads must have one element per item, or be null");
    }
  }

  private static final Pattern BATCH_ITEM = Pattern.compile("^items\\[(\\d+)]: ");

  /**
   * Sends one request of a batch whose first item is item {@code from} of the caller's list, and
   * returns its answers, which must be one per item sent; a refusal naming an item ({@code
   * items[3]: ...}) is a {@link BatchItemException} naming it by its place in the caller's list.
   */
  private JsonNode sendBatch(String path, ObjectNode body, int from, int sent) {
    JsonNode answer;
    try {
      answer = transport.send(HttpTransport.Call.post(path, body));
    } catch (ClavisException e) {
      Matcher m = BATCH_ITEM.matcher(e.getMessage() == null ? "" : e.getMessage());
      if (!m.find()) {
        throw e;
      }
      throw new BatchItemException(
          e, from + Integer.parseInt(m.group(1)), e.getMessage().substring(m.end()));
    }
    JsonNode items = answer == null ? null : answer.get("items");
    if (items == null || !items.isArray() || items.size() != sent) {
      throw invalidResponse(
          "batch of " + sent, new IllegalArgumentException("not one answer per item"));
    }
    return items;
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

  // ---------------------------------------------------------------- login and identities

  /**
   * {@code POST /v1/auth/login}: checks a user's password and issues a session token. Sent without
   * the client's token. Repeated wrong passwords lock the user ({@code ACCOUNT_LOCKED}).
   *
   * @param ttl the session's lifetime (a whole number of seconds, at most the server's maximum), or
   *     null for the server's default
   */
  public TokenInfo login(String name, String password, Duration ttl) {
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("name", Objects.requireNonNull(name, "name"))
            .put("password", Objects.requireNonNull(password, "password"));
    if (ttl != null) {
      body.put("ttl", TtlFormat.format(ttl));
    }
    return as(
        transport.send(HttpTransport.Call.post("/v1/auth/login", body).anonymous()),
        TokenInfo.class);
  }

  /** {@code GET /v1/auth/whoami}: who the server takes the caller to be. */
  public WhoAmI whoami() {
    return as(transport.send(HttpTransport.Call.get("/v1/auth/whoami")), WhoAmI.class);
  }

  /**
   * {@code POST /v1/users}.
   *
   * @param groups names or ids of the user's groups, or null for none
   * @param password the login password, or null for a user who only uses tokens issued for them
   */
  public User createUser(String name, List<String> groups, String password) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putList(body, "groups", groups);
    putIfNotNull(body, "password", password);
    return as(transport.send(HttpTransport.Call.post("/v1/users", body)), User.class);
  }

  /** {@code GET /v1/users}. */
  public List<User> listUsers() {
    return page(transport.send(HttpTransport.Call.get("/v1/users")), User.class).items();
  }

  /** {@code GET /v1/users/{id}}; the name works too. */
  public User getUser(String id) {
    return as(transport.send(HttpTransport.Call.get(userPath(id, ""))), User.class);
  }

  /** {@code DELETE /v1/users/{id}}: the user's tokens are revoked with it. */
  public void deleteUser(String id) {
    transport.send(HttpTransport.Call.delete(userPath(id, "")));
  }

  /**
   * {@code POST /v1/users/{id}/password}: users may change their own; changing another's needs
   * {@code manage users}. Also lifts a lockout.
   */
  public void setUserPassword(String id, String password) {
    ObjectNode body =
        mapper.createObjectNode().put("password", Objects.requireNonNull(password, "password"));
    transport.send(HttpTransport.Call.post(userPath(id, "/password"), body));
  }

  /** {@code POST /v1/users/{id}/unlock}: lifts a lockout after repeated failed logins. */
  public User unlockUser(String id) {
    return as(transport.send(HttpTransport.Call.post(userPath(id, "/unlock"), null)), User.class);
  }

  /**
   * {@code POST /v1/users/{id}/tokens}: a token acting for the user; shown only this once.
   *
   * @param ttl the lifetime (a whole number of seconds), or null for the server's default
   * @param description free text, or null
   */
  public TokenInfo createUserToken(String id, Duration ttl, String description) {
    return as(
        transport.send(
            HttpTransport.Call.post(userPath(id, "/tokens"), tokenBody(ttl, description))),
        TokenInfo.class);
  }

  /** {@code GET /v1/users/{id}/tokens}: the user's tokens, without their secrets. */
  public List<TokenSummary> listUserTokens(String id) {
    return page(transport.send(HttpTransport.Call.get(userPath(id, "/tokens"))), TokenSummary.class)
        .items();
  }

  /**
   * {@code POST /v1/services}.
   *
   * @param groups names or ids of the service's groups, or null for none
   * @param certificatePem a PEM X.509 certificate the service may authenticate with over mutual
   *     TLS, or null
   */
  public Service createService(String name, List<String> groups, String certificatePem) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putList(body, "groups", groups);
    putIfNotNull(body, "certificatePem", certificatePem);
    return as(transport.send(HttpTransport.Call.post("/v1/services", body)), Service.class);
  }

  /** {@code GET /v1/services}. */
  public List<Service> listServices() {
    return page(transport.send(HttpTransport.Call.get("/v1/services")), Service.class).items();
  }

  /** {@code GET /v1/services/{id}}; the name works too. */
  public Service getService(String id) {
    return as(transport.send(HttpTransport.Call.get(servicePath(id, ""))), Service.class);
  }

  /** {@code DELETE /v1/services/{id}}: the service's tokens are revoked with it. */
  public void deleteService(String id) {
    transport.send(HttpTransport.Call.delete(servicePath(id, "")));
  }

  /**
   * {@code POST /v1/services/{id}/tokens}: a token acting for the service; shown only this once.
   *
   * @param ttl the lifetime (a whole number of seconds), or null for the server's default
   * @param description free text, or null
   */
  public TokenInfo createServiceToken(String id, Duration ttl, String description) {
    return as(
        transport.send(
            HttpTransport.Call.post(servicePath(id, "/tokens"), tokenBody(ttl, description))),
        TokenInfo.class);
  }

  /** {@code GET /v1/services/{id}/tokens}: the service's tokens, without their secrets. */
  public List<TokenSummary> listServiceTokens(String id) {
    return page(
            transport.send(HttpTransport.Call.get(servicePath(id, "/tokens"))), TokenSummary.class)
        .items();
  }

  // ---------------------------------------------------------------- mappings

  /**
   * {@code POST /v1/mappings}.
   *
   * @param nodes in order of preference
   * @param groups groups (names or ids) whose clients follow it; may be empty
   * @param services services (names or ids) whose clients follow it; may be empty
   * @param description may be null
   */
  public Mapping createMapping(
      String name,
      List<Mapping.Node> nodes,
      List<String> groups,
      List<String> services,
      String description) {
    ObjectNode body =
        mappingBody(nodes, groups, services, description)
            .put("name", Objects.requireNonNull(name, "name"));
    return as(transport.send(HttpTransport.Call.post("/v1/mappings", body)), Mapping.class);
  }

  /** {@code PUT /v1/mappings/{name}}: replaces nodes, assignments and description. */
  public Mapping updateMapping(
      String name,
      List<Mapping.Node> nodes,
      List<String> groups,
      List<String> services,
      String description) {
    return as(
        transport.send(
            HttpTransport.Call.put(
                "/v1/mappings/" + seg(name), mappingBody(nodes, groups, services, description))),
        Mapping.class);
  }

  /** {@code GET /v1/mappings}. */
  public List<Mapping> listMappings() {
    return page(transport.send(HttpTransport.Call.get("/v1/mappings")), Mapping.class).items();
  }

  /** {@code GET /v1/mappings/{name}}. */
  public Mapping getMapping(String name) {
    return as(transport.send(HttpTransport.Call.get("/v1/mappings/" + seg(name))), Mapping.class);
  }

  /** {@code DELETE /v1/mappings/{name}}. */
  public void deleteMapping(String name) {
    transport.send(HttpTransport.Call.delete("/v1/mappings/" + seg(name)));
  }

  private ObjectNode mappingBody(
      List<Mapping.Node> nodes, List<String> groups, List<String> services, String description) {
    ObjectNode body = mapper.createObjectNode();
    ArrayNode list = body.putArray("nodes");
    for (Mapping.Node n : Objects.requireNonNull(nodes, "nodes")) {
      ObjectNode o = list.addObject().put("name", n.name()).put("address", n.address());
      putIfNotNull(o, "externalAddress", n.externalAddress());
    }
    groups.forEach(body.putArray("groups")::add);
    services.forEach(body.putArray("services")::add);
    putIfNotNull(body, "description", description);
    return body;
  }

  /** {@code POST /v1/groups}; {@code description} may be null. */
  public Group createGroup(String name, String description) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putIfNotNull(body, "description", description);
    return as(transport.send(HttpTransport.Call.post("/v1/groups", body)), Group.class);
  }

  /** {@code GET /v1/groups}: the built-in groups first. */
  public List<Group> listGroups() {
    return page(transport.send(HttpTransport.Call.get("/v1/groups")), Group.class).items();
  }

  /** {@code GET /v1/groups/{id}}; the name works too. */
  public Group getGroup(String id) {
    return as(transport.send(HttpTransport.Call.get(groupPath(id, ""))), Group.class);
  }

  /** {@code DELETE /v1/groups/{id}}; built-in groups cannot be deleted. */
  public void deleteGroup(String id) {
    transport.send(HttpTransport.Call.delete(groupPath(id, "")));
  }

  /**
   * {@code POST /v1/groups/{id}/members}.
   *
   * @param members names or ids of users and services
   * @return the group with its members after the change
   */
  public Group addGroupMembers(String id, List<String> members) {
    Objects.requireNonNull(members, "members");
    ObjectNode body = mapper.createObjectNode();
    putList(body, "members", members);
    return as(
        transport.send(HttpTransport.Call.post(groupPath(id, "/members"), body)), Group.class);
  }

  /**
   * {@code DELETE /v1/groups/{id}/members/{member}}.
   *
   * @param member the name or id of a user or service
   * @return the group with its members after the change
   */
  public Group removeGroupMember(String id, String member) {
    return as(
        transport.send(
            HttpTransport.Call.delete(
                groupPath(id, "/members/" + seg(Objects.requireNonNull(member, "member"))))),
        Group.class);
  }

  // ---------------------------------------------------------------- policies

  /**
   * {@code POST /v1/policies}. Every statement is checked before the policy is stored; a statement
   * that does not parse or names something that does not exist is refused with {@code
   * INVALID_POLICY} and a message saying which statement and where.
   *
   * @param compartmentId the compartment it is attached to, or null for the tenancy root
   * @param description free text, or null
   * @param statements 1 to 100 statements
   */
  public Policy createPolicy(
      String name, String compartmentId, String description, List<String> statements) {
    ObjectNode body = mapper.createObjectNode().put("name", Objects.requireNonNull(name, "name"));
    putIfNotNull(body, "compartmentId", compartmentId);
    putIfNotNull(body, "description", description);
    putList(body, "statements", Objects.requireNonNull(statements, "statements"));
    return as(transport.send(HttpTransport.Call.post("/v1/policies", body)), Policy.class);
  }

  /** {@code GET /v1/policies}: the built-in policy first, then those the caller may see. */
  public List<Policy> listPolicies() {
    return page(transport.send(HttpTransport.Call.get("/v1/policies")), Policy.class).items();
  }

  /** {@code GET /v1/policies/{id}}; the name works too. */
  public Policy getPolicy(String id) {
    return as(transport.send(HttpTransport.Call.get(policyPath(id))), Policy.class);
  }

  /**
   * {@code PUT /v1/policies/{id}}: replaces the statements.
   *
   * @param description the new description, or null to keep the current one
   */
  public Policy updatePolicy(String id, List<String> statements, String description) {
    ObjectNode body = mapper.createObjectNode();
    putList(body, "statements", Objects.requireNonNull(statements, "statements"));
    putIfNotNull(body, "description", description);
    return as(transport.send(HttpTransport.Call.put(policyPath(id), body)), Policy.class);
  }

  /** {@code DELETE /v1/policies/{id}}; the built-in policy cannot be deleted. */
  public void deletePolicy(String id) {
    transport.send(HttpTransport.Call.delete(policyPath(id)));
  }

  /**
   * {@code POST /v1/policies/explain}: whether {@code principal} may do {@code operation}, and
   * which statement allows it. A denial is an answer, not an exception.
   *
   * @param principal the name or id of a user or service
   * @param operation an operation as the audit trail names it, such as {@code key.encrypt}
   * @param resource the id of the key, vault, compartment or policy the operation would act on, or
   *     null for tenancy-wide operations
   */
  public PolicyExplanation explainPolicy(String principal, String operation, String resource) {
    ObjectNode body =
        mapper
            .createObjectNode()
            .put("principal", Objects.requireNonNull(principal, "principal"))
            .put("operation", Objects.requireNonNull(operation, "operation"));
    putIfNotNull(body, "resource", resource);
    return as(
        transport.send(HttpTransport.Call.post("/v1/policies/explain", body)),
        PolicyExplanation.class);
  }

  // ---------------------------------------------------------------- audit

  /**
   * {@code GET /v1/audit-events}: one page of the records of every node, merged by time.
   *
   * @param query the filters, or null for every record
   * @param limit page size (1..1000), or null for the server's default
   * @param page the {@link AuditPage#nextPage()} token of the previous page, or null for the first
   */
  public AuditPage listAuditEvents(AuditQuery query, Integer limit, String page) {
    Map<String, String> q = auditParameters(query, limit, page);
    return as(transport.send(HttpTransport.Call.get("/v1/audit-events").query(q)), AuditPage.class);
  }

  /**
   * {@code GET /v1/audit-events?format=jsonl|syslog}: one page of records as text lines, for an
   * archive or a SIEM. Follow {@link AuditExport#nextPage()} until it is null to get everything.
   *
   * @param query the filters, or null for every record
   * @param limit page size (1..1000), or null for the server's default
   * @param page the {@link AuditExport#nextPage()} token of the previous page, or null for the
   *     first
   */
  public AuditExport exportAuditEvents(
      AuditQuery query, AuditExport.Format format, Integer limit, String page) {
    Objects.requireNonNull(format, "format");
    Map<String, String> q = auditParameters(query, limit, page);
    q.put("format", format.wire());
    HttpTransport.TextAnswer answer =
        transport.sendText(
            HttpTransport.Call.get("/v1/audit-events").query(q),
            format == AuditExport.Format.JSONL ? "application/x-ndjson" : "text/plain");
    String next = answer.headers().firstValue(NEXT_PAGE_HEADER).orElse(null);
    List<String> unreachable = new ArrayList<>();
    for (String n : answer.headers().firstValue(UNREACHABLE_NODES_HEADER).orElse("").split(",")) {
      if (!n.isBlank()) {
        unreachable.add(n.strip());
      }
    }
    return new AuditExport(format, answer.text(), next, unreachable);
  }

  private static Map<String, String> auditParameters(AuditQuery query, Integer limit, String page) {
    Map<String, String> q =
        new LinkedHashMap<>((query == null ? AuditQuery.all() : query).parameters());
    q.put("limit", limit == null ? null : limit.toString());
    q.put("page", page);
    return q;
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
    transport.send(HttpTransport.Call.delete("/v1/cluster/members/" + seg(name)));
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

  /**
   * Hands Raft leadership to the voter {@code to}, or to the most up-to-date active voter when
   * {@code to} is null, and returns the cluster status with its new leader: before maintenance of
   * the leader's machine. It names the leader it saw first, so that the request, if a node fails
   * and it is sent again to another one, does not move leadership a second time.
   */
  public ClusterStatus stepDown(String to) {
    return stepDown(to, clusterStatus().leader());
  }

  /**
   * The same, moving leadership only away from {@code from} (the leader the caller saw; null: from
   * whichever member leads): if another member leads by now, nothing moves.
   */
  public ClusterStatus stepDown(String to, String from) {
    ObjectNode body = mapper.createObjectNode();
    if (to != null) {
      body.put("to", to);
    }
    if (from != null) {
      body.put("from", from);
    }
    return as(
        transport.send(HttpTransport.Call.post("/v1/cluster/step-down", body)),
        ClusterStatus.class);
  }

  /** Closes the connections; the client cannot be used afterwards. */
  @Override
  public void close() {
    heartbeat.close();
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

  private static String userPath(String id, String suffix) {
    return "/v1/users/" + seg(id) + suffix;
  }

  private static String servicePath(String id, String suffix) {
    return "/v1/services/" + seg(id) + suffix;
  }

  private static String groupPath(String id, String suffix) {
    return "/v1/groups/" + seg(id) + suffix;
  }

  private static String policyPath(String id) {
    return "/v1/policies/" + seg(id);
  }

  private ObjectNode tokenBody(Duration ttl, String description) {
    ObjectNode body = mapper.createObjectNode();
    if (ttl != null) {
      body.put("ttl", TtlFormat.format(ttl));
    }
    putIfNotNull(body, "description", description);
    return body;
  }

  private static void putList(ObjectNode body, String field, List<String> values) {
    if (values != null) {
      ArrayNode array = body.putArray(field);
      for (String v : values) {
        array.add(Objects.requireNonNull(v, field));
      }
    }
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
    private String userAgent;
    private AnswerListener answerListener;
    private Path clientCertificate;
    private Path clientKey;
    private String mapping;
    private boolean externalAddresses;
    private Duration heartbeatInterval = Duration.ofSeconds(10);

    private Builder() {}

    /**
     * Follows the server-side mapping of this name: its nodes replace the configured servers, which
     * then only serve to reach it, and edits reach the client at its next heartbeat. Without it the
     * client follows the mapping assigned to its principal (services, then groups), if any.
     */
    public Builder mapping(String name) {
      if (name != null && (name.isBlank() || name.length() > 128)) {
        throw new IllegalArgumentException("invalid mapping name");
      }
      this.mapping = name;
      return this;
    }

    /**
     * Uses the nodes' external addresses from the mapping where they have one (clients outside the
     * nodes' network: NAT, a cloud load balancer). Default false.
     */
    public Builder externalAddresses(boolean external) {
      this.externalAddresses = external;
      return this;
    }

    /**
     * How often the background heartbeat checks nodes that are down and fetches the mapping
     * (default 10 s); {@link Duration#ZERO} turns it off (short-lived tools such as the CLI).
     */
    public Builder heartbeatInterval(Duration interval) {
      Objects.requireNonNull(interval, "heartbeatInterval");
      if (interval.isNegative()) {
        throw new IllegalArgumentException("heartbeatInterval must not be negative");
      }
      this.heartbeatInterval = interval;
      return this;
    }

    /**
     * A TLS client certificate (PEM chain) and its unencrypted PKCS#8 PEM key, for servers that
     * authenticate the client by certificate (a service registered with it, or a TLS-terminating
     * proxy that requires one).
     */
    public Builder clientCertificate(Path certificatePem, Path keyPem) {
      this.clientCertificate = Objects.requireNonNull(certificatePem, "certificatePem");
      this.clientKey = Objects.requireNonNull(keyPem, "keyPem");
      return this;
    }

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
     * The {@code User-Agent} header, which the audit trail records (default {@code
     * clavis-java/<version>}); for example {@code my-app/1.2}.
     */
    public Builder userAgent(String userAgent) {
      if (userAgent != null
          && (userAgent.isBlank()
              || userAgent.length() > 200
              || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
        throw new IllegalArgumentException(
            "invalid user agent: it must be 1 to 200 printable ASCII characters");
      }
      this.userAgent = userAgent;
      return this;
    }

    /** Told of every final answer and the node that gave it (default none). */
    public Builder answerListener(AnswerListener listener) {
      this.answerListener = listener;
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
