package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clavis server} as an operator runs it: first start uninitialised, {@code clavis init} with
 * Shamir shares, and after a SIGKILL the node comes back sealed until {@code clavis unseal} has
 * been given enough shares; then the keys are all there.
 */
class ServerModeProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void initWithSharesKillRestartSealedUnsealWithThresholdShares() throws Exception {
    Path data = dir.resolve("node");
    try (NodeProcess node = new NodeProcess(data)) {
      String api = node.startServer();
      Map<String, String> env =
          Map.of("CLAVIS_SERVER", api, "CLAVIS_CACERT", data.resolve("tls/ca.pem").toString());

      JsonNode status = json(NodeProcess.cli(dir, env, "status", "-o", "json"));
      assertThat(status.toString()).contains("\"initialized\":false");

      var init =
          NodeProcess.cli(
              dir,
              env,
              "init",
              "--type",
              "shamir",
              "--shares",
              "5",
              "--threshold",
              "3",
              "-o",
              "json");
      assertThat(init.exit()).as(init.stderr()).isZero();
      JsonNode initJson = JSON.readTree(init.stdout());
      String token = initJson.get("rootToken").asText();
      List<String> shares = new ArrayList<>();
      initJson.get("shares").forEach(s -> shares.add(s.asText()));
      assertThat(shares).hasSize(5).doesNotHaveDuplicates();

      Map<String, String> auth = new java.util.HashMap<>(env);
      auth.put("CLAVIS_TOKEN", token);
      String vault =
          json(NodeProcess.cli(dir, auth, "vault", "create", "ops", "-o", "json"))
              .get("id")
              .asText();
      String key =
          json(NodeProcess.cli(
                  dir,
                  auth,
                  "key",
                  "create",
                  "k",
                  "--vault",
                  vault,
                  "--algorithm",
                  "EC_P256",
                  "-o",
                  "json"))
              .get("id")
              .asText();

      node.kill9();
      node.startServer();

      var sealed = NodeProcess.cli(dir, auth, "key", "get", key);
      assertThat(sealed.exit()).isEqualTo(1);
      assertThat(sealed.stderr()).contains("SEALED");

      var first = NodeProcess.cli(dir, env, "unseal", "--share", shares.get(4), "-o", "json");
      assertThat(json(first).get("sealed").asBoolean()).isTrue();
      assertThat(json(first).get("progress").asInt()).isEqualTo(1);
      NodeProcess.cli(dir, env, "unseal", "--share", shares.get(1), "-o", "json");
      var third = NodeProcess.cli(dir, env, "unseal", "--share", shares.get(2), "-o", "json");
      assertThat(json(third).get("sealed").asBoolean()).isFalse();

      JsonNode restored = json(NodeProcess.cli(dir, auth, "key", "get", key, "-o", "json"));
      assertThat(restored.get("algorithm").asText()).isEqualTo("EC_P256");
      var signed =
          NodeProcess.cli(
              dir,
              auth,
              "sign",
              "-k",
              key,
              "--algorithm",
              "ECDSA_SHA256",
              "--message",
              "hello",
              "-o",
              "json");
      assertThat(signed.exit()).as(signed.stderr()).isZero();
    }
  }

  private static JsonNode json(NodeProcess.CliResult r) throws Exception {
    assertThat(r.exit()).as("stderr: %s", r.stderr()).isZero();
    return JSON.readTree(r.stdout());
  }
}
