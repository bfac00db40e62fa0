package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.core.crypto.NativePrivateKeys;
import io.clavis.server.key.CryptoService;
import io.clavis.server.key.CryptoService.Use;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Which crypto requests leave the I/O threads for a worker ({@link CryptoService#isHeavy}), and
 * that such requests are still answered in full through the REST API.
 */
class HeavyOperationsApiTest extends SharedNodeApiTest {
  private CryptoService crypto;
  private String vault;

  @BeforeAll
  void setUp() throws Exception {
    crypto = new CryptoService(node.node().keys(), node.node().keyMaterials(), 64 * 1024);
    vault = node.createVault("heavy");
  }

  @Test
  void symmetricOperationsStayOnTheIoThread() throws Exception {
    String aes = node.createKey(vault, "aes", "AES_256");
    String hmac = node.createKey(vault, "hmac", "HMAC_SHA256");
    assertThat(crypto.isHeavy(aes, Use.ENCRYPT, null)).isFalse();
    assertThat(crypto.isHeavy(hmac, Use.MAC, null)).isFalse();
    assertThat(crypto.isHeavy(hmac, Use.VERIFY_MAC, null)).isFalse();
    assertThat(crypto.isHeavyDecrypt(unbase64(encrypt(aes, new byte[16])))).isFalse();
    assertThat(crypto.isHeavy("key_doesnotexist", Use.ENCRYPT, null)).isFalse();
    assertThat(crypto.isHeavyDecrypt(new byte[] {1, 2, 3})).isFalse();
    assertThat(crypto.isHeavyDecrypt(null)).isFalse();
  }

  @Test
  void rsaOperationsAndEcdsaOtherThanP256ByOpenSslAreHeavy() throws Exception {
    String rsa = node.createKey(vault, "rsa", "RSA_2048");
    String p256 = node.createKey(vault, "p256", "EC_P256");
    String p384 = node.createKey(vault, "p384", "EC_P384");
    for (Use use : Use.values()) {
      assertThat(crypto.isHeavy(rsa, use, 1)).as("RSA %s", use).isTrue();
      assertThat(crypto.isHeavy(p384, use, 1)).as("P-384 %s", use).isTrue();
    }
    assertThat(crypto.isHeavy(p256, Use.SIGN, null)).isEqualTo(!NativePrivateKeys.signing());
    assertThat(crypto.isHeavy(p256, Use.VERIFY, 1)).isTrue();
    assertThat(crypto.isHeavyDecrypt(unbase64(encrypt(rsa, new byte[16])))).isTrue();

    // Heavy requests are still answered in full.
    byte[] message = "signed".getBytes();
    for (String key : new String[] {rsa, p384}) {
      String algorithm = key.equals(rsa) ? "RSA_PSS_SHA256" : "ECDSA_SHA384";
      String signature =
          ok("/v1/keys/" + key + "/sign", json("message", base64(message), "algorithm", algorithm))
              .get("signature")
              .asText();
      assertThat(
              ok(
                      "/v1/keys/" + key + "/verify",
                      json(
                          "message",
                          base64(message),
                          "signature",
                          signature,
                          "algorithm",
                          algorithm))
                  .get("valid")
                  .asBoolean())
          .isTrue();
    }
    String ciphertext = encrypt(rsa, "secret".getBytes());
    assertThat(unbase64(assertOk(decrypt(ciphertext)).get("plaintext").asText()))
        .isEqualTo("secret".getBytes());
  }

  @Test
  void verifyingWithoutAVersionIsHeavyOnlyForKeysWithManyVersions() throws Exception {
    String hmac = node.createKey(vault, "rotated", "HMAC_SHA256");
    for (int v = 2; v <= 9; v++) {
      ok("/v1/keys/" + hmac + "/rotate", "{}");
    }
    assertThat(crypto.isHeavy(hmac, Use.VERIFY_MAC, null)).isTrue();
    assertThat(crypto.isHeavy(hmac, Use.VERIFY_MAC, 1)).isFalse();
    assertThat(crypto.isHeavy(hmac, Use.MAC, null)).isFalse();

    byte[] message = "tagged by the current version".getBytes();
    String mac =
        ok("/v1/keys/" + hmac + "/mac", json("message", base64(message))).get("mac").asText();
    assertThat(
            ok("/v1/keys/" + hmac + "/verify-mac", json("message", base64(message), "mac", mac))
                .get("valid")
                .asBoolean())
        .isTrue();
  }

  private static byte[] unbase64(String text) {
    return java.util.Base64.getDecoder().decode(text);
  }
}
