package io.clavis.server.key;

import io.clavis.core.crypto.SecureRandoms;
import io.clavis.core.crypto.SignatureAlgorithm;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.access.TargetRef;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.Base64Bytes;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.key.CryptoService.Use;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cryptographic operations over REST. Binary values are standard base64. */
public final class CryptoEndpoints {
  private static final int MAX_RANDOM = 4096;

  /** Items in one encrypt-batch or decrypt-batch request. */
  static final int MAX_BATCH_ITEMS = 1000;

  /**
   * Items in one batch under an asymmetric key: each is a public-key operation (RSA decryption:
   * milliseconds), and one request should not hold a thread for seconds.
   */
  static final int MAX_ASYMMETRIC_BATCH_ITEMS = 32;

  private final CryptoService crypto;

  public CryptoEndpoints(CryptoService crypto) {
    this.crypto = crypto;
  }

  public void register(Routes all) {
    // Computation on keys this node holds, nothing that waits: served on the I/O threads.
    Routes routes = all.nonBlocking();
    routes.post(
        "/v1/keys/{id}/encrypt",
        Guard.on("key.encrypt", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::encrypt);
    routes.post(
        "/v1/decrypt",
        Guard.on(
            "key.decrypt",
            Verb.USE,
            ResourceType.KEYS,
            TargetRef.body(TargetRef.TargetKind.CIPHERTEXT, "ciphertext")),
        r -> decrypt(r, null));
    routes.post(
        "/v1/keys/{id}/decrypt",
        Guard.on("key.decrypt", Verb.USE, ResourceType.KEYS, TargetRef.DECRYPTION_KEY_IN_PATH),
        r -> decrypt(r, r.pathParam("id")));
    routes.post(
        "/v1/keys/{id}/generate-data-key",
        Guard.on("key.generate-data-key", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::dataKey);
    routes.post(
        "/v1/keys/{id}/re-encrypt",
        Guard.on("key.re-encrypt", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::reEncrypt);
    routes.post(
        "/v1/keys/{id}/sign",
        Guard.on("key.sign", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::sign);
    routes.post(
        "/v1/keys/{id}/verify",
        Guard.on("key.verify", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::verify);
    routes.post(
        "/v1/keys/{id}/mac",
        Guard.on("key.mac", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::mac);
    routes.post(
        "/v1/keys/{id}/verify-mac",
        Guard.on("key.verify-mac", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::verifyMac);
    routes.get(
        "/v1/keys/{id}/public-key",
        Guard.on("key.public-key", Verb.READ, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::publicKey);
    routes.post("/v1/random", Guard.authenticated("random.generate"), this::random);
    // Batches take milliseconds: served on worker threads, never on an I/O thread. They are
    // authorised and audited as the operation they repeat, so a policy about key.encrypt or
    // key.decrypt decides them too; their audit records carry resources.items.
    all.post(
        "/v1/keys/{id}/encrypt-batch",
        Guard.on("key.encrypt", Verb.USE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::encryptBatch);
    all.post(
        "/v1/keys/{id}/decrypt-batch",
        Guard.on("key.decrypt", Verb.USE, ResourceType.KEYS, TargetRef.DECRYPTION_KEY_IN_PATH),
        this::decryptBatch);
  }

  private ApiResponse encrypt(ApiRequest r) {
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.ENCRYPT, null));
    JsonBody b = r.body();
    CryptoService.Encrypted e =
        crypto.encrypt(r.pathParam("id"), b.base64("plaintext"), b.optionalBase64("aad"));
    return ApiResponse.ok(encrypted(e));
  }

  private ApiResponse decrypt(ApiRequest r, String keyId) {
    JsonBody b = r.body();
    byte[] ciphertext = ciphertext(b);
    r.offloadIf(crypto.isHeavyDecrypt(ciphertext));
    return ApiResponse.ok(decrypted(crypto.decrypt(keyId, ciphertext, b.optionalBase64("aad"))));
  }

  /** The ciphertext field: one that is not even base64 cannot be decrypted, like any other. */
  private static byte[] ciphertext(JsonBody b) {
    try {
      return b.base64("ciphertext");
    } catch (ClavisException e) {
      if (e.code() == ErrorCode.INVALID_BASE64) {
        throw new ClavisException(
            ErrorCode.DECRYPTION_FAILED, "the ciphertext cannot be decrypted");
      }
      throw e;
    }
  }

  /**
   * Encrypts every item under one version of the key, all or nothing: every item is checked
   * (base64, size) before any is encrypted, and a bad one fails the whole request (400, naming the
   * item).
   */
  private ApiResponse encryptBatch(ApiRequest r) {
    List<JsonBody> items = r.body().objectList("items", MAX_BATCH_ITEMS);
    r.audit("items", Integer.toString(items.size()));
    String keyId = r.pathParam("id");
    CryptoService.Encryptor encryptor = crypto.encryptor(keyId);
    checkBatchSize(items, keyId);
    byte[][] plaintexts = new byte[items.size()][];
    byte[][] aads = new byte[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      JsonBody b = items.get(i);
      plaintexts[i] = inItem(i, () -> encryptor.check(b.base64("plaintext")));
      aads[i] = inItem(i, () -> b.optionalBase64("aad"));
    }
    List<Map<String, Object>> out = new ArrayList<>(items.size());
    for (int i = 0; i < plaintexts.length; i++) {
      out.add(encrypted(encryptor.encrypt(plaintexts[i], aads[i])));
    }
    return ApiResponse.ok(Map.of("items", out));
  }

  /**
   * Decrypts every item with the key in the path. An item that cannot be decrypted (malformed,
   * another key's, wrong AAD, tampered) is answered in its place with the one uniform {@code
   * DECRYPTION_FAILED}, and the others still are; a malformed request, or a key that cannot be used
   * (disabled, destroyed), fails the whole request. The audit record counts the items and those
   * that failed.
   */
  private ApiResponse decryptBatch(ApiRequest r) {
    String keyId = r.pathParam("id");
    List<JsonBody> items = r.body().objectList("items", MAX_BATCH_ITEMS);
    r.audit("items", Integer.toString(items.size()));
    checkBatchSize(items, keyId);
    byte[][] aads = new byte[items.size()][];
    for (int i = 0; i < items.size(); i++) {
      JsonBody b = items.get(i);
      inItem(i, () -> b.text("ciphertext"));
      aads[i] = inItem(i, () -> b.optionalBase64("aad"));
    }
    List<Map<String, Object>> out = new ArrayList<>(items.size());
    int failed = 0;
    for (int i = 0; i < items.size(); i++) {
      try {
        out.add(decrypted(crypto.decrypt(keyId, ciphertext(items.get(i)), aads[i])));
      } catch (ClavisException e) {
        if (e.code() != ErrorCode.DECRYPTION_FAILED) {
          throw e;
        }
        failed++;
        out.add(Map.of("error", Map.of("code", e.code().name(), "message", e.getMessage())));
      }
    }
    r.audit("failed", Integer.toString(failed));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("items", out);
    answer.put("failed", failed);
    return ApiResponse.ok(answer);
  }

  private void checkBatchSize(List<JsonBody> items, String keyId) {
    if (items.size() > MAX_ASYMMETRIC_BATCH_ITEMS && crypto.isAsymmetric(keyId)) {
      throw ClavisException.invalid(
          "a batch under an asymmetric key has at most " + MAX_ASYMMETRIC_BATCH_ITEMS + " items");
    }
  }

  /**
   * Runs one item's step; an error about the item's own values (malformed, too large) names the
   * item. Errors about the key are the whole request's and pass unchanged.
   */
  private static <T> T inItem(int item, java.util.function.Supplier<T> step) {
    try {
      return step.get();
    } catch (ClavisException e) {
      if (!ITEM_ERRORS.contains(e.code())) {
        throw e;
      }
      throw new ClavisException(e.code(), "items[" + item + "]: " + e.getMessage());
    }
  }

  private static final java.util.Set<ErrorCode> ITEM_ERRORS =
      java.util.EnumSet.of(
          ErrorCode.INVALID_ARGUMENT, ErrorCode.INVALID_BASE64, ErrorCode.PAYLOAD_TOO_LARGE);

  private static Map<String, Object> decrypted(CryptoService.Decrypted d) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("plaintext", Base64Bytes.of(d.plaintext()));
    out.put("keyId", d.keyId());
    out.put("keyVersion", d.keyVersion());
    return out;
  }

  private ApiResponse dataKey(ApiRequest r) {
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.ENCRYPT, null));
    JsonBody b = r.body();
    String algName = b.optionalText("algorithm");
    KeyAlgorithm alg = algName == null ? KeyAlgorithm.AES_256 : KeyService.parseAlgorithm(algName);
    CryptoService.DataKey dk =
        crypto.generateDataKey(r.pathParam("id"), alg, b.optionalBase64("aad"));
    Map<String, Object> out = new LinkedHashMap<>();
    if (b.optionalBoolean("includePlaintext", true)) {
      out.put("plaintext", Base64Bytes.of(dk.plaintext()));
    }
    out.putAll(encrypted(dk.encrypted()));
    return ApiResponse.ok(out);
  }

  private ApiResponse reEncrypt(ApiRequest r) {
    JsonBody b = r.body();
    r.offloadIf(
        crypto.isHeavy(r.pathParam("id"), Use.ENCRYPT, null)
            || crypto.isHeavyDecrypt(b.optionalBase64("ciphertext")));
    // Re-encrypting reads the plaintext under the ciphertext's own key: that key needs use too.
    r.require(
        Verb.USE, ResourceType.KEYS, TargetRef.TargetKind.CIPHERTEXT, b.optionalText("ciphertext"));
    return ApiResponse.ok(
        encrypted(
            crypto.reEncrypt(r.pathParam("id"), b.base64("ciphertext"), b.optionalBase64("aad"))));
  }

  private ApiResponse sign(ApiRequest r) {
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.SIGN, null));
    JsonBody b = r.body();
    SignatureAlgorithm alg = signatureAlgorithm(b);
    CryptoService.Tag t =
        crypto.sign(
            r.pathParam("id"), alg, b.optionalBase64("message"), b.optionalBase64("digest"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("signature", Base64Bytes.of(t.value()));
    out.put("keyId", t.keyId());
    out.put("keyVersion", t.keyVersion());
    out.put("algorithm", alg.name());
    return ApiResponse.ok(out);
  }

  private ApiResponse verify(ApiRequest r) {
    JsonBody b = r.body();
    Integer version = b.optionalInt("keyVersion", 1, Integer.MAX_VALUE);
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.VERIFY, version));
    boolean valid =
        crypto.verify(
            r.pathParam("id"),
            signatureAlgorithm(b),
            b.optionalBase64("message"),
            b.optionalBase64("digest"),
            b.base64("signature"),
            version);
    return ApiResponse.ok(Map.of("valid", valid));
  }

  private ApiResponse mac(ApiRequest r) {
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.MAC, null));
    CryptoService.Tag t = crypto.mac(r.pathParam("id"), r.body().base64("message"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("mac", Base64Bytes.of(t.value()));
    out.put("keyId", t.keyId());
    out.put("keyVersion", t.keyVersion());
    return ApiResponse.ok(out);
  }

  private ApiResponse verifyMac(ApiRequest r) {
    JsonBody b = r.body();
    Integer version = b.optionalInt("keyVersion", 1, Integer.MAX_VALUE);
    r.offloadIf(crypto.isHeavy(r.pathParam("id"), Use.VERIFY_MAC, version));
    boolean valid =
        crypto.verifyMac(r.pathParam("id"), b.base64("message"), b.base64("mac"), version);
    return ApiResponse.ok(Map.of("valid", valid));
  }

  private ApiResponse publicKey(ApiRequest r) {
    CryptoService.PublicKeyInfo info =
        crypto.publicKey(r.pathParam("id"), r.optionalQueryInt("version", 1, Integer.MAX_VALUE));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("publicKey", info.publicKey());
    out.put("keyId", info.keyId());
    out.put("keyVersion", info.keyVersion());
    out.put("algorithm", info.alg().name());
    return ApiResponse.ok(out);
  }

  private ApiResponse random(ApiRequest r) {
    Integer n = r.body().optionalInt("bytes", 1, MAX_RANDOM);
    if (n == null) {
      throw ClavisException.invalid("bytes is required (1 to " + MAX_RANDOM + ")");
    }
    return ApiResponse.ok(Map.of("random", Base64Bytes.of(SecureRandoms.bytes(n))));
  }

  private static SignatureAlgorithm signatureAlgorithm(JsonBody b) {
    String name = b.text("algorithm");
    return SignatureAlgorithm.parse(name)
        .orElseThrow(
            () ->
                new ClavisException(
                    ErrorCode.UNSUPPORTED_ALGORITHM,
                    "unsupported signature algorithm '"
                        + KeyService.truncate(name)
                        + "'; use one of "
                        + java.util.Arrays.toString(SignatureAlgorithm.values())));
  }

  private static Map<String, Object> encrypted(CryptoService.Encrypted e) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ciphertext", Base64Bytes.of(e.ciphertext()));
    out.put("keyId", e.keyId());
    out.put("keyVersion", e.keyVersion());
    return out;
  }
}
