package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.PyKmipScripts.texts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.kmip.PyKmipScripts;
import io.clavis.server.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-key, Re-key Key Pair and Derive Key driven by PyKMIP 0.10 at KMIP 1.2, 1.4 and 2.0 (its
 * ProxyKmipClient's {@code rekey} and {@code derive_key}, and its low-level client's {@code
 * rekey_key_pair}); every derived value is recomputed here with the JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PyKmipRekeyDeriveTest {
  private static final byte[] BASE_KEY = new byte[32];
  private static final byte[] PASSWORD =
      "pykmip derives from this".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SALT = "sixteen byte salt".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA = new byte[32];
  private static final byte[] IV = new byte[16];

  static {
    for (int i = 0; i < 32; i++) {
      BASE_KEY[i] = (byte) (3 * i + 1);
      DATA[i] = (byte) (255 - i);
    }
    for (int i = 0; i < 16; i++) {
      IV[i] = (byte) (i * 7);
    }
  }

  private TestNode node;
  private Path script;
  private Path[] pem;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    PyKmipScripts.assumeAvailable("kmip.pie.client");
    node = new TestNode(dir.resolve("node"));
    node.initialize("pykmip-rekey-derive-passphrase");
    KmipService client = KmipService.register(node, "pykmip-rekey", List.of("key-admins"));
    pem = client.writePem(dir.resolve("client"));
    script = PyKmipScripts.copyScript(dir, "pykmip_rekey_derive.py");
    PyKmipScripts.copyScript(dir, "pykmip_objects.py"); // its step() records each step
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void pyKmipRekeysAndDerivesKeys(String version) throws Exception {
    Base64.Encoder b64 = Base64.getEncoder();
    JsonNode out =
        PyKmipScripts.run(
            script,
            node,
            pem,
            120,
            version,
            b64.encodeToString(BASE_KEY),
            b64.encodeToString(PASSWORD),
            b64.encodeToString(SALT),
            b64.encodeToString(DATA),
            b64.encodeToString(IV));

    JsonNode rekey = ok(out, "rekey");
    assertThat(rekey.path("new").asText()).isNotEqualTo(rekey.path("old").asText());
    assertThat(texts(rekey.path("found"))).containsExactly(rekey.path("new").asText());
    assertThat(rekey.path("oldDecrypts").asBoolean()).isTrue();
    assertThat(rekey.path("newDecrypts").asBoolean()).isTrue();
    assertThat(rekey.path("state").asText()).endsWith("ACTIVE");
    assertThat(ok(out, "rekeyOffset").path("state").asText()).endsWith("PRE_ACTIVE");

    JsonNode pair = ok(out, "rekeyKeyPair");
    assertThat(pair.path("private").asText()).isNotEqualTo(pair.path("old").asText());
    assertThat(pair.path("public").asText()).isEqualTo(pair.path("private").asText() + "-public");
    assertThat(pair.path("valid").asText()).isEqualTo("VALID");

    assertThat(value(ok(out, "derivePbkdf2")))
        .isEqualTo(
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(
                    new PBEKeySpec(
                        new String(PASSWORD, StandardCharsets.UTF_8).toCharArray(),
                        SALT,
                        1000,
                        256))
                .getEncoded());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(BASE_KEY, "HmacSHA256"));
    assertThat(value(ok(out, "deriveHmac"))).isEqualTo(mac.doFinal(DATA));
    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
    sha512.update(BASE_KEY);
    assertThat(value(ok(out, "deriveHash"))).isEqualTo(sha512.digest(DATA));
    Cipher cbc = Cipher.getInstance("AES/CBC/NoPadding");
    cbc.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(BASE_KEY, "AES"), new IvParameterSpec(IV));
    assertThat(value(ok(out, "deriveEncrypt"))).isEqualTo(cbc.doFinal(DATA));

    JsonNode refused = out.path("deriveWithoutTheBit");
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("reason").asText())
        .isEqualTo(
            version.startsWith("2") ? "INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK" : "INVALID_FIELD");
  }

  private static byte[] value(JsonNode step) {
    return Base64.getDecoder().decode(step.path("value").asText());
  }

  private static JsonNode ok(JsonNode out, String step) {
    JsonNode s = out.path(step);
    assertThat(s.path("ok").asBoolean()).as("%s: %s", step, s).isTrue();
    return s;
  }
}
