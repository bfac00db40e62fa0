package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static io.clavis.server.testing.TestNode.unbase64;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One key of every algorithm (RSA_4096 included, created once), and every operation each can do:
 * encryption, signatures checked independently with the JDK, public keys, MACs and data keys.
 */
class KeyAlgorithmsApiTest extends SharedNodeApiTest {
  static final List<String> ALGORITHMS =
      List.of(
          "AES_128",
          "AES_192",
          "AES_256",
          "RSA_2048",
          "RSA_3072",
          "RSA_4096",
          "EC_P256",
          "EC_P384",
          "EC_P521",
          "HMAC_SHA256",
          "HMAC_SHA384",
          "HMAC_SHA512");
  static final List<String> RSA_SIGNATURES =
      List.of(
          "RSA_PSS_SHA256",
          "RSA_PSS_SHA384",
          "RSA_PSS_SHA512",
          "RSA_PKCS1_SHA256",
          "RSA_PKCS1_SHA384",
          "RSA_PKCS1_SHA512");
  static final List<String> EC_SIGNATURES = List.of("ECDSA_SHA256", "ECDSA_SHA384", "ECDSA_SHA512");

  private static final SecureRandom RANDOM = new SecureRandom();

  private String vaultId;
  private Instant createdAfter;
  private final Map<String, JsonNode> created = new LinkedHashMap<>();
  private final Map<String, String> keyIds = new LinkedHashMap<>();

  @BeforeAll
  void createOneKeyPerAlgorithm() throws Exception {
    createdAfter = Instant.now().minusSeconds(1);
    vaultId = node.createVault("algorithms");
    for (String alg : ALGORITHMS) {
      Response r = node.createKeyResponse(vaultId, alg.toLowerCase().replace('_', '-'), alg);
      created.put(alg, r.json());
      keyIds.put(alg, r.text("id"));
    }
  }

  private String key(String algorithm) {
    return keyIds.get(algorithm);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "AES_128",
        "AES_192",
        "AES_256",
        "RSA_2048",
        "RSA_3072",
        "RSA_4096",
        "EC_P256",
        "EC_P384",
        "EC_P521",
        "HMAC_SHA256",
        "HMAC_SHA384",
        "HMAC_SHA512"
      })
  void everyAlgorithmCanBeCreated(String alg) throws Exception {
    JsonNode k = created.get(alg);
    assertThat(k.get("id").asText()).startsWith("key_");
    assertThat(k.get("vaultId").asText()).isEqualTo(vaultId);
    assertThat(k.get("compartmentId").asText()).isEqualTo("tenancy");
    assertThat(k.get("name").asText()).isEqualTo(alg.toLowerCase().replace('_', '-'));
    assertThat(k.get("algorithm").asText()).isEqualTo(alg);
    assertThat(k.get("state").asText()).isEqualTo("ENABLED");
    assertThat(k.get("currentVersion").asInt()).isEqualTo(1);
    assertThat(k.get("rotationPeriodDays").asInt()).isZero();
    assertThat(k.has("nextRotationAt")).isFalse();
    assertThat(k.has("deletionTime")).isFalse();
    assertThat(k.get("tags").isObject()).isTrue();
    assertThat(k.get("tags").size()).isZero();
    assertThat(k.get("createdBy").asText()).isEqualTo("root");
    assertThat(Instant.parse(k.get("createdAt").asText())).isAfter(createdAfter);
    assertThat(k.get("updatedAt").asText()).isEqualTo(k.get("createdAt").asText());
    assertThat(k.get("versions")).hasSize(1);
    assertThat(k.get("versions").get(0).get("version").asInt()).isEqualTo(1);
    assertThat(k.get("versions").get(0).get("state").asText()).isEqualTo("ENABLED");
    assertThat(k.get("versions").get(0).get("createdAt").asText()).isNotBlank();

    assertThat(assertOk(get("/v1/keys/" + key(alg)))).isEqualTo(k);
  }

  // ---- encryption -------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"AES_128", "AES_192", "AES_256", "RSA_2048", "RSA_3072", "RSA_4096"})
  void encryptDecryptRoundTripWithoutAad(String alg) throws Exception {
    byte[] plaintext = randomBytes(100);
    JsonNode enc = ok("/v1/keys/" + key(alg) + "/encrypt", json("plaintext", base64(plaintext)));
    assertThat(enc.get("keyId").asText()).isEqualTo(key(alg));
    assertThat(enc.get("keyVersion").asInt()).isEqualTo(1);
    String ciphertext = enc.get("ciphertext").asText();
    assertThat(unbase64(ciphertext)).isNotEqualTo(plaintext);

    for (String path : List.of("/v1/decrypt", "/v1/keys/" + key(alg) + "/decrypt")) {
      JsonNode dec = ok(path, json("ciphertext", ciphertext));
      assertThat(unbase64(dec.get("plaintext").asText())).as(path).isEqualTo(plaintext);
      assertThat(dec.get("keyId").asText()).isEqualTo(key(alg));
      assertThat(dec.get("keyVersion").asInt()).isEqualTo(1);
    }
    // Randomised: the same plaintext never gives the same ciphertext twice.
    assertThat(encrypt(key(alg), plaintext)).isNotEqualTo(ciphertext);
  }

  @ParameterizedTest
  @ValueSource(strings = {"AES_128", "AES_192", "AES_256", "RSA_2048", "RSA_3072", "RSA_4096"})
  void aadIsBoundToTheCiphertext(String alg) throws Exception {
    byte[] plaintext = "attack at dawn".getBytes(StandardCharsets.UTF_8);
    String aad = base64("order-42");
    String ciphertext =
        ok("/v1/keys/" + key(alg) + "/encrypt", json("plaintext", base64(plaintext), "aad", aad))
            .get("ciphertext")
            .asText();

    JsonNode dec = ok("/v1/decrypt", json("ciphertext", ciphertext, "aad", aad));
    assertThat(unbase64(dec.get("plaintext").asText())).isEqualTo(plaintext);
    JsonNode dec2 =
        ok("/v1/keys/" + key(alg) + "/decrypt", json("ciphertext", ciphertext, "aad", aad));
    assertThat(unbase64(dec2.get("plaintext").asText())).isEqualTo(plaintext);

    assertError(decrypt(ciphertext), 400, "DECRYPTION_FAILED");
    assertError(
        post("/v1/decrypt", json("ciphertext", ciphertext, "aad", base64("order-43"))),
        400,
        "DECRYPTION_FAILED");
    assertError(
        post(
            "/v1/keys/" + key(alg) + "/decrypt",
            json("ciphertext", ciphertext, "aad", base64("x"))),
        400,
        "DECRYPTION_FAILED");
    // AAD given at decryption for a ciphertext made without any.
    String plain = encrypt(key(alg), plaintext);
    assertError(
        post("/v1/decrypt", json("ciphertext", plain, "aad", aad)), 400, "DECRYPTION_FAILED");
  }

  @Test
  void emptyPlaintextRoundTrips() throws Exception {
    String ciphertext = encrypt(key("AES_256"), new byte[0]);
    assertThat(assertOk(decrypt(ciphertext)).get("plaintext").asText()).isEmpty();
  }

  @Test
  void decryptUnderAKeyRejectsAnotherKeysCiphertext() throws Exception {
    byte[] plaintext = randomBytes(16);
    String fromAes256 = encrypt(key("AES_256"), plaintext);
    String fromRsa = encrypt(key("RSA_2048"), plaintext);
    assertError(
        post("/v1/keys/" + key("AES_128") + "/decrypt", json("ciphertext", fromAes256)),
        400,
        "DECRYPTION_FAILED");
    assertError(
        post("/v1/keys/" + key("RSA_3072") + "/decrypt", json("ciphertext", fromRsa)),
        400,
        "DECRYPTION_FAILED");
    assertError(
        post("/v1/keys/" + key("AES_256") + "/decrypt", json("ciphertext", fromRsa)),
        400,
        "DECRYPTION_FAILED");
    // The ciphertext itself is fine: under its own key it decrypts.
    assertThat(
            unbase64(
                ok("/v1/keys/" + key("RSA_2048") + "/decrypt", json("ciphertext", fromRsa))
                    .get("plaintext")
                    .asText()))
        .isEqualTo(plaintext);
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA_2048:190", "RSA_3072:318", "RSA_4096:446"})
  void rsaPlaintextIsBoundedByTheModulus(String spec) throws Exception {
    String alg = spec.split(":")[0];
    int max = Integer.parseInt(spec.split(":")[1]);
    byte[] largest = randomBytes(max);
    String ciphertext = encrypt(key(alg), largest);
    assertThat(unbase64(assertOk(decrypt(ciphertext)).get("plaintext").asText()))
        .isEqualTo(largest);
    assertError(
        post("/v1/keys/" + key(alg) + "/encrypt", json("plaintext", base64(randomBytes(max + 1)))),
        400,
        "INVALID_ARGUMENT");
  }

  // ---- data keys ----------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"AES_256", "AES_128", "RSA_2048"})
  void dataKeyCiphertextDecryptsToTheReturnedPlaintext(String wrappingAlg) throws Exception {
    JsonNode dk = ok("/v1/keys/" + key(wrappingAlg) + "/generate-data-key", "{}");
    byte[] plaintext = unbase64(dk.get("plaintext").asText());
    assertThat(plaintext).hasSize(32);
    assertThat(dk.get("keyId").asText()).isEqualTo(key(wrappingAlg));
    assertThat(dk.get("keyVersion").asInt()).isEqualTo(1);
    JsonNode dec = assertOk(decrypt(dk.get("ciphertext").asText()));
    assertThat(unbase64(dec.get("plaintext").asText())).isEqualTo(plaintext);
  }

  @Test
  void dataKeyAlgorithmsAndOptions() throws Exception {
    String k = key("AES_256");
    JsonNode aes128 = ok("/v1/keys/" + k + "/generate-data-key", json("algorithm", "AES_128"));
    byte[] dk128 = unbase64(aes128.get("plaintext").asText());
    assertThat(dk128).hasSize(16);
    assertThat(
            unbase64(
                assertOk(decrypt(aes128.get("ciphertext").asText())).get("plaintext").asText()))
        .isEqualTo(dk128);

    JsonNode aes256 = ok("/v1/keys/" + k + "/generate-data-key", json("algorithm", "AES_256"));
    assertThat(unbase64(aes256.get("plaintext").asText())).hasSize(32);

    JsonNode hidden = ok("/v1/keys/" + k + "/generate-data-key", json("includePlaintext", false));
    assertThat(hidden.has("plaintext")).isFalse();
    assertThat(hidden.get("keyId").asText()).isEqualTo(k);
    byte[] recovered =
        unbase64(assertOk(decrypt(hidden.get("ciphertext").asText())).get("plaintext").asText());
    assertThat(recovered).hasSize(32);

    JsonNode shown = ok("/v1/keys/" + k + "/generate-data-key", json("includePlaintext", true));
    assertThat(shown.has("plaintext")).isTrue();

    // Two data keys differ.
    assertThat(shown.get("plaintext").asText()).isNotEqualTo(aes256.get("plaintext").asText());

    String aad = base64("context");
    JsonNode bound = ok("/v1/keys/" + k + "/generate-data-key", json("aad", aad));
    assertError(decrypt(bound.get("ciphertext").asText()), 400, "DECRYPTION_FAILED");
    JsonNode dec =
        ok("/v1/decrypt", json("ciphertext", bound.get("ciphertext").asText(), "aad", aad));
    assertThat(dec.get("plaintext").asText()).isEqualTo(bound.get("plaintext").asText());

    assertError(
        post("/v1/keys/" + k + "/generate-data-key", json("algorithm", "AES_192")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys/" + k + "/generate-data-key", json("algorithm", "RSA_2048")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys/" + k + "/generate-data-key", json("algorithm", "NOPE")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys/" + k + "/generate-data-key", json("includePlaintext", "yes")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + key("EC_P256") + "/generate-data-key", "{}"),
        400,
        "INVALID_OPERATION_FOR_KEY");
  }

  // ---- signatures ---------------------------------------------------------------------------

  Stream<Arguments> signatureCases() {
    List<Arguments> out = new ArrayList<>();
    for (String rsa : List.of("RSA_2048", "RSA_3072", "RSA_4096")) {
      RSA_SIGNATURES.forEach(s -> out.add(Arguments.of(rsa, s)));
    }
    for (String ec : List.of("EC_P256", "EC_P384", "EC_P521")) {
      EC_SIGNATURES.forEach(s -> out.add(Arguments.of(ec, s)));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("signatureCases")
  void signAndVerifyByMessageAndByDigest(String keyAlg, String sigAlg) throws Exception {
    String k = key(keyAlg);
    byte[] message = ("a message for " + keyAlg + "/" + sigAlg).getBytes(StandardCharsets.UTF_8);
    byte[] digest = MessageDigest.getInstance(digestName(sigAlg)).digest(message);
    PublicKey pub = publicKey(k, keyAlg);

    JsonNode signed =
        ok("/v1/keys/" + k + "/sign", json("message", base64(message), "algorithm", sigAlg));
    assertThat(signed.get("keyId").asText()).isEqualTo(k);
    assertThat(signed.get("keyVersion").asInt()).isEqualTo(1);
    assertThat(signed.get("algorithm").asText()).isEqualTo(sigAlg);
    byte[] bySignature = unbase64(signed.get("signature").asText());

    JsonNode digestSigned =
        ok("/v1/keys/" + k + "/sign", json("digest", base64(digest), "algorithm", sigAlg));
    byte[] byDigest = unbase64(digestSigned.get("signature").asText());

    for (byte[] signature : List.of(bySignature, byDigest)) {
      // The server accepts it by message and by digest...
      assertThat(verify(k, sigAlg, "message", message, signature)).isTrue();
      assertThat(verify(k, sigAlg, "digest", digest, signature)).isTrue();
      // ...and so does the JDK, with the public key alone (what OpenSSL would do).
      assertThat(jdkVerify(sigAlg, pub, message, signature)).as("JDK verification").isTrue();
      // Tampering is noticed.
      assertThat(verify(k, sigAlg, "message", message, flipBit(signature, signature.length / 2)))
          .isFalse();
      assertThat(verify(k, sigAlg, "digest", digest, flipBit(signature, signature.length - 1)))
          .isFalse();
      assertThat(
              verify(
                  k,
                  sigAlg,
                  "message",
                  "another message".getBytes(StandardCharsets.UTF_8),
                  signature))
          .isFalse();
    }
    assertThat(jdkVerify(sigAlg, pub, message, flipBit(bySignature, 10))).isFalse();
    assertThat(verify(k, sigAlg, "message", message, new byte[] {1, 2, 3})).isFalse();
  }

  @Test
  void signatureAlgorithmMustFitTheKey() throws Exception {
    byte[] message = "m".getBytes(StandardCharsets.UTF_8);
    assertError(
        post(
            "/v1/keys/" + key("RSA_2048") + "/sign",
            json("message", base64(message), "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/sign",
            json("message", base64(message), "algorithm", "RSA_PSS_SHA256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/verify",
            json(
                "message",
                base64(message),
                "signature",
                base64(new byte[8]),
                "algorithm",
                "RSA_PKCS1_SHA256")),
        400,
        "INVALID_ARGUMENT");
    // Exactly one of message and digest; the digest must match the hash.
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/sign",
            json(
                "message",
                base64(message),
                "digest",
                base64(new byte[32]),
                "algorithm",
                "ECDSA_SHA256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + key("EC_P256") + "/sign", json("algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/sign",
            json("digest", base64(new byte[31]), "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + key("RSA_2048") + "/sign",
            json("digest", base64(new byte[32]), "algorithm", "RSA_PSS_SHA512")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + key("EC_P256") + "/sign", json("message", base64(message))),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/sign",
            json("message", base64(message), "algorithm", "ECDSA_SHA1")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post(
            "/v1/keys/" + key("EC_P256") + "/verify",
            json("message", base64(message), "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_ARGUMENT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"RSA_2048", "RSA_3072", "RSA_4096", "EC_P256", "EC_P384", "EC_P521"})
  void publicKeyIsPemSubjectPublicKeyInfo(String alg) throws Exception {
    JsonNode pk = assertOk(get("/v1/keys/" + key(alg) + "/public-key"));
    assertThat(pk.get("keyId").asText()).isEqualTo(key(alg));
    assertThat(pk.get("keyVersion").asInt()).isEqualTo(1);
    assertThat(pk.get("algorithm").asText()).isEqualTo(alg);
    String pem = pk.get("publicKey").asText();
    assertThat(pem)
        .startsWith("-----BEGIN PUBLIC KEY-----\n")
        .endsWith("-----END PUBLIC KEY-----\n");
    PublicKey pub = parsePem(pem, alg);
    if (pub instanceof RSAPublicKey rsa) {
      assertThat(rsa.getModulus().bitLength()).isEqualTo(Integer.parseInt(alg.substring(4)));
    } else {
      assertThat(((ECPublicKey) pub).getParams().getCurve().getField().getFieldSize())
          .isEqualTo(Integer.parseInt(alg.substring(4)));
    }
    assertThat(assertOk(get("/v1/keys/" + key(alg) + "/public-key?version=1"))).isEqualTo(pk);
    assertError(get("/v1/keys/" + key(alg) + "/public-key?version=2"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/keys/" + key(alg) + "/public-key?version=0"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/keys/" + key(alg) + "/public-key?version=x"), 400, "INVALID_ARGUMENT");
  }

  @ParameterizedTest
  @ValueSource(strings = {"AES_256", "HMAC_SHA256"})
  void symmetricKeysHaveNoPublicKey(String alg) throws Exception {
    assertError(get("/v1/keys/" + key(alg) + "/public-key"), 400, "INVALID_OPERATION_FOR_KEY");
  }

  // ---- MACs ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"HMAC_SHA256:32", "HMAC_SHA384:48", "HMAC_SHA512:64"})
  void macAndVerifyMac(String spec) throws Exception {
    String k = key(spec.split(":")[0]);
    int length = Integer.parseInt(spec.split(":")[1]);
    String message = base64("a message to authenticate");
    JsonNode mac = ok("/v1/keys/" + k + "/mac", json("message", message));
    assertThat(mac.get("keyId").asText()).isEqualTo(k);
    assertThat(mac.get("keyVersion").asInt()).isEqualTo(1);
    byte[] tag = unbase64(mac.get("mac").asText());
    assertThat(tag).hasSize(length);
    // Deterministic: the same message gives the same tag.
    assertThat(ok("/v1/keys/" + k + "/mac", json("message", message)).get("mac").asText())
        .isEqualTo(mac.get("mac").asText());

    assertThat(verifyMac(k, message, tag)).isTrue();
    for (int bit : new int[] {0, 7, length * 4, length * 8 - 1}) {
      byte[] flipped = tag.clone();
      flipped[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThat(verifyMac(k, message, flipped)).as("bit %d flipped", bit).isFalse();
    }
    assertThat(verifyMac(k, base64("another message"), tag)).isFalse();
    assertThat(verifyMac(k, message, Arrays.copyOf(tag, length - 1))).isFalse();
    assertThat(verifyMac(k, message, new byte[0])).isFalse();
    // Another HMAC key gives another tag.
    String other = key(spec.startsWith("HMAC_SHA256") ? "HMAC_SHA512" : "HMAC_SHA256");
    assertThat(ok("/v1/keys/" + other + "/mac", json("message", message)).get("mac").asText())
        .isNotEqualTo(mac.get("mac").asText());
    // The empty message has a tag too.
    assertThat(unbase64(ok("/v1/keys/" + k + "/mac", json("message", "")).get("mac").asText()))
        .hasSize(length);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private boolean verify(String k, String sigAlg, String mode, byte[] data, byte[] signature)
      throws Exception {
    JsonNode r =
        ok(
            "/v1/keys/" + k + "/verify",
            json(mode, base64(data), "signature", base64(signature), "algorithm", sigAlg));
    assertThat(r.get("valid").isBoolean()).isTrue();
    return r.get("valid").asBoolean();
  }

  private boolean verifyMac(String k, String message, byte[] tag) throws Exception {
    JsonNode r = ok("/v1/keys/" + k + "/verify-mac", json("message", message, "mac", base64(tag)));
    assertThat(r.get("valid").isBoolean()).isTrue();
    return r.get("valid").asBoolean();
  }

  private PublicKey publicKey(String keyId, String keyAlg) throws Exception {
    return parsePem(
        assertOk(get("/v1/keys/" + keyId + "/public-key")).get("publicKey").asText(), keyAlg);
  }

  static PublicKey parsePem(String pem, String keyAlg) throws Exception {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(body);
    return KeyFactory.getInstance(keyAlg.startsWith("RSA") ? "RSA" : "EC")
        .generatePublic(new X509EncodedKeySpec(der));
  }

  static String digestName(String sigAlg) {
    return "SHA-" + sigAlg.substring(sigAlg.length() - 3);
  }

  /** Verifies with the JDK alone: the parameters OpenSSL uses by default for these names. */
  static boolean jdkVerify(String sigAlg, PublicKey pub, byte[] message, byte[] signature)
      throws Exception {
    String bits = sigAlg.substring(sigAlg.length() - 3);
    Signature s;
    if (sigAlg.startsWith("RSA_PSS")) {
      s = Signature.getInstance("RSASSA-PSS");
      String hash = "SHA-" + bits;
      s.setParameter(
          new PSSParameterSpec(
              hash, "MGF1", new MGF1ParameterSpec(hash), Integer.parseInt(bits) / 8, 1));
    } else if (sigAlg.startsWith("RSA_PKCS1")) {
      s = Signature.getInstance("SHA" + bits + "withRSA");
    } else {
      s = Signature.getInstance("SHA" + bits + "withECDSA"); // DER-encoded (r, s)
    }
    s.initVerify(pub);
    s.update(message);
    try {
      return s.verify(signature);
    } catch (java.security.SignatureException e) {
      return false;
    }
  }

  static byte[] flipBit(byte[] b, int index) {
    byte[] c = b.clone();
    c[index] ^= 0x01;
    return c;
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
