package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static io.clavis.server.testing.TestNode.unbase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Creating, listing, updating and rotating keys, and moving them through their lifecycle. */
class KeyManagementApiTest extends SharedNodeApiTest {
  private String vault;

  @BeforeAll
  void createVault() throws Exception {
    vault = node.createVault("key-management");
  }

  private JsonNode createKey(String body) throws Exception {
    return assertOk(post("/v1/keys", body), 201);
  }

  private JsonNode action(String keyId, String action) throws Exception {
    return assertOk(post("/v1/keys/" + keyId + "/" + action));
  }

  @Test
  void createWithAllFieldsAndGet() throws Exception {
    Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    JsonNode k =
        createKey(
            json(
                "vaultId",
                vault,
                "name",
                "full",
                "algorithm",
                "AES_256",
                "description",
                "payments data key",
                "tags",
                Map.of("team", "payments", "env", "test"),
                "rotationPeriodDays",
                30));
    assertThat(k.get("description").asText()).isEqualTo("payments data key");
    assertThat(k.get("tags").get("team").asText()).isEqualTo("payments");
    assertThat(k.get("tags").get("env").asText()).isEqualTo("test");
    assertThat(k.get("rotationPeriodDays").asInt()).isEqualTo(30);
    Instant createdAt = Instant.parse(k.get("createdAt").asText());
    assertThat(createdAt).isBetween(before, Instant.now());
    assertThat(Instant.parse(k.get("nextRotationAt").asText()))
        .isEqualTo(createdAt.plus(Duration.ofDays(30)));
    assertThat(assertOk(get("/v1/keys/" + k.get("id").asText()))).isEqualTo(k);
  }

  @Test
  void algorithmNamesIgnoreCase() throws Exception {
    JsonNode k = createKey(json("vaultId", vault, "name", "lower", "algorithm", "aes_128"));
    assertThat(k.get("algorithm").asText()).isEqualTo("AES_128");
  }

  @Test
  void invalidCreateRequests() throws Exception {
    assertError(
        post("/v1/keys", json("name", "k", "algorithm", "AES_256")), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys", json("vaultId", vault, "algorithm", "AES_256")), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/keys", json("vaultId", vault, "name", "k")), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/keys", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/keys", null), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys", json("vaultId", 7, "name", "k", "algorithm", "AES_256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", List.of("k"), "algorithm", "AES_256")),
        400,
        "INVALID_ARGUMENT");
    for (String badName :
        new String[] {"", "has space", "slash/name", "ünïcode", "x".repeat(129)}) {
      assertError(
          post("/v1/keys", json("vaultId", vault, "name", badName, "algorithm", "AES_256")),
          400,
          "INVALID_ARGUMENT");
    }
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "DES")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "AES_512")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", 256)),
        400,
        "INVALID_ARGUMENT");
    for (Object days : new Object[] {-1, 3651, "30", 1.5}) {
      assertError(
          post(
              "/v1/keys",
              json(
                  "vaultId",
                  vault,
                  "name",
                  "k",
                  "algorithm",
                  "AES_256",
                  "rotationPeriodDays",
                  days)),
          400,
          "INVALID_ARGUMENT");
    }
    assertError(
        post(
            "/v1/keys",
            json("vaultId", vault, "name", "k", "algorithm", "AES_256", "tags", Map.of("a", 1))),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "AES_256", "tags", "a=b")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys",
            json(
                "vaultId",
                vault,
                "name",
                "k",
                "algorithm",
                "AES_256",
                "description",
                "d".repeat(1025))),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys", json("vaultId", "vault_nope", "name", "k", "algorithm", "AES_256")),
        404,
        "NOT_FOUND");
    // Nothing was created by any of these.
    JsonNode list = assertOk(get("/v1/keys?vaultId=" + vault + "&limit=1000"));
    list.get("items").forEach(i -> assertThat(i.get("name").asText()).isNotEqualTo("k"));
  }

  @Test
  void namesAreUniqueWithinAVault() throws Exception {
    createKey(json("vaultId", vault, "name", "twice", "algorithm", "AES_256"));
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "twice", "algorithm", "EC_P256")),
        409,
        "NAME_TAKEN");
    String otherVault = node.createVault("key-management-other");
    createKey(json("vaultId", otherVault, "name", "twice", "algorithm", "AES_256"));
  }

  @Test
  void listKeysByVaultWithPagination() throws Exception {
    String v = node.createVault("listing");
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      ids.add(node.createKey(v, "k" + i, "AES_128"));
    }
    List<String> seen = new ArrayList<>();
    String page = null;
    int pages = 0;
    do {
      JsonNode r =
          assertOk(
              get("/v1/keys?vaultId=" + v + "&limit=2" + (page == null ? "" : "&page=" + page)));
      assertThat(r.get("items").size()).isBetween(1, 2);
      r.get("items")
          .forEach(
              item -> {
                seen.add(item.get("id").asText());
                assertThat(item.get("vaultId").asText()).isEqualTo(v);
                assertThat(item.has("versions")).as("list items carry no versions").isFalse();
                assertThat(item.get("algorithm").asText()).isEqualTo("AES_128");
              });
      page = r.has("nextPage") ? r.get("nextPage").asText() : null;
      pages++;
    } while (page != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(ids);

    JsonNode all = assertOk(get("/v1/keys?limit=1000"));
    List<String> allIds = new ArrayList<>();
    all.get("items").forEach(i -> allIds.add(i.get("id").asText()));
    assertThat(allIds).containsAll(ids);
    assertThat(all.has("nextPage")).isFalse();

    assertError(get("/v1/keys?vaultId=vault_nope"), 404, "NOT_FOUND");
    for (String limit : new String[] {"0", "1001", "-1", "ten"}) {
      assertError(get("/v1/keys?vaultId=" + v + "&limit=" + limit), 400, "INVALID_ARGUMENT");
    }
    assertError(get("/v1/keys?page=%21%21%21"), 400, "INVALID_ARGUMENT");
  }

  @Test
  void patchUpdatesDescriptionTagsAndRotation() throws Exception {
    JsonNode k = createKey(json("vaultId", vault, "name", "patched", "algorithm", "HMAC_SHA256"));
    String id = k.get("id").asText();
    JsonNode p1 =
        assertOk(
            node.call(
                "PATCH",
                "/v1/keys/" + id,
                json("description", "new", "tags", Map.of("k", "v"), "rotationPeriodDays", 90)));
    assertThat(p1.get("description").asText()).isEqualTo("new");
    assertThat(p1.get("tags").get("k").asText()).isEqualTo("v");
    assertThat(p1.get("rotationPeriodDays").asInt()).isEqualTo(90);
    assertThat(p1.has("nextRotationAt")).isTrue();
    assertThat(p1.get("versions")).hasSize(1);
    assertThat(Instant.parse(p1.get("updatedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(k.get("updatedAt").asText()));

    // Absent fields stay; 0 turns automatic rotation off.
    JsonNode p2 = assertOk(node.call("PATCH", "/v1/keys/" + id, json("rotationPeriodDays", 0)));
    assertThat(p2.get("description").asText()).isEqualTo("new");
    assertThat(p2.get("tags").get("k").asText()).isEqualTo("v");
    assertThat(p2.get("rotationPeriodDays").asInt()).isZero();
    assertThat(p2.has("nextRotationAt")).isFalse();
    assertThat(assertOk(get("/v1/keys/" + id))).isEqualTo(p2);

    assertError(
        node.call("PATCH", "/v1/keys/" + id, json("rotationPeriodDays", -1)),
        400,
        "INVALID_ARGUMENT");
    assertError(
        node.call("PATCH", "/v1/keys/" + id, json("rotationPeriodDays", 3651)),
        400,
        "INVALID_ARGUMENT");
    assertError(
        node.call("PATCH", "/v1/keys/" + id, json("tags", List.of())), 400, "INVALID_ARGUMENT");
    assertError(
        node.call("PATCH", "/v1/keys/" + id, json("description", 5)), 400, "INVALID_ARGUMENT");
    assertError(
        node.call("PATCH", "/v1/keys/key_nope", json("description", "x")), 404, "NOT_FOUND");
  }

  @Test
  void rotationKeepsOldCiphertextsDecryptable() throws Exception {
    String id = node.createKey(vault, "rotating-aes", "AES_256");
    byte[] plaintext = "version one secret".getBytes(StandardCharsets.UTF_8);
    String v1 = encrypt(id, plaintext);

    JsonNode r1 = action(id, "rotate");
    assertThat(r1.get("currentVersion").asInt()).isEqualTo(2);
    JsonNode r2 = action(id, "rotate");
    assertThat(r2.get("currentVersion").asInt()).isEqualTo(3);
    assertThat(r2.get("versions")).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertThat(r2.get("versions").get(i).get("version").asInt()).isEqualTo(i + 1);
      assertThat(r2.get("versions").get(i).get("state").asText()).isEqualTo("ENABLED");
    }

    JsonNode dec = assertOk(decrypt(v1));
    assertThat(unbase64(dec.get("plaintext").asText())).isEqualTo(plaintext);
    assertThat(dec.get("keyVersion").asInt()).isEqualTo(1);

    JsonNode enc = ok("/v1/keys/" + id + "/encrypt", json("plaintext", base64(plaintext)));
    assertThat(enc.get("keyVersion").asInt()).isEqualTo(3);
    assertThat(assertOk(decrypt(enc.get("ciphertext").asText())).get("keyVersion").asInt())
        .isEqualTo(3);

    // Re-encrypt moves the old ciphertext to the current version, same plaintext.
    JsonNode re = ok("/v1/keys/" + id + "/re-encrypt", json("ciphertext", v1));
    assertThat(re.get("keyId").asText()).isEqualTo(id);
    assertThat(re.get("keyVersion").asInt()).isEqualTo(3);
    JsonNode reDec = assertOk(decrypt(re.get("ciphertext").asText()));
    assertThat(reDec.get("keyVersion").asInt()).isEqualTo(3);
    assertThat(unbase64(reDec.get("plaintext").asText())).isEqualTo(plaintext);

    // Re-encrypt keeps the AAD binding.
    String aad = base64("bound");
    String v3WithAad =
        ok("/v1/keys/" + id + "/encrypt", json("plaintext", base64(plaintext), "aad", aad))
            .get("ciphertext")
            .asText();
    assertError(
        post("/v1/keys/" + id + "/re-encrypt", json("ciphertext", v3WithAad)),
        400,
        "DECRYPTION_FAILED");
    JsonNode reAad =
        ok("/v1/keys/" + id + "/re-encrypt", json("ciphertext", v3WithAad, "aad", aad));
    assertError(decrypt(reAad.get("ciphertext").asText()), 400, "DECRYPTION_FAILED");
    assertThat(
            ok("/v1/decrypt", json("ciphertext", reAad.get("ciphertext").asText(), "aad", aad))
                .get("plaintext")
                .asText())
        .isEqualTo(base64(plaintext));

    // Re-encrypting under another key moves it there.
    String other = node.createKey(vault, "rotating-aes-target", "AES_128");
    JsonNode moved = ok("/v1/keys/" + other + "/re-encrypt", json("ciphertext", v1));
    assertThat(moved.get("keyId").asText()).isEqualTo(other);
    assertThat(assertOk(decrypt(moved.get("ciphertext").asText())).get("plaintext").asText())
        .isEqualTo(base64(plaintext));
  }

  @Test
  void rotationKeepsOldSignaturesVerifiable() throws Exception {
    String id = node.createKey(vault, "rotating-ec", "EC_P256");
    String message = base64("signed at version 1");
    JsonNode sig =
        ok("/v1/keys/" + id + "/sign", json("message", message, "algorithm", "ECDSA_SHA256"));
    assertThat(sig.get("keyVersion").asInt()).isEqualTo(1);
    String signature = sig.get("signature").asText();
    String pem1 = assertOk(get("/v1/keys/" + id + "/public-key")).get("publicKey").asText();

    action(id, "rotate");
    action(id, "rotate");
    JsonNode sig3 =
        ok("/v1/keys/" + id + "/sign", json("message", message, "algorithm", "ECDSA_SHA256"));
    assertThat(sig3.get("keyVersion").asInt()).isEqualTo(3);

    String verify = "/v1/keys/" + id + "/verify";
    assertThat(ok(verify, verifyBody(message, signature, null)).get("valid").asBoolean())
        .as("without keyVersion, any version's signature verifies")
        .isTrue();
    assertThat(ok(verify, verifyBody(message, signature, 1)).get("valid").asBoolean()).isTrue();
    assertThat(ok(verify, verifyBody(message, signature, 3)).get("valid").asBoolean()).isFalse();
    String signature3 = sig3.get("signature").asText();
    assertThat(ok(verify, verifyBody(message, signature3, 3)).get("valid").asBoolean()).isTrue();
    assertError(post(verify, verifyBody(message, signature, 4)), 400, "INVALID_ARGUMENT");
    assertError(post(verify, verifyBody(message, signature, 0)), 400, "INVALID_ARGUMENT");

    JsonNode pk = assertOk(get("/v1/keys/" + id + "/public-key"));
    assertThat(pk.get("keyVersion").asInt()).isEqualTo(3);
    assertThat(pk.get("publicKey").asText()).isNotEqualTo(pem1);
    assertThat(assertOk(get("/v1/keys/" + id + "/public-key?version=1")).get("publicKey").asText())
        .isEqualTo(pem1);
    // The version-1 signature checks out with the version-1 public key, outside Clavis.
    assertThat(
            KeyAlgorithmsApiTest.jdkVerify(
                "ECDSA_SHA256",
                KeyAlgorithmsApiTest.parsePem(pem1, "EC_P256"),
                unbase64(message),
                unbase64(signature)))
        .isTrue();
  }

  /** An ECDSA_SHA256 verify request, with or without a key version. */
  private static String verifyBody(String message, String signature, Integer keyVersion) {
    return keyVersion == null
        ? json("message", message, "signature", signature, "algorithm", "ECDSA_SHA256")
        : json(
            "message",
            message,
            "signature",
            signature,
            "algorithm",
            "ECDSA_SHA256",
            "keyVersion",
            keyVersion);
  }

  @Test
  void rotationKeepsOldMacsVerifiable() throws Exception {
    String id = node.createKey(vault, "rotating-hmac", "HMAC_SHA384");
    String message = base64("mac at version 1");
    JsonNode mac = ok("/v1/keys/" + id + "/mac", json("message", message));
    action(id, "rotate");
    JsonNode mac2 = ok("/v1/keys/" + id + "/mac", json("message", message));
    assertThat(mac2.get("keyVersion").asInt()).isEqualTo(2);
    assertThat(mac2.get("mac").asText()).isNotEqualTo(mac.get("mac").asText());
    String verify = "/v1/keys/" + id + "/verify-mac";
    assertThat(
            ok(verify, json("message", message, "mac", mac.get("mac").asText()))
                .get("valid")
                .asBoolean())
        .isTrue();
    assertThat(
            ok(verify, json("message", message, "mac", mac.get("mac").asText(), "keyVersion", 1))
                .get("valid")
                .asBoolean())
        .isTrue();
    assertThat(
            ok(verify, json("message", message, "mac", mac.get("mac").asText(), "keyVersion", 2))
                .get("valid")
                .asBoolean())
        .isFalse();
    assertError(
        post(verify, json("message", message, "mac", mac.get("mac").asText(), "keyVersion", 3)),
        400,
        "INVALID_ARGUMENT");
  }

  @Test
  void disableAndEnable() throws Exception {
    String id = node.createKey(vault, "toggled", "AES_256");
    String ciphertext = encrypt(id, new byte[] {1, 2, 3});

    JsonNode disabled = action(id, "disable");
    assertThat(disabled.get("state").asText()).isEqualTo("DISABLED");
    assertThat(assertOk(get("/v1/keys/" + id)).get("state").asText()).isEqualTo("DISABLED");
    assertError(
        post("/v1/keys/" + id + "/encrypt", json("plaintext", "AQID")), 409, "KEY_NOT_ENABLED");
    assertError(decrypt(ciphertext), 409, "KEY_NOT_ENABLED");
    assertError(
        post("/v1/keys/" + id + "/decrypt", json("ciphertext", ciphertext)),
        409,
        "KEY_NOT_ENABLED");
    assertError(post("/v1/keys/" + id + "/generate-data-key", "{}"), 409, "KEY_NOT_ENABLED");
    assertError(
        post("/v1/keys/" + id + "/re-encrypt", json("ciphertext", ciphertext)),
        409,
        "KEY_NOT_ENABLED");
    // Disabling a disabled key is allowed, and so is rotating it.
    assertThat(action(id, "disable").get("state").asText()).isEqualTo("DISABLED");
    assertThat(action(id, "rotate").get("currentVersion").asInt()).isEqualTo(2);

    JsonNode enabled = action(id, "enable");
    assertThat(enabled.get("state").asText()).isEqualTo("ENABLED");
    assertThat(assertOk(decrypt(ciphertext)).get("plaintext").asText()).isEqualTo("AQID");
    assertThat(
            ok("/v1/keys/" + id + "/encrypt", json("plaintext", "AQID")).get("keyVersion").asInt())
        .isEqualTo(2);
    assertThat(action(id, "enable").get("state").asText()).isEqualTo("ENABLED");
  }

  @Test
  void disabledSigningAndMacKeysRefuseEveryOperation() throws Exception {
    String ec = node.createKey(vault, "disabled-ec", "EC_P384");
    String hmac = node.createKey(vault, "disabled-hmac", "HMAC_SHA256");
    action(ec, "disable");
    action(hmac, "disable");
    String m = base64("m");
    assertError(
        post("/v1/keys/" + ec + "/sign", json("message", m, "algorithm", "ECDSA_SHA384")),
        409,
        "KEY_NOT_ENABLED");
    assertError(
        post(
            "/v1/keys/" + ec + "/verify",
            json("message", m, "signature", m, "algorithm", "ECDSA_SHA384")),
        409,
        "KEY_NOT_ENABLED");
    assertError(post("/v1/keys/" + hmac + "/mac", json("message", m)), 409, "KEY_NOT_ENABLED");
    assertError(
        post("/v1/keys/" + hmac + "/verify-mac", json("message", m, "mac", m)),
        409,
        "KEY_NOT_ENABLED");
    // The public key stays readable while the key is disabled.
    assertOk(get("/v1/keys/" + ec + "/public-key"));
  }

  @Test
  void scheduleAndCancelDeletion() throws Exception {
    String id = node.createKey(vault, "doomed", "AES_256");
    String ciphertext = encrypt(id, new byte[] {9});

    for (int days : new int[] {6, 31, 0, -7}) {
      assertError(
          post("/v1/keys/" + id + "/schedule-deletion", json("pendingDays", days)),
          400,
          "INVALID_ARGUMENT");
    }
    assertError(
        post("/v1/keys/" + id + "/schedule-deletion", json("pendingDays", "7")),
        400,
        "INVALID_ARGUMENT");
    assertThat(assertOk(get("/v1/keys/" + id)).get("state").asText()).isEqualTo("ENABLED");

    Instant before = Instant.now();
    JsonNode pending = ok("/v1/keys/" + id + "/schedule-deletion", json("pendingDays", 7));
    assertThat(pending.get("state").asText()).isEqualTo("PENDING_DELETION");
    assertThat(Instant.parse(pending.get("deletionTime").asText()))
        .isCloseTo(before.plus(Duration.ofDays(7)), within(1, ChronoUnit.MINUTES));
    assertThat(pending.has("nextRotationAt")).isFalse();

    assertError(
        post("/v1/keys/" + id + "/encrypt", json("plaintext", "AQ==")), 409, "KEY_NOT_ENABLED");
    assertError(decrypt(ciphertext), 409, "KEY_NOT_ENABLED");
    // Invalid transitions out of PENDING_DELETION.
    for (String action : new String[] {"enable", "disable", "rotate", "schedule-deletion"}) {
      assertError(post("/v1/keys/" + id + "/" + action, "{}"), 409, "INVALID_STATE");
    }
    assertThat(assertOk(get("/v1/keys/" + id)).get("state").asText()).isEqualTo("PENDING_DELETION");

    JsonNode cancelled = action(id, "cancel-deletion");
    assertThat(cancelled.get("state").asText()).isEqualTo("ENABLED");
    assertThat(cancelled.has("deletionTime")).isFalse();
    assertThat(assertOk(decrypt(ciphertext)).get("plaintext").asText()).isEqualTo("CQ==");
    assertError(post("/v1/keys/" + id + "/cancel-deletion"), 409, "INVALID_STATE");

    // Without a body the pending period is 30 days; from DISABLED it works too and cancels to
    // ENABLED.
    action(id, "disable");
    Instant before30 = Instant.now();
    JsonNode pending30 = action(id, "schedule-deletion");
    assertThat(Instant.parse(pending30.get("deletionTime").asText()))
        .isCloseTo(before30.plus(Duration.ofDays(30)), within(1, ChronoUnit.MINUTES));
    assertThat(action(id, "cancel-deletion").get("state").asText()).isEqualTo("ENABLED");
    JsonNode pendingMax = ok("/v1/keys/" + id + "/schedule-deletion", json("pendingDays", 30));
    assertThat(pendingMax.get("state").asText()).isEqualTo("PENDING_DELETION");
  }

  @Test
  void concurrentRotationsAllSucceed() throws Exception {
    String id = node.createKey(vault, "rotated-concurrently", "AES_128");
    int rotations = 12;
    List<Response> answers = concurrently(rotations, () -> post("/v1/keys/" + id + "/rotate"));
    Set<Integer> versions = new HashSet<>();
    for (Response r : answers) {
      versions.add(assertOk(r).get("currentVersion").asInt());
    }
    assertThat(versions).as("each rotation made its own version").hasSize(rotations);
    JsonNode key = assertOk(get("/v1/keys/" + id));
    assertThat(key.get("currentVersion").asInt()).isEqualTo(rotations + 1);
    assertThat(key.get("versions")).hasSize(rotations + 1);
    assertThat(
            ok("/v1/keys/" + id + "/encrypt", json("plaintext", "AA==")).get("keyVersion").asInt())
        .isEqualTo(rotations + 1);
  }

  @Test
  void concurrentCreationsOfOneNameMakeOneKey() throws Exception {
    List<Response> answers =
        concurrently(
            8,
            () ->
                post(
                    "/v1/keys",
                    json("vaultId", vault, "name", "raced-name", "algorithm", "AES_128")));
    assertThat(answers.stream().filter(r -> r.status() == 201)).hasSize(1);
    answers.stream().filter(r -> r.status() != 201).forEach(r -> assertError(r, 409, "NAME_TAKEN"));
    JsonNode list = assertOk(get("/v1/keys?vaultId=" + vault + "&limit=1000"));
    List<String> named = new ArrayList<>();
    list.get("items")
        .forEach(
            i -> {
              if (i.get("name").asText().equals("raced-name")) {
                named.add(i.get("id").asText());
              }
            });
    assertThat(named).hasSize(1);
  }

  private static List<Response> concurrently(int n, Callable<Response> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<Response> out = new ArrayList<>();
      for (Future<Response> f : futures) {
        out.add(f.get(60, TimeUnit.SECONDS));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void unknownKeysAreNotFound() throws Exception {
    assertError(get("/v1/keys/key_nope"), 404, "NOT_FOUND");
    for (String action :
        new String[] {"rotate", "enable", "disable", "schedule-deletion", "cancel-deletion"}) {
      assertError(post("/v1/keys/key_nope/" + action), 404, "NOT_FOUND");
    }
    assertError(post("/v1/keys/key_nope/encrypt", json("plaintext", "AA==")), 404, "NOT_FOUND");
    assertError(post("/v1/keys/key_nope/generate-data-key", "{}"), 404, "NOT_FOUND");
    assertError(post("/v1/keys/key_nope/re-encrypt", json("ciphertext", "AA==")), 404, "NOT_FOUND");
    assertError(
        post("/v1/keys/key_nope/sign", json("message", "AA==", "algorithm", "ECDSA_SHA256")),
        404,
        "NOT_FOUND");
    assertError(
        post(
            "/v1/keys/key_nope/verify",
            json("message", "AA==", "signature", "AA==", "algorithm", "ECDSA_SHA256")),
        404,
        "NOT_FOUND");
    assertError(post("/v1/keys/key_nope/mac", json("message", "AA==")), 404, "NOT_FOUND");
    assertError(
        post("/v1/keys/key_nope/verify-mac", json("message", "AA==", "mac", "AA==")),
        404,
        "NOT_FOUND");
    assertError(get("/v1/keys/key_nope/public-key"), 404, "NOT_FOUND");
  }

  @Test
  void keysOfAVaultInAnotherCompartmentCarryItsCompartment() throws Exception {
    String compartment =
        assertOk(post("/v1/compartments", json("name", "key-compartment")), 201).get("id").asText();
    String v =
        assertOk(
                post("/v1/vaults", json("name", "in-compartment", "compartmentId", compartment)),
                201)
            .get("id")
            .asText();
    Response k = node.createKeyResponse(v, "k", "AES_256");
    assertThat(k.text("compartmentId")).isEqualTo(compartment);
    assertThat(k.text("vaultId")).isEqualTo(v);
  }
}
