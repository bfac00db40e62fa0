package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static io.clavis.server.testing.TestNode.unbase64;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every ciphertext that cannot be decrypted gets one and the same answer: same status, same code,
 * same message, whatever is wrong with it. Otherwise the differences are an oracle.
 */
class DecryptUniformErrorApiTest extends SharedNodeApiTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] PLAINTEXT = "x".getBytes(StandardCharsets.UTF_8);

  private String aes;
  private String otherAes;
  private String rsa;
  private String ec;
  private String hmac;
  private byte[] aesCiphertext;
  private byte[] rsaCiphertext;
  private Uniform reference;

  /** What the uniform answer consists of (the request id differs, of course). */
  record Uniform(int status, String code, String message) {
    static Uniform of(Response r) {
      assertError(r, 400, "DECRYPTION_FAILED");
      return new Uniform(r.status(), r.code(), r.text("message"));
    }
  }

  @BeforeAll
  void createKeysAndCiphertexts() throws Exception {
    String vault = node.createVault("uniform");
    aes = node.createKey(vault, "aes", "AES_256");
    otherAes = node.createKey(vault, "other-aes", "AES_256");
    rsa = node.createKey(vault, "rsa", "RSA_2048");
    ec = node.createKey(vault, "ec", "EC_P256");
    hmac = node.createKey(vault, "hmac", "HMAC_SHA256");
    aesCiphertext = unbase64(encrypt(aes, PLAINTEXT));
    rsaCiphertext = unbase64(encrypt(rsa, PLAINTEXT));
    // The untouched ciphertexts decrypt: every failure below is due to the change made.
    assertThat(assertOk(decrypt(base64(aesCiphertext))).get("plaintext").asText())
        .isEqualTo(base64(PLAINTEXT));
    assertThat(assertOk(decrypt(base64(rsaCiphertext))).get("plaintext").asText())
        .isEqualTo(base64(PLAINTEXT));
    reference = Uniform.of(decrypt(base64(randomBytes(64))));
  }

  private void assertUniform(String what, Response r) {
    assertThat(r.status()).as("%s: %s", what, r).isNotEqualTo(500);
    assertThat(Uniform.of(r)).as("%s: %s", what, r).isEqualTo(reference);
  }

  private void assertUniformEverywhere(String what, String ciphertextB64) throws Exception {
    assertUniform(what + " via /v1/decrypt", decrypt(ciphertextB64));
    assertUniform(
        what + " via /v1/keys/{id}/decrypt",
        post("/v1/keys/" + aes + "/decrypt", json("ciphertext", ciphertextB64)));
  }

  @Test
  void everyByteFlippedAnywhereGivesTheUniformAnswer() throws Exception {
    // Header (format, scheme, id length, id, version), nonce, body and tag: every position.
    assertThat(aesCiphertext.length).isLessThan(100);
    for (int mask : new int[] {0x01, 0x80, 0xff}) {
      for (int i = 0; i < aesCiphertext.length; i++) {
        byte[] tampered = aesCiphertext.clone();
        tampered[i] ^= (byte) mask;
        assertUniformEverywhere("byte " + i + " ^ " + mask, base64(tampered));
      }
    }
  }

  @Test
  void rsaCiphertextTamperedGivesTheUniformAnswer() throws Exception {
    for (int i = 0; i < rsaCiphertext.length; i += i < 48 ? 1 : 17) {
      byte[] tampered = rsaCiphertext.clone();
      tampered[i] ^= 0x01;
      assertUniform("RSA byte " + i, decrypt(base64(tampered)));
    }
  }

  @Test
  void everyTruncationGivesTheUniformAnswer() throws Exception {
    for (int n = 0; n < aesCiphertext.length; n++) {
      assertUniformEverywhere("first " + n + " bytes", base64(Arrays.copyOf(aesCiphertext, n)));
    }
    assertUniform(
        "RSA truncated", decrypt(base64(Arrays.copyOf(rsaCiphertext, rsaCiphertext.length - 1))));
    // Extended is no better than truncated.
    byte[] longer = Arrays.copyOf(aesCiphertext, aesCiphertext.length + 1);
    assertUniformEverywhere("one byte appended", base64(longer));
  }

  @Test
  void randomBytesAndNonBase64GiveTheUniformAnswer() throws Exception {
    for (int n : new int[] {1, 16, 37, 64, 300}) {
      assertUniformEverywhere(n + " random bytes", base64(randomBytes(n)));
    }
    assertUniformEverywhere("empty", "");
    for (String notBase64 : new String[] {"!!!!", "not base64 at all", "AAAA====", "A", "%%%"}) {
      assertUniformEverywhere("non-base64 " + notBase64, notBase64);
    }
  }

  @Test
  void ciphertextsNamingOtherKeysGiveTheUniformAnswer() throws Exception {
    Map<String, byte[]> cases = new LinkedHashMap<>();
    byte[] body = Arrays.copyOfRange(aesCiphertext, headerLength(aes), aesCiphertext.length);
    cases.put("unknown key id", craft(1, "key_" + "a".repeat(26), 1, body));
    cases.put("a vault id as key id", craft(1, "vault_abc", 1, body));
    cases.put("other AES key", craft(1, otherAes, 1, body));
    cases.put("version 2 of a one-version key", craft(1, aes, 2, body));
    cases.put("version 0", craft(1, aes, 0, body));
    cases.put("AES key, RSA scheme", craft(2, aes, 1, body));
    cases.put("RSA key, AES scheme", craft(1, rsa, 1, body));
    // Keys that cannot encrypt at all: the ciphertext names them, under either scheme.
    cases.put("EC key, RSA scheme", craft(2, ec, 1, randomBytes(256)));
    cases.put("EC key, AES scheme", craft(1, ec, 1, body));
    cases.put("HMAC key, RSA scheme", craft(2, hmac, 1, randomBytes(256)));
    cases.put("HMAC key, AES scheme", craft(1, hmac, 1, body));
    cases.put("format version 2", with(aesCiphertext, 0, 2));
    cases.put("scheme 3", with(aesCiphertext, 1, 3));
    for (Map.Entry<String, byte[]> c : cases.entrySet()) {
      assertUniform(c.getKey(), decrypt(base64(c.getValue())));
      for (String pathKey : new String[] {aes, rsa, ec, hmac, "key_unknown"}) {
        assertUniform(
            c.getKey() + " under " + pathKey,
            post("/v1/keys/" + pathKey + "/decrypt", json("ciphertext", base64(c.getValue()))));
      }
    }
  }

  @Test
  void wrongKeyAndWrongAadGiveTheUniformAnswer() throws Exception {
    assertUniform(
        "another key's ciphertext",
        post("/v1/keys/" + otherAes + "/decrypt", json("ciphertext", base64(aesCiphertext))));
    assertUniform(
        "unknown key in the path",
        post("/v1/keys/key_nope/decrypt", json("ciphertext", base64(aesCiphertext))));
    assertUniform(
        "unexpected AAD",
        post("/v1/decrypt", json("ciphertext", base64(aesCiphertext), "aad", base64("aad"))));
    assertUniform(
        "unexpected AAD, RSA",
        post("/v1/decrypt", json("ciphertext", base64(rsaCiphertext), "aad", base64("aad"))));
    String withAad =
        ok("/v1/keys/" + aes + "/encrypt", json("plaintext", base64(PLAINTEXT), "aad", base64("a")))
            .get("ciphertext")
            .asText();
    assertUniform("missing AAD", decrypt(withAad));
    assertUniform(
        "wrong AAD", post("/v1/decrypt", json("ciphertext", withAad, "aad", base64("b"))));
  }

  @Test
  void reEncryptOfABadCiphertextGivesTheUniformAnswer() throws Exception {
    byte[] tampered = aesCiphertext.clone();
    tampered[tampered.length - 1] ^= 1;
    assertUniform(
        "re-encrypt of a tampered ciphertext",
        post("/v1/keys/" + otherAes + "/re-encrypt", json("ciphertext", base64(tampered))));
    assertUniform(
        "re-encrypt of random bytes",
        post("/v1/keys/" + otherAes + "/re-encrypt", json("ciphertext", base64(randomBytes(80)))));
  }

  private static int headerLength(String keyId) {
    return 7 + keyId.length();
  }

  /** A ciphertext in the Clavis format with any header fields. */
  static byte[] craft(int scheme, String keyId, int version, byte[] body) {
    byte[] id = keyId.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[7 + id.length + body.length];
    out[0] = 1;
    out[1] = (byte) scheme;
    out[2] = (byte) id.length;
    System.arraycopy(id, 0, out, 3, id.length);
    int p = 3 + id.length;
    out[p] = (byte) (version >>> 24);
    out[p + 1] = (byte) (version >>> 16);
    out[p + 2] = (byte) (version >>> 8);
    out[p + 3] = (byte) version;
    System.arraycopy(body, 0, out, 7 + id.length, body.length);
    return out;
  }

  private static byte[] with(byte[] b, int index, int value) {
    byte[] c = b.clone();
    c[index] = (byte) value;
    return c;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
