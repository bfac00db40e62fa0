package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clavis dev}: dev.json as promised, and a second run on the same directory resumes. */
class DevModeProcessTest {
  @TempDir Path dir;

  @Test
  void devJsonDescribesTheNodeAndARestartResumesTheSameState() throws Exception {
    Path data = dir.resolve("dev");
    String token;
    String ciphertext;
    String keyId;
    int kmipPort;
    try (NodeProcess node = new NodeProcess(data).start()) {
      var dev = node.devJson();
      assertThat(dev.get("api").asText()).startsWith("https://127.0.0.1:");
      token = dev.get("token").asText();
      assertThat(token).startsWith("cvs_");
      assertThat(Path.of(dev.get("caCert").asText())).exists();
      var n0 = dev.get("nodes").get(0);
      assertThat(n0.get("name").asText()).isNotBlank();
      assertThat(n0.get("api").asText()).isEqualTo(dev.get("api").asText());
      assertThat(n0.get("pid").asLong()).isEqualTo(node.pid());
      assertThat(Path.of(n0.get("data").asText())).isEqualTo(data.toAbsolutePath());
      // The KMIP listener and an administrator's client certificate for it.
      var kmip = dev.get("kmip");
      assertThat(kmip.get("host").asText()).isEqualTo("127.0.0.1");
      assertThat(kmip.get("port").asInt()).isPositive();
      assertThat(Path.of(kmip.get("clientCert").asText())).exists();
      assertThat(Files.readString(Path.of(kmip.get("clientKey").asText()))).contains("PRIVATE KEY");
      kmipPort = kmip.get("port").asInt();

      String vault = node.call("POST", "/v1/vaults", "{\"name\":\"v\"}").json().get("id").asText();
      keyId =
          node.call(
                  "POST",
                  "/v1/keys",
                  "{\"vaultId\":\"" + vault + "\",\"name\":\"k\",\"algorithm\":\"AES_128\"}")
              .json()
              .get("id")
              .asText();
      ciphertext =
          node.call("POST", "/v1/keys/" + keyId + "/encrypt", "{\"plaintext\":\"c2VjcmV0\"}")
              .json()
              .get("ciphertext")
              .asText();
      assertThat(node.stop()).isIn(0, 143);
    }
    String api;
    try (NodeProcess node = new NodeProcess(data).start()) {
      assertThat(node.devJson().get("token").asText()).isEqualTo(token);
      assertThat(node.devJson().get("kmip").get("port").asInt()).isEqualTo(kmipPort);
      var dec = node.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + ciphertext + "\"}");
      assertThat(dec.status()).isEqualTo(200);
      assertThat(dec.json().get("plaintext").asText()).isEqualTo("c2VjcmV0");
      assertThat(dec.json().get("keyId").asText()).isEqualTo(keyId);
      api = node.devJson().get("api").asText();
    }
    // The passphrase and token files are the only plain secrets, and dev mode says so.
    assertThat(Files.readString(dir.resolve("dev.log"))).contains("WARNING: dev mode");
    assertThat(api).isNotBlank();
  }
}
