package io.clavis.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.testing.TestNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data directory never holds a secret in the clear: not the root key, not any key version's
 * material, not the passphrase, not a plaintext that was encrypted. Each secret is searched raw, as
 * base64 and as hex, in every file (RocksDB tables and WAL, Raft log, snapshots).
 */
class DataAtRestTest {
  private static final String PASSPHRASE = "a-passphrase-for-the-disk-test";

  @TempDir Path dir;

  @Test
  void noSecretIsWrittenInTheClear() throws Exception {
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    secrets.put("passphrase", PASSPHRASE.getBytes(StandardCharsets.UTF_8));
    try (TestNode n = new TestNode(dir)) {
      n.initialize(PASSPHRASE);
      String vault = n.call("POST", "/v1/vaults", "{\"name\":\"disk\"}").json().get("id").asText();
      List<String> keyIds = new ArrayList<>();
      for (String alg : List.of("AES_128", "AES_256", "HMAC_SHA256", "EC_P256", "RSA_2048")) {
        var k =
            n.call(
                "POST",
                "/v1/keys",
                "{\"vaultId\":\""
                    + vault
                    + "\",\"name\":\""
                    + alg
                    + "\",\"algorithm\":\""
                    + alg
                    + "\"}");
        assertThat(k.status()).isEqualTo(201);
        String id = k.json().get("id").asText();
        keyIds.add(id);
        assertThat(n.call("POST", "/v1/keys/" + id + "/rotate", null).status()).isEqualTo(200);
      }
      byte[] plaintext =
          "the plaintext that must never be stored 7c1e0a".getBytes(StandardCharsets.UTF_8);
      secrets.put("plaintext", plaintext);
      var enc =
          n.call(
              "POST",
              "/v1/keys/" + keyIds.get(1) + "/encrypt",
              "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext) + "\"}");
      assertThat(enc.status()).isEqualTo(200);
      var dataKey = n.call("POST", "/v1/keys/" + keyIds.get(1) + "/generate-data-key", "{}");
      secrets.put("data key", Base64.getDecoder().decode(dataKey.json().get("plaintext").asText()));

      ClavisNode node = n.node();
      secrets.put("root key", node.seal().rootKey().toByteArray(SecretAccess.get()));
      for (String id : keyIds) {
        KeyRecord key = node.keys().get(id);
        for (int v = 1; v <= key.currentVersion(); v++) {
          byte[] material =
              node.keyMaterials()
                  .get(key, v)
                  .orElseThrow()
                  .secret()
                  .toByteArray(SecretAccess.get());
          secrets.put(key.algorithm() + " v" + v, material);
        }
      }
      // A snapshot too, so that checkpoint files are searched as well.
      node.raft().stateMachine().takeSnapshot();
    }
    assertThat(secrets).hasSizeGreaterThan(10);

    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.toString().contains("snapshots"));
    assertThat(files).anyMatch(f -> f.getFileName().toString().startsWith("log_"));
    for (Path f : files) {
      byte[] content = Files.readAllBytes(f);
      for (Map.Entry<String, byte[]> s : secrets.entrySet()) {
        for (byte[] form : forms(s.getValue())) {
          assertThat(indexOf(content, form))
              .as("%s found in %s", s.getKey(), dir.relativize(f))
              .isEqualTo(-1);
        }
      }
    }
  }

  private static List<byte[]> forms(byte[] secret) {
    // A 16-byte window is enough to identify a secret and catches partial copies too.
    byte[] probe =
        secret.length > 32
            ? java.util.Arrays.copyOfRange(secret, secret.length - 32, secret.length)
            : secret;
    return List.of(
        probe,
        base64Tail(secret),
        HexFormat.of().formatHex(probe).getBytes(StandardCharsets.US_ASCII));
  }

  /** The end of the base64 form: encodings (ASN.1 headers) make the start of it common. */
  private static byte[] base64Tail(byte[] secret) {
    String b64 = Base64.getEncoder().withoutPadding().encodeToString(secret);
    return b64.substring(Math.max(0, b64.length() - 20)).getBytes(StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] haystack, byte[] needle) throws IOException {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
