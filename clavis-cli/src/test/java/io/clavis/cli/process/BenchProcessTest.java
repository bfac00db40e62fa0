package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.kmip.client.KmipClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code clavis bench} against a real dev node: REST through the SDK and KMIP through the project's
 * KMIP client with dev.json's ready-made KMIP identity. Checks what the report says (fields, no
 * errors, the node that answered), never how fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Path dir;
  private NodeProcess node;
  private String api;
  private String token;
  private String caCert;
  private String nodeName;
  private String vault;
  private String aesKey;
  private String ecKey;
  private JsonNode kmip;
  private String kmipKey;

  @BeforeAll
  void start(@TempDir Path tmp) throws Exception {
    dir = tmp;
    node = new NodeProcess(dir.resolve("dev")).start();
    JsonNode dev = node.devJson();
    api = dev.get("api").asText();
    token = dev.get("token").asText();
    caCert = dev.get("caCert").asText();
    nodeName = dev.get("nodes").get(0).get("name").asText();
    vault = node.call("POST", "/v1/vaults", "{\"name\":\"bench\"}").json().get("id").asText();
    aesKey = createKey("aes", "AES_256");
    ecKey = createKey("ec", "EC_P256");
    kmip = dev.get("kmip");
    try (KmipClient client =
        KmipClient.builder()
            .host(kmip.get("host").asText())
            .port(kmip.get("port").asInt())
            .tls(
                Path.of(caCert),
                Path.of(kmip.get("clientCert").asText()),
                Path.of(kmip.get("clientKey").asText()))
            .build()) {
      kmipKey = client.createAesKey(256, "bench-kmip");
      client.activate(kmipKey);
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void restEncryptInItsOwnProcessReportsTheFiguresAndTheNode() throws Exception {
    NodeProcess.CliResult r =
        NodeProcess.cli(
            dir,
            Map.of(),
            "bench",
            "--server",
            api,
            "--token",
            token,
            "--ca-cert",
            caCert,
            "--op",
            "encrypt",
            "--key",
            aesKey,
            "--duration",
            "2",
            "--warmup",
            "1",
            "--concurrency",
            "4",
            "--progress",
            "--output",
            "json");

    assertThat(r.exit()).as(r.stderr()).isZero();
    JsonNode report = JSON.readTree(r.stdout()); // nothing but the JSON on standard output
    for (String field :
        List.of(
            "op", "protocol", "ops", "errors", "opsPerSec", "p50Ms", "p99Ms", "p999Ms", "byNode")) {
      assertThat(report.has(field)).as("field %s in %s", field, report).isTrue();
    }
    assertThat(report.get("op").asText()).isEqualTo("encrypt");
    assertThat(report.get("protocol").asText()).isEqualTo("rest");
    assertThat(report.get("ops").asLong()).isPositive();
    assertThat(report.get("errors").asLong()).isZero();
    assertThat(report.get("concurrency").asInt()).isEqualTo(4);
    assertThat(report.get("byNode").get(nodeName).asLong()).isEqualTo(report.get("ops").asLong());
    assertThat(report.get("p50Ms").asDouble()).isPositive();
    // progress went to standard error: the run takes 3 s, a line a second
    assertThat(r.stderr()).contains("bench: ").contains(" ops/s ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"decrypt", "generate-data-key", "sign", "create-key", "get"})
  void everyRestOperationRuns(String op) throws Exception {
    List<String> args = new ArrayList<>(List.of("--op", op));
    switch (op) {
      case "sign" -> args.addAll(List.of("--key", ecKey, "--size", "100"));
      case "create-key" -> args.addAll(List.of("--vault", vault));
      default -> args.addAll(List.of("--key", aesKey));
    }

    JsonNode report = benchJson(args);

    assertThat(report.get("op").asText()).isEqualTo(op);
    ranCleanly(report);
    assertThat(report.get("byNode").get(nodeName).asLong()).isPositive();
  }

  @ParameterizedTest
  @ValueSource(strings = {"get", "encrypt", "decrypt"})
  void kmipOperationsRunWithDevJsonsIdentity(String op) throws Exception {
    JsonNode report = benchJson(kmipArgs(op, "1.4"));

    assertThat(report.get("protocol").asText()).isEqualTo("kmip");
    ranCleanly(report);
    String endpoint = kmip.get("host").asText() + ":" + kmip.get("port").asInt();
    assertThat(report.get("byNode").get(endpoint).asLong()).isEqualTo(report.get("ops").asLong());
  }

  @Test
  void kmipWithoutAKeyUsesOneOfItsOwnAndDestroysItAfterwards() throws Exception {
    ranCleanly(benchJson(kmipArgsWithoutKey("encrypt", "1.4")));

    List<String> states = new ArrayList<>();
    String page = "";
    do {
      JsonNode keys = node.call("GET", "/v1/keys" + page, null).json();
      for (JsonNode k : keys.get("items")) {
        if (k.get("name").asText().startsWith("clavis-bench-")) {
          states.add(k.get("state").asText());
        }
      }
      page = keys.hasNonNull("nextPage") ? "?page=" + keys.get("nextPage").asText() : null;
    } while (page != null);
    assertThat(states).hasSize(1).doesNotContain("ENABLED");
  }

  @Test
  void kmipAtVersionTwoCreatesKeys() throws Exception {
    ranCleanly(benchJson(kmipArgsWithoutKey("create-key", "2.0")));
  }

  @Test
  void withoutJsonItPrintsATable() {
    InProcessCli.Result r =
        cli()
            .run(
                "bench",
                "--op",
                "get",
                "--key",
                aesKey,
                "--duration",
                "1",
                "--warmup",
                "0",
                "--concurrency",
                "1");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("OPERATION").contains("OPS/S").contains("NODE " + nodeName);
    assertThat(r.err()).isEmpty(); // no terminal, no --progress: no progress lines
  }

  @Test
  void aWrongKeyStopsAtTheFirstCallWithItsError() {
    InProcessCli.Result r =
        cli().run("bench", "--op", "get", "--key", "key_nope", "--duration", "1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: the first get failed: NOT_FOUND");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void signingWithAnAesKeyIsRefusedBeforeTheRun() {
    InProcessCli.Result r = cli().run("bench", "--op", "sign", "--key", aesKey, "--duration", "1");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo(
            "error: cannot prepare the benchmark: INVALID_ARGUMENT: sign needs an RSA or EC key; "
                + aesKey
                + " is AES_256");
  }

  /** Some operations were measured, and none failed. */
  private static void ranCleanly(JsonNode report) {
    assertThat(report.get("ops").asLong()).as("%s", report).isPositive();
    assertThat(report.get("errors").asLong()).as("%s", report).isZero();
  }

  private List<String> kmipArgsWithoutKey(String op, String version) {
    List<String> args = kmipArgs(op, version);
    args.removeAll(List.of("--key", kmipKey));
    return args;
  }

  private List<String> kmipArgs(String op, String version) {
    return new ArrayList<>(
        List.of(
            "--server",
            "kmip://" + kmip.get("host").asText() + ":" + kmip.get("port").asInt(),
            "--client-cert",
            kmip.get("clientCert").asText(),
            "--client-key",
            kmip.get("clientKey").asText(),
            "--kmip-version",
            version,
            "--op",
            op,
            "--key",
            kmipKey));
  }

  /** Runs bench in this JVM for 1 s with 2 workers and no warm-up; returns its JSON report. */
  private JsonNode benchJson(List<String> extra) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench", "--duration", "1", "--warmup", "0", "--concurrency", "2", "-o", "json"));
    args.addAll(extra);
    InProcessCli.Result r = cli().run(args.toArray(new String[0]));
    assertThat(r.exit()).as("%s: %s", args, r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private InProcessCli cli() {
    return InProcessCli.forNode(node, token);
  }

  private String createKey(String name, String algorithm) throws Exception {
    return node.call(
            "POST",
            "/v1/keys",
            "{\"vaultId\":\""
                + vault
                + "\",\"name\":\""
                + name
                + "\",\"algorithm\":\""
                + algorithm
                + "\"}")
        .json()
        .get("id")
        .asText();
  }
}
