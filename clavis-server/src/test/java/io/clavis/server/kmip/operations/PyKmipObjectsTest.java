package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.PyKmipScripts.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.kmip.PyKmipScripts;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Interoperability of the managed-object operations with PyKMIP 0.10's ProxyKmipClient, at KMIP 1.2
 * (its default), 1.4 and 2.0: the generic lifecycle, Register of every object type, Create Key
 * Pair, Sign and Signature Verify (checked with the JDK on the public key PyKMIP gets), and the
 * request shapes of MongoDB, MySQL/Percona, VMware and Ceph; and that the one key store is shared
 * with REST both ways.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyKmipObjectsTest {
  private TestNode node;
  private Path script;
  private Path[] pem;
  private String restKeyName;
  private String restKeyId;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    PyKmipScripts.assumeAvailable("kmip.pie.client");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-objects-passphrase");
    KmipService client = KmipService.register(node, "pykmip-objects", List.of("key-admins"));
    pem = client.writePem(dir.resolve("client"));
    String vault = node.createVault("rest-vault");
    restKeyName = "rest-only-key";
    restKeyId = node.createKey(vault, restKeyName, "AES_256");
    script = PyKmipScripts.copyScript(dir, "pykmip_objects.py");
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

    // Create Key Pair, Sign, Signature Verify, and Get of the public key; the signature checked
    // with the JDK on the public key PyKMIP got.
    Signature pss = Signature.getInstance("RSASSA-PSS");
    pss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    checkKeyPair(ok(out, "rsaKeyPair"), "RSA", pss);
    checkKeyPair(ok(out, "ecKeyPair"), "EC", Signature.getInstance("SHA384withECDSA"));

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

  /** The result of a step of a script, which must have succeeded. */
  static JsonNode ok(JsonNode out, String step) {
    JsonNode s = out.path(step);
    assertThat(s.path("ok").asBoolean()).as("%s: %s", step, s).isTrue();
    return s;
  }

  private JsonNode run(String version) throws Exception {
    return PyKmipScripts.run(script, node, pem, 120, version, restKeyName);
  }

  /** Checks a signature the script obtained with Java's own Signature on the public key it got. */
  private static void checkKeyPair(JsonNode pair, String keyAlgorithm, Signature jdk)
      throws Exception {
    String priv = pair.path("private").asText();
    assertThat(pair.path("public").asText()).isEqualTo(priv + "-public");
    assertThat(pair.path("valid").asText()).isEqualTo("VALID");
    assertThat(pair.path("invalid").asText()).isEqualTo("INVALID");
    assertThat(pair.path("type").asText()).isEqualTo("PublicKey");
    assertThat(pair.path("format").asText()).isEqualTo("X_509");
    Base64.Decoder b64 = Base64.getDecoder();
    PublicKey key =
        KeyFactory.getInstance(keyAlgorithm)
            .generatePublic(new X509EncodedKeySpec(b64.decode(pair.path("publicKey").asText())));
    jdk.initVerify(key);
    jdk.update(b64.decode(pair.path("data").asText()));
    assertThat(jdk.verify(b64.decode(pair.path("signature").asText()))).isTrue();
  }
}
