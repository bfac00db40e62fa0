package io.clavis.server.kmip.operations;

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
 * Interoperability of the managed-object operations with PyKMIP 0.10's ProxyKmipClient, at KMIP 1.2
 * (its default), 1.4 and 2.0: the generic lifecycle, Register of every object type, and the request
 * shapes of MongoDB, MySQL/Percona, VMware and Ceph; and that the one key store is shared with REST
 * both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyKmipObjectsTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final ObjectMapper JSON = new ObjectMapper();

  private TestNode node;
  private Path script;
  private Path[] pem;
  private String restKeyName;
  private String restKeyId;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        pyKmipAvailable(), "PyKMIP is not installed for /usr/bin/python3; skipping");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-objects-passphrase");
    KmipService client = KmipService.register(node, "pykmip-objects", List.of("key-admins"));
    pem = client.writePem(dir.resolve("client"));
    String vault = node.createVault("rest-vault");
    restKeyName = "rest-only-key";
    restKeyId = node.createKey(vault, restKeyName, "AES_256");
    script = dir.resolve("pykmip_objects.py");
    try (InputStream in = getClass().getResourceAsStream("/kmip/pykmip_objects.py")) {
      assertThat(in).as("pykmip_objects.py on the test classpath").isNotNull();
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
  void pyKmipManagesObjectsAndSharesTheKeyStoreWithRest(String version) throws Exception {
    JsonNode out = run(version);

    ok(out, "create");
    String uid = out.path("create").path("uid").asText();
    if (version.equals("1.2")) {
      assertThat(texts(ok(out, "getAllAttributes").path("names")))
          .contains("Cryptographic Algorithm", "Initial Date", "Name", "Object Type", "State");
    }
    assertThat(texts(ok(out, "getAttributes").path("names")))
        .contains("Cryptographic Algorithm", "Cryptographic Length", "Name", "State");
    assertThat(texts(ok(out, "getAttributeList").path("names"))).contains("Name", "State");
    assertThat(texts(ok(out, "locateByName").path("uids"))).containsExactly(uid);
    JsonNode got = ok(out, "get");
    assertThat(got.path("type").asText()).isEqualTo("SymmetricKey");
    assertThat(got.path("length").asInt()).isEqualTo(32);
    assertThat(got.path("algorithm").asText()).isEqualTo("AES");
    if (version.startsWith("2")) {
      ok(out, "setAttribute");
    }
    ok(out, "modifyAttribute");
    ok(out, "deleteAttribute");
    ok(out, "activate");
    assertThat(out.path("destroyActive").path("ok").asBoolean())
        .as("Destroy of an Active key is refused")
        .isFalse();
    ok(out, "revoke");
    ok(out, "destroy");
    assertThat(out.path("getDestroyed").path("ok").asBoolean()).isFalse();

    for (String reg :
        List.of(
            "registerSymmetricKey",
            "registerSecretData",
            "registerOpaqueObject",
            "registerCertificate")) {
      assertThat(ok(out, reg).path("same").asBoolean()).as(reg).isTrue();
    }
    assertThat(ok(out, "mongodb").path("same").asBoolean()).isTrue();
    JsonNode mysql = ok(out, "mysql");
    assertThat(texts(mysql.path("found"))).containsExactly(mysql.path("uid").asText());
    assertThat(mysql.path("length").asInt()).isEqualTo(32);
    assertThat(texts(ok(out, "vmware").path("names")))
        .contains("Name", "State", "Cryptographic Length");
    assertThat(ok(out, "ceph").path("found").asInt()).isEqualTo(1);

    assertThat(ok(out, "encryptDecryptCbc").path("same").asBoolean()).isTrue();
    assertThat(out.path("encryptDecryptCbc").path("length").asInt()).isEqualTo(32);
    assertThat(ok(out, "mac").path("length").asInt()).isEqualTo(32);

    // A key created and activated over KMIP is a Clavis key, usable over REST.
    String active = ok(out, "activeKey").path("uid").asText();
    TestNode.Response key = node.call("GET", "/v1/keys/" + active, null);
    assertThat(key.status()).as(key.toString()).isEqualTo(200);
    assertThat(key.text("state")).isEqualTo("ENABLED");
    TestNode.Response enc =
        node.call("POST", "/v1/keys/" + active + "/encrypt", "{\"plaintext\":\"aGVsbG8=\"}");
    assertThat(enc.status()).as(enc.toString()).isEqualTo(200);
    TestNode.Response dec =
        node.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + enc.text("ciphertext") + "\"}");
    assertThat(dec.status()).as(dec.toString()).isEqualTo(200);
    assertThat(dec.text("plaintext")).isEqualTo("aGVsbG8=");

    // A REST key is found by Locate, but its value stays on the server.
    assertThat(texts(ok(out, "locateRestKey").path("uids"))).containsExactly(restKeyId);
    assertThat(out.path("getRestKey").path("ok").asBoolean()).isFalse();
  }

  private static JsonNode ok(JsonNode out, String step) {
    JsonNode s = out.path(step);
    assertThat(s.path("ok").asBoolean()).as("%s: %s", step, s).isTrue();
    return s;
  }

  private JsonNode run(String version) throws Exception {
    List<String> cmd =
        List.of(
            PYTHON.toString(),
            script.toString(),
            "127.0.0.1",
            Integer.toString(node.node().kmipPort()),
            pem[0].toString(),
            pem[1].toString(),
            node.node().caCertPath().toString(),
            version,
            restKeyName);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] stdout;
    byte[] stderr;
    try (InputStream o = p.getInputStream();
        InputStream e = p.getErrorStream()) {
      stdout = o.readAllBytes();
      stderr = e.readAllBytes();
    }
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the PyKMIP script finished").isTrue();
    String err = new String(stderr, StandardCharsets.UTF_8);
    String text = new String(stdout, StandardCharsets.UTF_8).strip();
    assertThat(p.exitValue()).as("PyKMIP script failed:\n%s\n%s", text, err).isZero();
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
          new ProcessBuilder(PYTHON.toString(), "-c", "import kmip.pie.client")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
