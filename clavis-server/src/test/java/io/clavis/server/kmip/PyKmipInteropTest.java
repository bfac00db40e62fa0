package io.clavis.server.kmip;

import static io.clavis.server.kmip.PyKmipScripts.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
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
  private TestNode node;
  private Path script;
  private Path[] pem;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    PyKmipScripts.assumeAvailable("kmip");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-interop-passphrase");
    KmipTestIdentity client = KmipTestIdentity.registered(node, "pykmip-client", List.of());
    pem = client.writePem(dir.resolve("client"));
    script = PyKmipScripts.copyScript(dir, "pykmip_probe.py");
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
    return PyKmipScripts.run(script, node, pem, 60, version);
  }
}
