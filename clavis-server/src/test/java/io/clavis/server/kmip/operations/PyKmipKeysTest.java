package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.PyKmipObjectsTest.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.kmip.PyKmipScripts;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyKMIP 0.10's ProxyKmipClient at KMIP 1.2, 1.4 and 2.0 registering an RSA private key (PKCS#8)
 * and its public key alone, signing with the one and verifying with the other (and the JDK),
 * getting a key wrapped under an AES key (unwrapped here with the JDK's AESWrap), and registering
 * and getting a split key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyKmipKeysTest {
  private TestNode node;
  private Path script;
  private Path[] pem;
  private KeyPair pair;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    PyKmipScripts.assumeAvailable("kmip.pie.client");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-keys-passphrase");
    KmipService client = KmipService.register(node, "pykmip-keys", List.of("key-admins"));
    pem = client.writePem(dir.resolve("client"));
    script = PyKmipScripts.copyScript(dir, "pykmip_keys.py");
    PyKmipScripts.copyScript(dir, "pykmip_objects.py"); // the steps' bookkeeping
    pair = KmipRegisterKeysTest.rsa(2048);
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void pyKmipRegistersKeysGetsThemWrappedAndKeepsSplitKeys(String version) throws Exception {
    Base64.Encoder enc = Base64.getEncoder();
    Base64.Decoder dec = Base64.getDecoder();
    JsonNode out =
        PyKmipScripts.run(
            script,
            node,
            pem,
            120,
            version,
            enc.encodeToString(pair.getPrivate().getEncoded()),
            enc.encodeToString(pair.getPublic().getEncoded()));

    JsonNode priv = ok(out, "registerPrivateKey");
    assertThat(priv.path("type").asText()).isEqualTo("PrivateKey");
    assertThat(priv.path("format").asText()).isEqualTo("PKCS_8");
    assertThat(priv.path("same").asBoolean()).isTrue();
    assertThat(priv.path("publicSame").asBoolean()).isTrue();
    Signature jdk = Signature.getInstance("SHA256withRSA");
    jdk.initVerify(pair.getPublic());
    jdk.update(dec.decode(priv.path("data").asText()));
    assertThat(jdk.verify(dec.decode(priv.path("signature").asText()))).isTrue();

    JsonNode pub = ok(out, "registerPublicKey");
    assertThat(pub.path("type").asText()).isEqualTo("PublicKey");
    assertThat(pub.path("same").asBoolean()).isTrue();
    assertThat(pub.path("valid").asText()).isEqualTo("VALID");
    assertThat(pub.path("invalid").asText()).isEqualTo("INVALID");
    JsonNode sign = out.path("signWithPublicKey");
    assertThat(sign.path("ok").asBoolean()).as("%s", sign).isFalse();
    assertThat(sign.path("reason").asText())
        .isEqualTo(
            version.startsWith("2") ? "INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK" : "INVALID_FIELD");

    JsonNode wrapped = ok(out, "wrappedGet");
    assertThat(wrapped.path("wrappedBy").asBoolean()).isTrue();
    Cipher aesWrap = Cipher.getInstance("AESWrap");
    aesWrap.init(
        Cipher.DECRYPT_MODE, new SecretKeySpec(dec.decode(wrapped.path("kek").asText()), "AES"));
    assertThat(aesWrap.doFinal(dec.decode(wrapped.path("wrapped").asText())))
        .isEqualTo(dec.decode(wrapped.path("plain").asText()));

    JsonNode split = ok(out, "splitKey");
    assertThat(split.path("type").asText()).isEqualTo("SplitKey");
    assertThat(split.path("same").asBoolean()).isTrue();
    assertThat(split.path("parts").asInt()).isEqualTo(4);
    assertThat(split.path("identifier").asInt()).isEqualTo(2);
    assertThat(split.path("threshold").asInt()).isEqualTo(3);
    assertThat(split.path("method").asText()).isEqualTo("POLYNOMIAL_SHARING_GF_2_16");
    assertThat(split.path("located").asBoolean()).isTrue();
  }
}
