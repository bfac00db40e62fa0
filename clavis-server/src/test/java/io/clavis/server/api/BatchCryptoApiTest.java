package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static io.clavis.server.testing.TestNode.unbase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.client.BatchDecryptResult;
import io.clavis.client.BatchItemException;
import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.EncryptResult;
import io.clavis.server.node.NodeConfig;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** encrypt-batch and decrypt-batch: many items in one request, each answered in its place. */
class BatchCryptoApiTest extends SharedNodeApiTest {
  /** A small plaintext limit, so that an item over it fits in a request the listener takes. */
  private static final int MAX_PLAINTEXT = 64 * 1024;

  @Override
  protected NodeConfig configure(NodeConfig config) {
    return config.withMaxPlaintextBytes(MAX_PLAINTEXT);
  }

  private String aesKey(String name) throws Exception {
    return node.createKey(node.createVault("batch-" + name), name, "AES_256");
  }

  private static Map<String, String> item(String field, String value, String aad) {
    return aad == null ? Map.of(field, value) : Map.of(field, value, "aad", aad);
  }

  private List<String> ciphertexts(String key, List<Map<String, String>> items) throws Exception {
    JsonNode answer = ok("/v1/keys/" + key + "/encrypt-batch", json("items", items));
    List<String> out = new ArrayList<>();
    answer.get("items").forEach(i -> out.add(i.get("ciphertext").asText()));
    return out;
  }

  @Test
  void aBatchEncryptsEachItemWithItsOwnAadAndDecryptsInOrder() throws Exception {
    String key = aesKey("round-trip");
    List<Map<String, String>> items =
        List.of(
            item("plaintext", base64("first"), base64("row-1")),
            item("plaintext", base64("second"), null),
            item("plaintext", base64(""), base64("row-3")));
    JsonNode encrypted = ok("/v1/keys/" + key + "/encrypt-batch", json("items", items));
    assertThat(encrypted.get("items")).hasSize(3);
    for (JsonNode e : encrypted.get("items")) {
      assertThat(e.get("keyId").asText()).isEqualTo(key);
      assertThat(e.get("keyVersion").asInt()).isEqualTo(1);
    }
    String first = encrypted.get("items").get(0).get("ciphertext").asText();
    // Each ciphertext is an ordinary one: the single decrypt takes it, with its item's AAD.
    JsonNode single = ok("/v1/decrypt", json("ciphertext", first, "aad", base64("row-1")));
    assertThat(unbase64(single.get("plaintext").asText())).asString().isEqualTo("first");

    List<Map<String, String>> back = new ArrayList<>();
    String[] aads = {base64("row-1"), null, base64("row-3")};
    for (int i = 0; i < 3; i++) {
      back.add(
          item("ciphertext", encrypted.get("items").get(i).get("ciphertext").asText(), aads[i]));
    }
    JsonNode decrypted = ok("/v1/keys/" + key + "/decrypt-batch", json("items", back));
    assertThat(decrypted.get("failed").asInt()).isZero();
    List<String> plaintexts = new ArrayList<>();
    decrypted
        .get("items")
        .forEach(
            d ->
                plaintexts.add(
                    new String(unbase64(d.get("plaintext").asText()), StandardCharsets.UTF_8)));
    assertThat(plaintexts).containsExactly("first", "second", "");
  }

  @Test
  void aBadItemIsAnsweredInItsPlaceAndTheOthersAreStillDecrypted() throws Exception {
    String key = aesKey("bad-items");
    String other = aesKey("other-key");
    List<String> mine =
        ciphertexts(
            key,
            List.of(
                item("plaintext", base64("good"), null),
                item("plaintext", base64("bound"), base64("right"))));
    String othersCiphertext =
        ciphertexts(other, List.of(item("plaintext", base64("x"), null))).get(0);
    byte[] tampered = unbase64(mine.get(0));
    tampered[tampered.length - 1] ^= 1;
    List<Map<String, String>> items =
        List.of(
            item("ciphertext", mine.get(0), null),
            item("ciphertext", base64(tampered), null),
            item("ciphertext", othersCiphertext, null),
            item("ciphertext", "%% not base64", null),
            item("ciphertext", mine.get(1), base64("wrong")),
            item("ciphertext", mine.get(1), base64("right")));
    JsonNode answer = ok("/v1/keys/" + key + "/decrypt-batch", json("items", items));
    assertThat(answer.get("failed").asInt()).isEqualTo(4);
    JsonNode out = answer.get("items");
    assertThat(unbase64(out.get(0).get("plaintext").asText())).asString().isEqualTo("good");
    assertThat(unbase64(out.get(5).get("plaintext").asText())).asString().isEqualTo("bound");
    // One uniform error for every kind of bad ciphertext: nothing tells them apart.
    for (int i = 1; i <= 4; i++) {
      assertThat(out.get(i).has("plaintext")).isFalse();
      assertThat(out.get(i).get("error")).isEqualTo(out.get(1).get("error"));
    }
    assertThat(out.get(1).get("error").get("code").asText()).isEqualTo("DECRYPTION_FAILED");
  }

  @Test
  void aMalformedItemFailsTheWholeRequestAndNamesIt() throws Exception {
    String key = aesKey("malformed");
    String path = "/v1/keys/" + key + "/encrypt-batch";
    String message =
        assertError(
            post(
                path,
                json(
                    "items",
                    List.of(
                        item("plaintext", base64("fine"), null), item("plaintext", "%%", null)))),
            400,
            "INVALID_BASE64");
    assertThat(message).startsWith("items[1]: ");
    assertThat(
            assertError(
                post(path, json("items", List.of(Map.of("aad", base64("no plaintext"))))),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("items[0]: ");
    assertError(post(path, json("items", List.of())), 400, "INVALID_ARGUMENT");
    assertError(post(path, "{}"), 400, "INVALID_ARGUMENT");
    assertError(post(path, json("items", List.of("not an object"))), 400, "INVALID_ARGUMENT");
    assertThat(
            assertError(
                post(
                    "/v1/keys/" + key + "/decrypt-batch",
                    json("items", List.of(Map.of("aad", base64("a"))))),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("items[0]: ");
    assertThat(
            assertError(
                post(
                    "/v1/keys/" + key + "/decrypt-batch",
                    json("items", List.of(item("ciphertext", "AAAA", "%%")))),
                400,
                "INVALID_BASE64"))
        .startsWith("items[0]: ");
    assertThat(
            assertError(
                post(
                    "/v1/keys/" + key + "/decrypt-batch",
                    json(
                        "items", List.of(Map.of("ciphertext", "AAAA"), Map.of("ciphertext", 123)))),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("items[1]: ");
  }

  @Test
  void aBatchHasAtMostAThousandItemsAndLargeOnesAreServedToo() throws Exception {
    String key = aesKey("sizes");
    String path = "/v1/keys/" + key + "/encrypt-batch";
    Map<String, String> one = item("plaintext", base64("x"), null);
    assertError(post(path, json("items", Collections.nCopies(1001, one))), 400, "INVALID_ARGUMENT");
    List<String> ciphertexts = ciphertexts(key, Collections.nCopies(1000, one));
    assertThat(ciphertexts).hasSize(1000).doesNotHaveDuplicates();
    List<Map<String, String>> back = new ArrayList<>();
    ciphertexts.forEach(c -> back.add(item("ciphertext", c, null)));
    JsonNode decrypted = ok("/v1/keys/" + key + "/decrypt-batch", json("items", back));
    assertThat(decrypted.get("failed").asInt()).isZero();
    assertThat(decrypted.get("items")).hasSize(1000);
  }

  @Test
  void aKeyThatCannotBeUsedFailsTheWholeBatch() throws Exception {
    String key = aesKey("disabled");
    String ciphertext = ciphertexts(key, List.of(item("plaintext", base64("x"), null))).get(0);
    assertOk(post("/v1/keys/" + key + "/disable"));
    assertError(
        post(
            "/v1/keys/" + key + "/encrypt-batch",
            json("items", List.of(item("plaintext", base64("x"), null)))),
        409,
        "KEY_NOT_ENABLED");
    assertError(
        post(
            "/v1/keys/" + key + "/decrypt-batch",
            json("items", List.of(item("ciphertext", ciphertext, null)))),
        409,
        "KEY_NOT_ENABLED");
    String hmac = node.createKey(node.createVault("batch-hmac"), "h", "HMAC_SHA256");
    assertError(
        post(
            "/v1/keys/" + hmac + "/encrypt-batch",
            json("items", List.of(item("plaintext", base64("x"), null)))),
        400,
        "INVALID_OPERATION_FOR_KEY");
  }

  @Test
  void aBatchLeavesOneAuditRecordWithItsItemCount() throws Exception {
    String key = aesKey("audited");
    String secret = base64("never-in-the-audit-trail");
    Map<String, String> one = item("plaintext", secret, null);
    Response r = post("/v1/keys/" + key + "/encrypt-batch", json("items", List.of(one, one, one)));
    assertOk(r);
    String requestId = r.requestIdHeader();
    List<JsonNode> records = new ArrayList<>();
    assertOk(get("/v1/audit-events?operation=key.encrypt&keyId=" + key + "&limit=1000"))
        .get("items")
        .forEach(
            e -> {
              if (e.get("requestId").asText().equals(requestId)) {
                records.add(e);
              }
            });
    assertThat(records).hasSize(1);
    JsonNode record = records.get(0);
    assertThat(record.get("result").asText()).isEqualTo("allowed");
    assertThat(record.get("resources").get("keyId").asText()).isEqualTo(key);
    assertThat(record.get("resources").get("items").asText()).isEqualTo("3");
    assertThat(record.toString()).doesNotContain(secret);
  }

  @Test
  void aDecryptBatchIsAuditedWithTheItemsThatFailed() throws Exception {
    String key = aesKey("audited-decrypt");
    String good = ciphertexts(key, List.of(item("plaintext", base64("x"), null))).get(0);
    Response r =
        post(
            "/v1/keys/" + key + "/decrypt-batch",
            json(
                "items",
                List.of(
                    item("ciphertext", good, null),
                    item("ciphertext", "AAAA", null),
                    item("ciphertext", good, base64("wrong")))));
    assertThat(assertOk(r).get("failed").asInt()).isEqualTo(2);
    JsonNode record = null;
    for (JsonNode e :
        assertOk(get("/v1/audit-events?operation=key.decrypt&keyId=" + key + "&limit=1000"))
            .get("items")) {
      if (e.get("requestId").asText().equals(r.requestIdHeader())) {
        record = e;
      }
    }
    assertThat(record).as("the batch's audit record").isNotNull();
    assertThat(record.get("resources").get("items").asText()).isEqualTo("3");
    assertThat(record.get("resources").get("failed").asText()).isEqualTo("2");
  }

  @Test
  void aPolicyAboutKeyDecryptDecidesDecryptBatchToo() throws Exception {
    String compartment =
        assertOk(post("/v1/compartments", json("name", "batch-pol")), 201).get("id").asText();
    String vault =
        assertOk(post("/v1/vaults", json("name", "batch-pol", "compartmentId", compartment)), 201)
            .get("id")
            .asText();
    String key = node.createKey(vault, "k", "AES_256");
    assertOk(post("/v1/groups", json("name", "batch-encrypt-only")), 201);
    assertOk(
        post(
            "/v1/policies",
            json(
                "name",
                "batch-encrypt-only",
                "statements",
                List.of(
                    "allow group batch-encrypt-only to use keys in compartment batch-pol"
                        + " where request.operation != 'key.decrypt'"))),
        201);
    String user =
        assertOk(
                post(
                    "/v1/users",
                    json("name", "batch-pol-user", "groups", List.of("batch-encrypt-only"))),
                201)
            .get("id")
            .asText();
    String token = assertOk(post("/v1/users/" + user + "/tokens", "{}"), 201).get("token").asText();
    Response encrypted =
        node.call(
            "POST",
            "/v1/keys/" + key + "/encrypt-batch",
            json("items", List.of(item("plaintext", base64("x"), null))),
            token);
    String ciphertext = assertOk(encrypted).get("items").get(0).get("ciphertext").asText();
    assertError(
        node.call(
            "POST",
            "/v1/keys/" + key + "/decrypt-batch",
            json("items", List.of(item("ciphertext", ciphertext, null))),
            token),
        403,
        "FORBIDDEN");
    assertError(
        node.call("POST", "/v1/decrypt", json("ciphertext", ciphertext), token), 403, "FORBIDDEN");
  }

  @Test
  void aBatchUnderAnRsaKeyHasAtMost32ItemsEachWithinTheOaepLimit() throws Exception {
    String rsa = node.createKey(node.createVault("batch-rsa"), "r", "RSA_2048");
    String path = "/v1/keys/" + rsa + "/encrypt-batch";
    Map<String, String> small = item("plaintext", base64("x"), null);
    assertThat(
            assertError(
                post(path, json("items", Collections.nCopies(33, small))), 400, "INVALID_ARGUMENT"))
        .contains("at most 32");
    assertThat(
            assertError(
                post(
                    path,
                    json("items", List.of(small, item("plaintext", base64(new byte[191]), null)))),
                400,
                "INVALID_ARGUMENT"))
        .startsWith("items[1]: ");
    List<String> ciphertexts = ciphertexts(rsa, Collections.nCopies(32, small));
    List<Map<String, String>> back = new ArrayList<>();
    ciphertexts.forEach(c -> back.add(item("ciphertext", c, null)));
    JsonNode decrypted = ok("/v1/keys/" + rsa + "/decrypt-batch", json("items", back));
    assertThat(decrypted.get("failed").asInt()).isZero();
    assertError(
        post(
            "/v1/keys/" + rsa + "/decrypt-batch",
            json("items", Collections.nCopies(33, item("ciphertext", ciphertexts.get(0), null)))),
        400,
        "INVALID_ARGUMENT");
  }

  @Test
  void theJavaSdkSendsAndReadsBatches() throws Exception {
    String key = aesKey("sdk");
    try (ClavisClient client =
        ClavisClient.builder()
            .server(node.node().apiUri())
            .caCertificate(node.node().caCertPath())
            .token(node.token())
            .build()) {
      List<byte[]> plaintexts =
          List.of("one".getBytes(StandardCharsets.UTF_8), "two".getBytes(StandardCharsets.UTF_8));
      List<EncryptResult> encrypted =
          client.encryptBatch(
              key, plaintexts, Arrays.asList("aad-1".getBytes(StandardCharsets.UTF_8), null));
      assertThat(encrypted).hasSize(2).allSatisfy(e -> assertThat(e.keyId()).isEqualTo(key));

      List<BatchDecryptResult> decrypted =
          client.decryptBatch(
              key,
              List.of(
                  encrypted.get(0).ciphertext(),
                  encrypted.get(1).ciphertext(),
                  encrypted.get(0).ciphertext()),
              Arrays.asList("aad-1".getBytes(StandardCharsets.UTF_8), null, null));
      assertThat(decrypted.get(0).orThrow().plaintextAsString()).isEqualTo("one");
      assertThat(decrypted.get(1).orThrow().plaintextAsString()).isEqualTo("two");
      // The third lacks its AAD: it fails in its place, and says why only when asked.
      assertThat(decrypted.get(2).ok()).isFalse();
      assertThat(decrypted.get(2).errorCode()).isEqualTo("DECRYPTION_FAILED");
      assertThatThrownBy(() -> decrypted.get(2).orThrow())
          .isInstanceOf(ClavisException.class)
          .hasMessage("the ciphertext cannot be decrypted");

      // Longer lists go in several requests; a refused item is named by its place in the list.
      List<byte[]> many = new ArrayList<>(Collections.nCopies(2_500, plaintexts.get(0)));
      List<EncryptResult> all = client.encryptBatch(key, many);
      assertThat(all).hasSize(2_500);
      List<BatchDecryptResult> back =
          client.decryptBatch(key, all.stream().map(EncryptResult::ciphertext).toList());
      assertThat(back).hasSize(2_500).allMatch(BatchDecryptResult::ok);
      assertThat(client.encryptBatch(key, List.of())).isEmpty();
      many.set(1_234, new byte[MAX_PLAINTEXT + 1]);
      assertThatThrownBy(() -> client.encryptBatch(key, many))
          .isInstanceOf(ClavisException.class)
          .hasMessageStartingWith("items[1234]: ")
          .isInstanceOfSatisfying(
              BatchItemException.class, e -> assertThat(e.item()).isEqualTo(1_234));
      assertThatThrownBy(() -> client.encryptBatch(key, plaintexts, List.of(new byte[0])))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
