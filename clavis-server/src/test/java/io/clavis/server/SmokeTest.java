package io.clavis.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
  @TempDir Path dir;

  @Test
  void initCreateEncryptDecrypt() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      assertThat(n.call("GET", "/v1/sys/health", null).status()).isEqualTo(503);
      n.initialize("correct horse battery");
      assertThat(n.call("GET", "/v1/sys/health", null).status()).isEqualTo(200);
      var vault = n.call("POST", "/v1/vaults", "{\"name\":\"v1\"}");
      assertThat(vault.status()).as(vault.toString()).isEqualTo(201);
      String vaultId = vault.json().get("id").asText();
      var key =
          n.call(
              "POST",
              "/v1/keys",
              "{\"vaultId\":\"" + vaultId + "\",\"name\":\"k\",\"algorithm\":\"AES_256\"}");
      assertThat(key.status()).as(key.toString()).isEqualTo(201);
      String keyId = key.json().get("id").asText();
      var enc = n.call("POST", "/v1/keys/" + keyId + "/encrypt", "{\"plaintext\":\"aGVsbG8=\"}");
      assertThat(enc.status()).as(enc.toString()).isEqualTo(200);
      var dec =
          n.call(
              "POST",
              "/v1/decrypt",
              "{\"ciphertext\":\"" + enc.json().get("ciphertext").asText() + "\"}");
      assertThat(dec.json().get("plaintext").asText()).isEqualTo("aGVsbG8=");
    }
  }
}
