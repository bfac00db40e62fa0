package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency-Key: a write repeated with the same key is answered once, on any node. */
class IdempotencyApiTest extends SharedNodeApiTest {

  private Response postWithKey(String path, String body, String key) throws Exception {
    return node.callWithHeaders("POST", path, body, Map.of("Idempotency-Key", key));
  }

  private List<String> vaultNames() throws Exception {
    List<String> names = new ArrayList<>();
    assertOk(get("/v1/vaults?limit=1000"))
        .get("items")
        .forEach(v -> names.add(v.get("name").asText()));
    return names;
  }

  @Test
  void aRepeatedCreateIsAnsweredWithTheFirstResultAndWritesOnce() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = json("name", "idem-vault-1");
    Response first = postWithKey("/v1/vaults", body, key);
    JsonNode created = assertOk(first, 201);
    assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();

    Response again = postWithKey("/v1/vaults", body, key);
    assertThat(assertOk(again, 201).get("id").asText()).isEqualTo(created.get("id").asText());
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(vaultNames()).containsOnlyOnce("idem-vault-1");

    // Without the key the same request is a new write, refused because the name is taken.
    assertError(post("/v1/vaults", body), 409, "NAME_TAKEN");
  }

  @Test
  void aRepeatedKeyCreationGivesTheSameKey() throws Exception {
    String vault = node.createVault("idem-vault-keys");
    String body = json("vaultId", vault, "name", "k", "algorithm", "AES_256");
    String key = "create-key:" + UUID.randomUUID();
    String id = assertOk(postWithKey("/v1/keys", body, key), 201).get("id").asText();
    for (int i = 0; i < 3; i++) {
      assertThat(assertOk(postWithKey("/v1/keys", body, key), 201).get("id").asText())
          .isEqualTo(id);
    }
    assertThat(assertOk(get("/v1/keys?vaultId=" + vault)).get("items")).hasSize(1);
  }

  @Test
  void aRejectionIsRepeatedToo() throws Exception {
    node.createVault("idem-taken");
    String key = UUID.randomUUID().toString();
    String body = json("name", "idem-taken");
    assertError(postWithKey("/v1/vaults", body, key), 409, "NAME_TAKEN");
    Response again = postWithKey("/v1/vaults", body, key);
    assertError(again, 409, "NAME_TAKEN");
    assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
  }

  @Test
  void theSameKeyForAnotherRequestIsRefused() throws Exception {
    String key = UUID.randomUUID().toString();
    assertOk(postWithKey("/v1/vaults", json("name", "idem-a"), key), 201);
    String msg =
        assertError(
            postWithKey("/v1/vaults", json("name", "idem-b"), key), 422, "IDEMPOTENCY_KEY_REUSED");
    assertThat(msg).contains("Idempotency-Key");
    assertThat(vaultNames()).doesNotContain("idem-b");
  }

  @Test
  void keysOfDifferentCallersNeverMeet() throws Exception {
    JsonNode user =
        assertOk(
            post("/v1/users", json("name", "idem-user", "groups", List.of("key-admins"))), 201);
    String token =
        assertOk(post("/v1/users/" + user.get("id").asText() + "/tokens", "{}"), 201)
            .get("token")
            .asText();
    String key = UUID.randomUUID().toString();
    assertOk(postWithKey("/v1/vaults", json("name", "idem-root"), key), 201);
    String root = node.token();
    node.useToken(token);
    try {
      // Same key, another caller, another request: a fresh write, not a reuse.
      assertOk(postWithKey("/v1/vaults", json("name", "idem-other"), key), 201);
    } finally {
      node.useToken(root);
    }
  }

  @Test
  void malformedKeysAreRefusedAndChangeNothing() throws Exception {
    for (String bad : List.of("has space", "x".repeat(129), "é")) {
      assertError(
          node.callWithHeaders(
              "POST", "/v1/vaults", json("name", "idem-bad"), Map.of("Idempotency-Key", bad)),
          400,
          "INVALID_ARGUMENT");
    }
    assertThat(vaultNames()).doesNotContain("idem-bad");
  }

  @Test
  void answersAreForgottenOnceTheirRetentionHasPassed() throws Exception {
    String key = UUID.randomUUID().toString();
    String body = json("name", "idem-expiring");
    assertOk(postWithKey("/v1/vaults", body, key), 201);
    node.node().raft().purgeIdempotentAnswers(Instant.now().plus(Duration.ofHours(25)));
    // The stored answer is gone: the repeat is a new write, refused as the name exists.
    assertError(postWithKey("/v1/vaults", body, key), 409, "NAME_TAKEN");
  }

  @Test
  void oneMaintenanceRunForgetsEveryExpiredAnswerBatchAfterBatch() throws Exception {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      keys.add(UUID.randomUUID().toString());
      assertOk(postWithKey("/v1/vaults", json("name", "idem-batch-" + i), keys.get(i)), 201);
    }
    // Two answers an entry: three entries in one run, not one entry a run.
    node.node().raft().purgeIdempotentAnswers(Instant.now().plus(Duration.ofHours(25)), 2);
    for (int i = 0; i < 5; i++) {
      assertError(
          postWithKey("/v1/vaults", json("name", "idem-batch-" + i), keys.get(i)),
          409,
          "NAME_TAKEN");
    }
  }

  @Test
  void aRepeatedTokenRequestGetsAFreshWorkingToken() throws Exception {
    // A token's secret exists only in the answer that made it: a stored answer could not give it
    // back, so the repeat makes another token instead.
    String key = UUID.randomUUID().toString();
    String first = assertOk(postWithKey("/v1/tokens", "{}", key), 201).get("token").asText();
    Response again = postWithKey("/v1/tokens", "{}", key);
    String second = assertOk(again, 201).get("token").asText();
    assertThat(second).isNotEqualTo(first);
    assertThat(again.headers().firstValue("Idempotent-Replayed")).isEmpty();
    for (String t : List.of(first, second)) {
      assertOk(node.call("GET", "/v1/auth/whoami", null, t));
    }
  }
}
