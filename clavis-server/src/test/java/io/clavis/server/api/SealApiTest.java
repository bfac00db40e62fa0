package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Initialisation, sealing and unsealing, with a passphrase and with Shamir shares. A node each. */
class SealApiTest {
  private static final String PASSPHRASE = "seal-test-passphrase";

  @TempDir Path dir;
  private TestNode node;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private JsonNode sealStatus() throws Exception {
    return assertOk(node.call("GET", "/v1/sys/seal-status", null, null));
  }

  private JsonNode unseal(String body) throws Exception {
    return assertOk(node.call("POST", "/v1/sys/unseal", body, null));
  }

  @Test
  void beforeInitialisation() throws Exception {
    node = new TestNode(dir);
    JsonNode health = node.call("GET", "/v1/sys/health", null, null).json();
    assertThat(node.call("GET", "/v1/sys/health", null, null).status()).isEqualTo(503);
    assertThat(health.get("mode").asText()).isEqualTo("UNINITIALIZED");
    assertThat(health.get("status").asText()).isEqualTo("uninitialized");
    assertThat(health.get("initialized").asBoolean()).isFalse();
    assertThat(health.get("sealed").asBoolean()).isTrue();
    assertThat(health.get("writable").asBoolean()).isFalse();

    JsonNode status = sealStatus();
    assertThat(status.get("initialized").asBoolean()).isFalse();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    assertThat(status.has("type")).isFalse();
    assertThat(status.get("progress").asInt()).isZero();

    // Authenticated endpoints: 503 NOT_INITIALIZED, with or without a token.
    assertError(node.call("GET", "/v1/vaults", null, null), 503, "NOT_INITIALIZED");
    assertError(node.call("GET", "/v1/vaults", null, "cvs_anything"), 503, "NOT_INITIALIZED");
    assertError(node.call("POST", "/v1/sys/seal", null, null), 503, "NOT_INITIALIZED");
    assertError(node.call("POST", "/v1/random", json("bytes", 4), "x"), 503, "NOT_INITIALIZED");
    assertError(
        node.call("POST", "/v1/sys/unseal", json("passphrase", PASSPHRASE), null),
        503,
        "NOT_INITIALIZED");
    assertError(
        node.call("POST", "/v1/sys/unseal", json("share", "AQID"), null), 503, "NOT_INITIALIZED");

    // Bad init requests change nothing.
    for (String body :
        List.of(
            "{}",
            json("passphrase", "short"),
            json("passphrase", "x".repeat(1025)),
            json("type", "passphrase"),
            json("type", "passphrase", "passphrase", 12345678),
            json("type", "pgp", "passphrase", PASSPHRASE),
            json("type", "shamir"),
            json("type", "shamir", "shares", 3),
            json("type", "shamir", "shares", 2, "threshold", 3),
            json("type", "shamir", "shares", 17, "threshold", 2),
            json("type", "shamir", "shares", 0, "threshold", 0),
            json("type", "shamir", "shares", "5", "threshold", "3"))) {
      assertError(node.call("POST", "/v1/sys/init", body, null), 400, "INVALID_ARGUMENT");
    }
    assertThat(sealStatus().get("initialized").asBoolean()).isFalse();

    String root = node.initialize(PASSPHRASE);
    assertThat(root).startsWith("cvs_");
    assertThat(sealStatus().get("sealed").asBoolean()).isFalse();
    assertOk(node.call("GET", "/v1/vaults", null));
    assertError(
        node.call("POST", "/v1/sys/init", json("passphrase", PASSPHRASE), null),
        409,
        "ALREADY_INITIALIZED");
  }

  @Test
  void sealAndUnsealWithThePassphrase() throws Exception {
    node = new TestNode(dir);
    node.initialize(PASSPHRASE);
    String vault = node.createVault("v");
    String key = node.createKey(vault, "k", "AES_256");
    String ciphertext =
        node.call("POST", "/v1/keys/" + key + "/encrypt", json("plaintext", base64("kept")))
            .text("ciphertext");

    // Sealing needs a token.
    assertError(node.call("POST", "/v1/sys/seal", null, null), 401, "UNAUTHENTICATED");
    assertThat(sealStatus().get("sealed").asBoolean()).isFalse();

    assertThat(node.node().keyMaterials().unwrappedVersions()).isEqualTo(1);
    var sealed = node.call("POST", "/v1/sys/seal", null);
    assertThat(sealed.status()).isEqualTo(204);
    assertThat(sealed.rawBody()).isEmpty();
    assertThat(node.node().keyMaterials().unwrappedVersions()).isZero(); // forgotten with the root

    JsonNode status = sealStatus();
    assertThat(status.get("initialized").asBoolean()).isTrue();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    var health = node.call("GET", "/v1/sys/health", null, null);
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().get("mode").asText()).isEqualTo("SEALED");
    assertThat(health.json().get("sealed").asBoolean()).isTrue();
    assertThat(node.call("GET", "/v1/sys/health?writable=true", null, null).status())
        .isEqualTo(503);

    // Every authenticated call is refused, whatever the token.
    assertError(node.call("GET", "/v1/vaults", null), 503, "SEALED");
    assertError(node.call("GET", "/v1/keys/" + key, null), 503, "SEALED");
    assertError(node.call("POST", "/v1/decrypt", json("ciphertext", ciphertext)), 503, "SEALED");
    assertError(
        node.call("POST", "/v1/keys/" + key + "/encrypt", json("plaintext", "AA==")),
        503,
        "SEALED");
    assertError(node.call("POST", "/v1/sys/seal", null), 503, "SEALED");
    assertError(node.call("GET", "/v1/vaults", null, null), 503, "SEALED");
    assertError(node.call("GET", "/v1/vaults", null, "cvs_unknown"), 503, "SEALED");
    // Public endpoints still answer.
    assertOk(node.call("GET", "/v1/openapi.json", null, null));

    // Wrong passphrases leave it sealed.
    assertError(
        node.call("POST", "/v1/sys/unseal", json("passphrase", "not-the-passphrase"), null),
        400,
        "INVALID_ARGUMENT");
    assertError(
        node.call("POST", "/v1/sys/unseal", json("passphrase", ""), null), 400, "INVALID_ARGUMENT");
    assertError(node.call("POST", "/v1/sys/unseal", "{}", null), 400, "INVALID_ARGUMENT");
    assertError(
        node.call("POST", "/v1/sys/unseal", json("passphrase", 5), null), 400, "INVALID_ARGUMENT");
    assertError(
        node.call("POST", "/v1/sys/unseal", json("share", "AQID"), null), 400, "INVALID_ARGUMENT");
    assertThat(sealStatus().get("sealed").asBoolean()).isTrue();
    assertError(node.call("GET", "/v1/vaults", null), 503, "SEALED");

    JsonNode unsealed = unseal(json("passphrase", PASSPHRASE));
    assertThat(unsealed.get("sealed").asBoolean()).isFalse();
    assertThat(unsealed.get("progress").asInt()).isZero();
    assertThat(unsealed.get("threshold").asInt()).isEqualTo(1);
    assertThat(sealStatus().get("sealed").asBoolean()).isFalse();
    assertThat(node.call("GET", "/v1/sys/health", null, null).status()).isEqualTo(200);

    var dec = node.call("POST", "/v1/decrypt", json("ciphertext", ciphertext));
    assertThat(assertOk(dec).get("plaintext").asText()).isEqualTo(base64("kept"));
    assertOk(node.call("GET", "/v1/vaults/" + vault, null));
  }

  @Test
  void shamirUnsealNeedsTheThreshold() throws Exception {
    node = new TestNode(dir);
    List<String> shares = node.initializeShamir(5, 3);
    assertThat(shares).hasSize(5).doesNotHaveDuplicates();
    shares.forEach(s -> assertThat(Base64.getDecoder().decode(s)).hasSizeGreaterThan(1));

    JsonNode status = sealStatus();
    assertThat(status.get("type").asText()).isEqualTo("shamir");
    assertThat(status.get("shares").asInt()).isEqualTo(5);
    assertThat(status.get("threshold").asInt()).isEqualTo(3);
    assertThat(status.get("sealed").asBoolean()).isFalse();

    String vault = node.createVault("shamir");
    String key = node.createKey(vault, "k", "AES_128");
    String ciphertext =
        node.call("POST", "/v1/keys/" + key + "/encrypt", json("plaintext", base64("shamir")))
            .text("ciphertext");
    assertThat(node.call("POST", "/v1/sys/seal", null).status()).isEqualTo(204);

    JsonNode p1 = unseal(json("share", shares.get(0)));
    assertThat(p1.get("sealed").asBoolean()).isTrue();
    assertThat(p1.get("progress").asInt()).isEqualTo(1);
    assertThat(p1.get("threshold").asInt()).isEqualTo(3);
    // The same share twice counts once.
    assertThat(unseal(json("share", shares.get(0))).get("progress").asInt()).isEqualTo(1);
    JsonNode p2 = unseal(json("share", shares.get(1)));
    assertThat(p2.get("sealed").asBoolean()).isTrue();
    assertThat(p2.get("progress").asInt()).isEqualTo(2);
    JsonNode s2 = sealStatus();
    assertThat(s2.get("sealed").asBoolean()).isTrue();
    assertThat(s2.get("progress").asInt()).isEqualTo(2);
    assertError(node.call("GET", "/v1/vaults", null), 503, "SEALED");
    // A passphrase is no use on a Shamir node, and changes nothing.
    assertError(
        node.call("POST", "/v1/sys/unseal", json("passphrase", PASSPHRASE), null),
        400,
        "INVALID_ARGUMENT");
    assertThat(sealStatus().get("progress").asInt()).isEqualTo(2);

    JsonNode p3 = unseal(json("share", shares.get(3)));
    assertThat(p3.get("sealed").asBoolean()).isFalse();
    assertThat(p3.get("progress").asInt()).isZero();
    assertThat(sealStatus().get("sealed").asBoolean()).isFalse();
    assertThat(node.call("POST", "/v1/decrypt", json("ciphertext", ciphertext)).text("plaintext"))
        .isEqualTo(base64("shamir"));
  }

  @Test
  void shamirWrongSharesAndReset() throws Exception {
    node = new TestNode(dir);
    List<String> shares = node.initializeShamir(5, 3);
    assertThat(node.call("POST", "/v1/sys/seal", null).status()).isEqualTo(204);

    // Not a share at all.
    for (String bad : new String[] {"not a share", "", "AA==", "AQ"}) {
      assertError(
          node.call("POST", "/v1/sys/unseal", json("share", bad), null), 400, "INVALID_ARGUMENT");
    }
    assertError(
        node.call("POST", "/v1/sys/unseal", json("share", 7), null), 400, "INVALID_ARGUMENT");
    assertThat(sealStatus().get("progress").asInt()).isZero();

    // A corrupted third share: the set does not unseal, the node stays sealed and starts over.
    unseal(json("share", shares.get(0)));
    unseal(json("share", shares.get(1)));
    byte[] corrupted = Base64.getDecoder().decode(shares.get(2));
    corrupted[corrupted.length - 1] ^= 0x01;
    assertError(
        node.call(
            "POST",
            "/v1/sys/unseal",
            json("share", Base64.getEncoder().encodeToString(corrupted)),
            null),
        400,
        "INVALID_ARGUMENT");
    JsonNode status = sealStatus();
    assertThat(status.get("sealed").asBoolean()).isTrue();
    assertThat(status.get("progress").asInt()).isZero();
    assertError(node.call("GET", "/v1/vaults", null), 503, "SEALED");

    // Shares of different lengths do not combine either.
    byte[] shorter = Base64.getDecoder().decode(shares.get(2));
    unseal(json("share", shares.get(0)));
    unseal(json("share", shares.get(1)));
    assertError(
        node.call(
            "POST",
            "/v1/sys/unseal",
            json(
                "share",
                Base64.getEncoder()
                    .encodeToString(java.util.Arrays.copyOf(shorter, shorter.length - 1))),
            null),
        400,
        "INVALID_ARGUMENT");
    assertThat(sealStatus().get("sealed").asBoolean()).isTrue();

    // reset forgets submitted shares.
    assertThat(unseal(json("share", shares.get(4))).get("progress").asInt()).isEqualTo(1);
    JsonNode reset = unseal(json("reset", true));
    assertThat(reset.get("sealed").asBoolean()).isTrue();
    assertThat(reset.get("progress").asInt()).isZero();
    assertThat(reset.get("threshold").asInt()).isEqualTo(3);
    assertThat(sealStatus().get("progress").asInt()).isZero();
    assertError(
        node.call("POST", "/v1/sys/unseal", json("reset", "yes"), null), 400, "INVALID_ARGUMENT");

    // Any three good shares unseal.
    unseal(json("share", shares.get(4)));
    unseal(json("share", shares.get(2)));
    assertThat(unseal(json("share", shares.get(0))).get("sealed").asBoolean()).isFalse();
    assertOk(node.call("GET", "/v1/vaults", null));
  }
}
