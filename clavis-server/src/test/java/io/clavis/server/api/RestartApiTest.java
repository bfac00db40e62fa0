package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything survives a restart on the same data directory; the node comes back sealed. */
class RestartApiTest {
  private static final String PASSPHRASE = "restart-test-passphrase";

  @TempDir Path dir;

  @Test
  void stateSurvivesARestartAndTheNodeComesBackSealed() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize(PASSPHRASE);
      String root = n.token();
      String compartment =
          assertOk(n.call("POST", "/v1/compartments", json("name", "persisted")), 201)
              .get("id")
              .asText();
      JsonNode vault =
          assertOk(
              n.call("POST", "/v1/vaults", json("name", "persisted", "compartmentId", compartment)),
              201);
      String vaultId = vault.get("id").asText();
      String aes = n.createKey(vaultId, "aes", "AES_256");
      String ec = n.createKey(vaultId, "ec", "EC_P384");
      String hmac = n.createKey(vaultId, "hmac", "HMAC_SHA256");
      String rsa = n.createKey(vaultId, "rsa", "RSA_2048");

      String v1Ciphertext =
          n.call(
                  "POST",
                  "/v1/keys/" + aes + "/encrypt",
                  json("plaintext", base64("from v1"), "aad", base64("a")))
              .text("ciphertext");
      String rsaCiphertext =
          n.call("POST", "/v1/keys/" + rsa + "/encrypt", json("plaintext", base64("rsa")))
              .text("ciphertext");
      String signature =
          n.call(
                  "POST",
                  "/v1/keys/" + ec + "/sign",
                  json("message", base64("signed"), "algorithm", "ECDSA_SHA384"))
              .text("signature");
      String mac =
          n.call("POST", "/v1/keys/" + hmac + "/mac", json("message", base64("maced"))).text("mac");
      assertOk(n.call("POST", "/v1/keys/" + aes + "/rotate", null));
      assertOk(n.call("POST", "/v1/keys/" + aes + "/rotate", null));
      assertOk(n.call("POST", "/v1/keys/" + ec + "/rotate", null));
      assertOk(n.call("POST", "/v1/keys/" + hmac + "/disable", null));
      assertOk(
          n.call(
              "PATCH",
              "/v1/keys/" + rsa,
              json("description", "survives", "tags", java.util.Map.of("a", "b"))));
      JsonNode aesBefore = assertOk(n.call("GET", "/v1/keys/" + aes, null));
      JsonNode ecPublicBefore =
          assertOk(n.call("GET", "/v1/keys/" + ec + "/public-key?version=1", null));
      String token =
          assertOk(n.call("POST", "/v1/tokens", json("ttl", "1h")), 201).get("token").asText();
      JsonNode keysBefore = assertOk(n.call("GET", "/v1/keys?vaultId=" + vaultId, null));
      JsonNode compartmentsBefore = assertOk(n.call("GET", "/v1/compartments", null));

      n.stop();
      n.start();

      // Sealed after the restart, until the passphrase is given again.
      JsonNode status = assertOk(n.call("GET", "/v1/sys/seal-status", null, null));
      assertThat(status.get("initialized").asBoolean()).isTrue();
      assertThat(status.get("sealed").asBoolean()).isTrue();
      assertThat(n.call("GET", "/v1/sys/health", null, null).status()).isEqualTo(503);
      assertError(n.call("GET", "/v1/vaults", null, root), 503, "SEALED");
      assertError(
          n.call("POST", "/v1/decrypt", json("ciphertext", v1Ciphertext, "aad", base64("a")), root),
          503,
          "SEALED");
      assertError(
          n.call("POST", "/v1/sys/unseal", json("passphrase", "wrong-passphrase"), null),
          400,
          "INVALID_ARGUMENT");
      assertError(
          n.call("POST", "/v1/sys/init", json("passphrase", PASSPHRASE), null),
          409,
          "ALREADY_INITIALIZED");
      n.unseal(PASSPHRASE);

      // Metadata.
      assertThat(assertOk(n.call("GET", "/v1/vaults/" + vaultId, null))).isEqualTo(vault);
      assertThat(assertOk(n.call("GET", "/v1/keys/" + aes, null))).isEqualTo(aesBefore);
      assertThat(aesBefore.get("currentVersion").asInt()).isEqualTo(3);
      assertThat(aesBefore.get("versions")).hasSize(3);
      assertThat(assertOk(n.call("GET", "/v1/keys/" + hmac, null)).get("state").asText())
          .isEqualTo("DISABLED");
      assertThat(assertOk(n.call("GET", "/v1/keys/" + rsa, null)).get("description").asText())
          .isEqualTo("survives");
      assertThat(assertOk(n.call("GET", "/v1/keys?vaultId=" + vaultId, null)))
          .isEqualTo(keysBefore);
      assertThat(assertOk(n.call("GET", "/v1/compartments", null))).isEqualTo(compartmentsBefore);
      assertThat(assertOk(n.call("GET", "/v1/keys/" + ec + "/public-key?version=1", null)))
          .isEqualTo(ecPublicBefore);

      // Tokens: the root token and the one made before.
      assertOk(n.call("GET", "/v1/vaults", null, root));
      assertOk(n.call("GET", "/v1/vaults", null, token));

      // Old ciphertexts, signatures and MACs.
      JsonNode dec =
          assertOk(
              n.call(
                  "POST",
                  "/v1/decrypt",
                  json("ciphertext", v1Ciphertext, "aad", base64("a")),
                  token));
      assertThat(dec.get("plaintext").asText()).isEqualTo(base64("from v1"));
      assertThat(dec.get("keyVersion").asInt()).isEqualTo(1);
      assertThat(
              assertOk(n.call("POST", "/v1/decrypt", json("ciphertext", rsaCiphertext)))
                  .get("plaintext")
                  .asText())
          .isEqualTo(base64("rsa"));
      assertThat(
              assertOk(
                      n.call(
                          "POST",
                          "/v1/keys/" + ec + "/verify",
                          json(
                              "message",
                              base64("signed"),
                              "signature",
                              signature,
                              "algorithm",
                              "ECDSA_SHA384")))
                  .get("valid")
                  .asBoolean())
          .isTrue();
      assertOk(n.call("POST", "/v1/keys/" + hmac + "/enable", null));
      assertThat(
              assertOk(
                      n.call(
                          "POST",
                          "/v1/keys/" + hmac + "/verify-mac",
                          json("message", base64("maced"), "mac", mac)))
                  .get("valid")
                  .asBoolean())
          .isTrue();
      // New work uses the current versions, and new writes commit.
      assertThat(
              assertOk(
                      n.call(
                          "POST", "/v1/keys/" + aes + "/encrypt", json("plaintext", base64("new"))))
                  .get("keyVersion")
                  .asInt())
          .isEqualTo(3);
      assertThat(
              assertOk(n.call("POST", "/v1/keys/" + aes + "/rotate", null))
                  .get("currentVersion")
                  .asInt())
          .isEqualTo(4);
      assertOk(n.call("POST", "/v1/vaults", json("name", "after-restart")), 201);
      assertError(
          n.call("POST", "/v1/vaults", json("name", "persisted", "compartmentId", compartment)),
          409,
          "NAME_TAKEN");
      assertThat(assertOk(n.call("GET", "/v1/vaults?limit=1000", null)).get("items")).hasSize(2);
    }
  }
}
