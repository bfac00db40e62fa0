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
import org.junit.jupiter.api.Assumptions;

/**
 * What the PyKMIP interoperability tests share: skipping when PyKMIP is not installed for
 * /usr/bin/python3, copying a script from the test resources, running it against a node with a
 * client certificate and reading the JSON it prints.
 */
public final class PyKmipScripts {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  private PyKmipScripts() {}

  /** Skips the test class unless /usr/bin/python3 can run {@code import <module>}. */
  public static void assumeAvailable(String module) {
    Assumptions.assumeTrue(
        importable(module),
        "PyKMIP is not installed: /usr/bin/python3 cannot import "
            + module
            + " (apt-get install python3-pykmip); skipping the interoperability test");
  }

  /** Copies {@code /kmip/<name>} from the test classpath into {@code dir}. */
  public static Path copyScript(Path dir, String name) throws Exception {
    Path script = dir.resolve(name);
    try (InputStream in = PyKmipScripts.class.getResourceAsStream("/kmip/" + name)) {
      assertThat(in).as("%s on the test classpath", name).isNotNull();
      Files.write(script, in.readAllBytes());
    }
    return script;
  }

  /**
   * Runs {@code script HOST PORT CERT KEY CA extra...} against the node's KMIP port and returns the
   * JSON it prints; fails the test if it does not finish in time or exits with an error.
   *
   * @param pem the client's {certificate, key} PEM files
   */
  public static JsonNode run(
      Path script, TestNode node, Path[] pem, int timeoutSeconds, String... extra)
      throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(PYTHON.toString());
    cmd.add(script.toString());
    cmd.add("127.0.0.1");
    cmd.add(Integer.toString(node.node().kmipPort()));
    cmd.add(pem[0].toString());
    cmd.add(pem[1].toString());
    cmd.add(node.node().caCertPath().toString());
    cmd.addAll(List.of(extra));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] stdout;
    byte[] stderr;
    try (InputStream o = p.getInputStream();
        InputStream e = p.getErrorStream()) {
      // The scripts print little; reading one stream to its end cannot block on the other.
      stdout = o.readAllBytes();
      stderr = e.readAllBytes();
    }
    assertThat(p.waitFor(timeoutSeconds, TimeUnit.SECONDS))
        .as("the PyKMIP script %s finished", script.getFileName())
        .isTrue();
    String err = new String(stderr, StandardCharsets.UTF_8);
    String text = new String(stdout, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue())
        .as("PyKMIP script %s failed:\n%s\n%s", script.getFileName(), text, err)
        .isZero();
    return JSON.readTree(text);
  }

  /** The texts of a JSON array. */
  public static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static boolean importable(String module) {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p =
          new ProcessBuilder(PYTHON.toString(), "-c", "import " + module)
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
