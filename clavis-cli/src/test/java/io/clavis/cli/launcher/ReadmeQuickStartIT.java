package io.clavis.cli.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, through the real launcher: {@code bin/clavis dev} starts a node and
 * writes dev.json, and the README's client commands work against it. Also checks that the README
 * and CI name the same test command.
 */
class ReadmeQuickStartIT {
  private static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void readmeAndCiRunTheSameTestCommand() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String ci = Files.readString(ROOT.resolve(".ci/run"));
    assertThat(readme).contains("bin/clavis dev").contains("./mvnw -B verify");
    assertThat(ci).contains("./mvnw -B verify");
  }

  @Test
  void devNodeAndTheReadmeCommandsWork() throws Exception {
    Path data = dir.resolve("data");
    Path log = dir.resolve("dev.log");
    Process dev =
        new ProcessBuilder(
                ROOT.resolve("bin/clavis").toString(),
                "dev",
                "--data",
                data.toString(),
                "--api-port",
                "0",
                "--cluster-port",
                "0",
                "--kmip-port",
                "0")
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(200))
          .until(() -> devJson(data) != null || !dev.isAlive());
      assertThat(dev.isAlive()).as("dev node running; log:\n%s", Files.readString(log)).isTrue();
      JsonNode devJson = devJson(data);
      String out = Files.readString(log);
      assertThat(out).contains(devJson.get("api").asText()).contains(devJson.get("token").asText());

      Map<String, String> env =
          Map.of(
              "CLAVIS_SERVER", devJson.get("api").asText(),
              "CLAVIS_TOKEN", devJson.get("token").asText(),
              "CLAVIS_CACERT", devJson.get("caCert").asText());
      String vaultId =
          json(clavis(env, "vault", "create", "payments", "-o", "json")).get("id").asText();
      String keyId =
          json(clavis(
                  env,
                  "key",
                  "create",
                  "orders",
                  "--vault",
                  vaultId,
                  "--algorithm",
                  "AES_256",
                  "-o",
                  "json"))
              .get("id")
              .asText();
      String ciphertext =
          json(clavis(env, "encrypt", "-k", keyId, "--plaintext", "card 4111", "-o", "json"))
              .get("ciphertext")
              .asText();
      assertThat(clavis(env, "decrypt", "--ciphertext", ciphertext, "--text"))
          .contains("card 4111");
      Path names = Files.write(dir.resolve("names.txt"), List.of("alice", "bob"));
      Path sealed = dir.resolve("names.enc");
      assertThat(
              clavis(
                  env,
                  "encrypt-batch",
                  "-k",
                  keyId,
                  "--text",
                  "--in",
                  names.toString(),
                  "--out",
                  sealed.toString()))
          .isEqualTo("encrypted 2 lines to " + sealed + "\n");
      assertThat(Files.readAllLines(sealed)).hasSize(2).doesNotContain("alice", "bob");
      assertThat(clavis(env, "decrypt-batch", "-k", keyId, "--text", "--in", sealed.toString()))
          .isEqualTo("alice\nbob\n");
      assertThat(
              json(clavis(env, "key", "rotate", keyId, "-o", "json")).get("currentVersion").asInt())
          .isEqualTo(2);
      assertThat(clavis(env, "decrypt", "--ciphertext", ciphertext, "--text"))
          .contains("card 4111");
      assertThat(clavis(env, "key", "list")).contains("orders").contains("AES_256");

      Result bad = run(env, "key", "get", "key_doesnotexist");
      assertThat(bad.exit()).isEqualTo(1);
      assertThat(bad.stderr().strip().lines().toList()).hasSize(1);
      assertThat(bad.stderr()).startsWith("error: ").contains("NOT_FOUND");
    } finally {
      dev.destroyForcibly();
      dev.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static JsonNode devJson(Path data) {
    try {
      Path f = data.resolve("dev.json");
      return Files.exists(f) ? JSON.readTree(f.toFile()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private record Result(int exit, String stdout, String stderr) {}

  private String clavis(Map<String, String> env, String... args) throws Exception {
    Result r = run(env, args);
    assertThat(r.exit()).as("clavis %s: %s", String.join(" ", args), r.stderr()).isZero();
    return r.stdout();
  }

  private Result run(Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(ROOT.resolve("bin/clavis").toString());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  private static JsonNode json(String s) throws IOException {
    return JSON.readTree(s);
  }
}
