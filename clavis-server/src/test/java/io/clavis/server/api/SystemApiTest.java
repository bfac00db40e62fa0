package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.json;
import static io.clavis.server.testing.TestNode.unbase64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.node.ClavisNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Health, seal status, tokens and random bytes on an initialised, unsealed node. */
class SystemApiTest extends SharedNodeApiTest {

  @Test
  void healthOfAnActiveNode() throws Exception {
    for (String path : new String[] {"/v1/sys/health", "/v1/sys/health?writable=true"}) {
      JsonNode h = assertOk(node.call("GET", path, null, null));
      assertThat(h.get("status").asText()).isEqualTo("ok");
      assertThat(h.get("mode").asText()).isEqualTo("ACTIVE");
      assertThat(h.get("initialized").asBoolean()).isTrue();
      assertThat(h.get("sealed").asBoolean()).isFalse();
      assertThat(h.get("writable").asBoolean()).isTrue();
      assertThat(h.get("node").asText()).isEqualTo(node.node().identity().name());
      assertThat(h.get("version").asText()).isEqualTo(ClavisNode.VERSION);
    }
  }

  @Test
  void sealStatusOfAnUnsealedPassphraseNode() throws Exception {
    JsonNode s = assertOk(node.call("GET", "/v1/sys/seal-status", null, null));
    assertThat(s.get("initialized").asBoolean()).isTrue();
    assertThat(s.get("sealed").asBoolean()).isFalse();
    assertThat(s.get("type").asText()).isEqualTo("passphrase");
    assertThat(s.get("threshold").asInt()).isEqualTo(1);
    assertThat(s.get("shares").asInt()).isEqualTo(1);
    assertThat(s.get("progress").asInt()).isZero();
  }

  @Test
  void initTwiceIsAConflict() throws Exception {
    assertError(
        node.call(
            "POST", "/v1/sys/init", json("type", "passphrase", "passphrase", "x".repeat(12)), null),
        409,
        "ALREADY_INITIALIZED");
    assertError(
        node.call(
            "POST", "/v1/sys/init", json("type", "shamir", "shares", 3, "threshold", 2), null),
        409,
        "ALREADY_INITIALIZED");
    // The original root token still works.
    assertOk(get("/v1/vaults"));
  }

  @Test
  void unsealingAnUnsealedNodeChangesNothing() throws Exception {
    JsonNode r =
        assertOk(node.call("POST", "/v1/sys/unseal", json("passphrase", PASSPHRASE), null));
    assertThat(r.get("sealed").asBoolean()).isFalse();
    assertOk(get("/v1/vaults"));
  }

  @Test
  void randomBytes() throws Exception {
    for (int n : new int[] {1, 16, 32, 4096}) {
      JsonNode r = ok("/v1/random", json("bytes", n));
      assertThat(unbase64(r.get("random").asText())).hasSize(n);
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      seen.add(ok("/v1/random", json("bytes", 32)).get("random").asText());
    }
    assertThat(seen).as("five calls, five different values").hasSize(5);
    assertError(post("/v1/random", json("bytes", 0)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", 4097)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", -1)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", "{}"), 400, "INVALID_ARGUMENT");
    assertError(node.call("POST", "/v1/random", json("bytes", 8), null), 401, "UNAUTHENTICATED");
  }

  @Test
  void aCreatedTokenWorks() throws Exception {
    Instant before = Instant.now();
    JsonNode t = assertOk(post("/v1/tokens", json("description", "ci pipeline")), 201);
    String token = t.get("token").asText();
    assertThat(token).startsWith("cvs_").isNotEqualTo(node.token());
    assertThat(t.get("id").asText()).startsWith("token_");
    assertThat(Instant.parse(t.get("expiresAt").asText()))
        .as("default lifetime 24h")
        .isCloseTo(before.plus(Duration.ofHours(24)), within(1, ChronoUnit.MINUTES));

    JsonNode vault =
        assertOk(node.call("POST", "/v1/vaults", json("name", "made-by-token"), token), 201);
    // Root's tokens are root tokens: they act as root.
    assertThat(vault.get("createdBy").asText()).isEqualTo("root");
    // A token can make tokens too.
    assertOk(node.call("POST", "/v1/tokens", "{}", token), 201);
    // An empty body is fine: every field is optional.
    assertOk(post("/v1/tokens", null), 201);
  }

  @ParameterizedTest
  @CsvSource({
    "\"90s\",90",
    "\"30m\",1800",
    "\"12h\",43200",
    "\"7d\",604800",
    "3600,3600",
    "\"365d\",31536000"
  })
  void tokenTimeToLive(String ttlJson, long seconds) throws Exception {
    Instant before = Instant.now();
    JsonNode t = assertOk(post("/v1/tokens", "{\"ttl\":" + ttlJson + "}"), 201);
    assertThat(Instant.parse(t.get("expiresAt").asText()))
        .isCloseTo(before.plusSeconds(seconds), within(30, ChronoUnit.SECONDS));
  }

  @Test
  void invalidTokenRequests() throws Exception {
    for (String ttl :
        new String[] {
          "\"0\"",
          "0",
          "-5",
          "\"-5s\"",
          "\"abc\"",
          "\"1x\"",
          "\"366d\"",
          "\"\"",
          "\"s\"",
          "1.5",
          "true",
          "\"99999999999999999999\"",
          "\"8761h\""
        }) {
      assertError(post("/v1/tokens", "{\"ttl\":" + ttl + "}"), 400, "INVALID_ARGUMENT");
    }
    assertError(post("/v1/tokens", json("description", "d".repeat(257))), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/tokens", json("description", 5)), 400, "INVALID_ARGUMENT");
  }

  @Test
  void anExpiredTokenIsRejected() throws Exception {
    JsonNode t = assertOk(post("/v1/tokens", json("ttl", "1s")), 201);
    String token = t.get("token").asText();
    Instant expiresAt = Instant.parse(t.get("expiresAt").asText());
    assertThat(Duration.between(Instant.now(), expiresAt))
        .isLessThanOrEqualTo(Duration.ofSeconds(1));

    await()
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> node.call("GET", "/v1/vaults", null, token).status() == 401);
    assertThat(Instant.now()).isAfterOrEqualTo(expiresAt);
    String message =
        assertError(node.call("GET", "/v1/vaults", null, token), 401, "UNAUTHENTICATED");
    // Expired and unknown tokens are told apart by nobody.
    assertThat(message)
        .isEqualTo(
            assertError(
                node.call("GET", "/v1/vaults", null, "cvs_unknown"), 401, "UNAUTHENTICATED"));
    // Other tokens are unaffected.
    assertOk(get("/v1/vaults"));
  }
}
