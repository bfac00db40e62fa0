package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A key whose pending deletion is over is destroyed by the leader's maintenance (run here directly
 * with a clock past the deletion time); over REST it then refuses everything, clearly.
 */
class DestroyedKeyApiTest extends SharedNodeApiTest {

  @Test
  void aDestroyedKeyRefusesEveryOperation() throws Exception {
    String vault = node.createVault("destroyed");
    String aes = node.createKey(vault, "aes", "AES_256");
    String ec = node.createKey(vault, "ec", "EC_P256");
    String ciphertext = encrypt(aes, new byte[] {1, 2});
    String signature =
        ok("/v1/keys/" + ec + "/sign", json("message", base64("m"), "algorithm", "ECDSA_SHA256"))
            .get("signature")
            .asText();
    Instant deletion = Instant.EPOCH;
    for (String k : new String[] {aes, ec}) {
      JsonNode pending = ok("/v1/keys/" + k + "/schedule-deletion", json("pendingDays", 7));
      Instant t = Instant.parse(pending.get("deletionTime").asText());
      deletion = t.isAfter(deletion) ? t : deletion;
    }

    node.node().keys().runMaintenance(deletion.plusSeconds(1));

    for (String k : new String[] {aes, ec}) {
      JsonNode key = assertOk(get("/v1/keys/" + k));
      assertThat(key.get("state").asText()).isEqualTo("DESTROYED");
      assertThat(key.get("deletionTime").asText()).isNotBlank();
      key.get("versions").forEach(v -> assertThat(v.get("state").asText()).isEqualTo("DESTROYED"));
      for (String action :
          new String[] {"enable", "disable", "rotate", "schedule-deletion", "cancel-deletion"}) {
        assertError(post("/v1/keys/" + k + "/" + action, "{}"), 409, "INVALID_STATE");
      }
      assertError(
          node.call("PATCH", "/v1/keys/" + k, json("description", "x")), 409, "INVALID_STATE");
    }
    assertError(decrypt(ciphertext), 409, "KEY_NOT_ENABLED");
    assertError(
        post("/v1/keys/" + aes + "/decrypt", json("ciphertext", ciphertext)),
        409,
        "KEY_NOT_ENABLED");
    assertError(
        post("/v1/keys/" + aes + "/encrypt", json("plaintext", "AA==")), 409, "KEY_NOT_ENABLED");
    assertError(
        post(
            "/v1/keys/" + ec + "/verify",
            json("message", base64("m"), "signature", signature, "algorithm", "ECDSA_SHA256")),
        409,
        "KEY_NOT_ENABLED");
    assertError(get("/v1/keys/" + ec + "/public-key"), 409, "KEY_NOT_ENABLED");
    // Still listed, and its name stays taken.
    assertThat(assertOk(get("/v1/keys?vaultId=" + vault)).get("items")).hasSize(2);
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "aes", "algorithm", "AES_256")),
        409,
        "NAME_TAKEN");
  }
}
