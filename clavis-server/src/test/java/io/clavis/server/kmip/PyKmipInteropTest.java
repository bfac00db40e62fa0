package io.clavis.server.kmip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.testing.TestNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability with PyKMIP 0.10 (Debian's python3-pykmip), a client this test does not control:
 * its Discover Versions and Query against a real node, at KMIP 1.2 (its default), 1.4 and 2.0.
 * PyKMIP reads responses positionally and strictly, so a header field too many or a payload field
 * out of order fails here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyKmipInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNode node;
  private Path script;
  private Path[] pem;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        pyKmipAvailable(),
        "PyKMIP is not installed: /usr/bin/python3 cannot import kmip (apt-get install"
            + " python3-pykmip); skipping the interoperability test");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-interop-passphrase");
    KmipTestIdentity client = KmipTestIdentity.registered(node, "pykmip-client", List.of());
    pem = client.writePem(dir.resolve("client"));
    script = dir.resolve("pykmip_probe.py");
    try (InputStream in = getClass().getResourceAsStream("/kmip/pykmip_probe.py")) {
      assertThat(in).as("pykmip_probe.py on the test classpath").isNotNull();
      Files.write(script, in.readAllBytes());
    }
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void pyKmipDiscoversVersionsAndQueriesTheServer(String version) throws Exception {
    JsonNode out = probe(version);

    JsonNode all = out.path("discoverVersions");
    assertThat(all.path("status").asText()).isEqualTo("SUCCESS");
    assertThat(texts(all.path("versions")))
        .containsExactly("2.1", "2.0", "1.4", "1.3", "1.2", "1.1", "1.0");
    JsonNode some = out.path("discoverSome");
    assertThat(some.path("status").asText()).isEqualTo("SUCCESS");
    assertThat(texts(some.path("versions"))).containsExactly("1.4", "1.0");

    JsonNode query = out.path("query");
    assertThat(query.path("status").asText()).isEqualTo("SUCCESS");
    assertThat(texts(query.path("operations"))).contains("QUERY", "DISCOVER_VERSIONS");
    assertThat(query.path("vendor").asText()).isEqualTo("Clavis");
    assertThat(query.path("serverInformation").asBoolean()).isTrue();
  }

  private JsonNode probe(String version) throws Exception {
    List<String> cmd =
        List.of(
            PYTHON.toString(),
            script.toString(),
            "127.0.0.1",
            Integer.toString(node.node().kmipPort()),
            pem[0].toString(),
            pem[1].toString(),
            node.node().caCertPath().toString(),
            version);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] stdout;
    byte[] stderr;
    try (InputStream o = p.getInputStream();
        InputStream e = p.getErrorStream()) {
      // The probe prints a few lines; reading one stream to its end cannot block on the other.
      stdout = o.readAllBytes();
      stderr = e.readAllBytes();
    }
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the PyKMIP probe finished").isTrue();
    String err = new String(stderr, StandardCharsets.UTF_8);
    String text = new String(stdout, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as("PyKMIP probe failed:\n%s\n%s", text, err).isZero();
    return JSON.readTree(text);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static boolean pyKmipAvailable() {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import kmip")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
