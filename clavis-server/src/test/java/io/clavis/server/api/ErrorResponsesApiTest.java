package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every class of client error, each with its status, its stable code and the uniform error body
 * (checked by {@link ApiAssertions#assertError}: exact fields, request id in body and header, never
 * a 500).
 */
class ErrorResponsesApiTest extends SharedNodeApiTest {
  private String vault;
  private String aes;
  private String ec;
  private String hmac;
  private String rsa;

  @BeforeAll
  void createKeys() throws Exception {
    vault = node.createVault("errors");
    aes = node.createKey(vault, "aes", "AES_256");
    ec = node.createKey(vault, "ec", "EC_P256");
    hmac = node.createKey(vault, "hmac", "HMAC_SHA512");
    rsa = node.createKey(vault, "rsa", "RSA_2048");
  }

  @Test
  void malformedJson() throws Exception {
    String encrypt = "/v1/keys/" + aes + "/encrypt";
    for (String body :
        List.of(
            "not json",
            "{plaintext: AAAA}",
            "{\"plaintext\":",
            "{\"plaintext\":\"AAAA\"",
            "[]",
            "[{\"plaintext\":\"AAAA\"}]",
            "\"AAAA\"",
            "42",
            "true",
            "null",
            "{\"plaintext\":\"AAAA\",}",
            "{\"plaintext\":\"AAAA\"} trailing",
            "{\"plaintext\":\"AAAA\"}{\"plaintext\":\"AAAA\"}",
            "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}",
            "{\"bytes\":" + "9".repeat(40) + "}")) {
      assertError(post(encrypt, body), 400, "MALFORMED_JSON");
      assertError(post("/v1/vaults", body), 400, "MALFORMED_JSON");
      assertError(post("/v1/random", body), 400, "MALFORMED_JSON");
    }
    // Public endpoints parse their bodies the same way.
    assertError(node.call("POST", "/v1/sys/unseal", "{", null), 400, "MALFORMED_JSON");
    assertError(node.call("POST", "/v1/sys/init", "[]", null), 400, "MALFORMED_JSON");
    // An empty body is an empty object, not malformed.
    assertError(post(encrypt, ""), 400, "INVALID_ARGUMENT");
    assertOk(post(encrypt, "  {\"plaintext\" : \"AAAA\" }  \n"));
  }

  @Test
  void invalidBase64() throws Exception {
    for (String bad : List.of("!!!!", "A===", "AA AA", "not base64", "AA==AA==", "-_-_")) {
      assertError(
          post("/v1/keys/" + aes + "/encrypt", json("plaintext", bad)), 400, "INVALID_BASE64");
    }
    assertError(
        post("/v1/keys/" + aes + "/encrypt", json("plaintext", "AAAA", "aad", "%%")),
        400,
        "INVALID_BASE64");
    assertError(
        post("/v1/decrypt", json("ciphertext", base64("whatever"), "aad", "%%")),
        400,
        "INVALID_BASE64");
    assertError(
        post("/v1/keys/" + ec + "/sign", json("message", "@@", "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_BASE64");
    assertError(
        post("/v1/keys/" + ec + "/sign", json("digest", "@@", "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_BASE64");
    assertError(
        post(
            "/v1/keys/" + ec + "/verify",
            json("message", "AAAA", "signature", "@@", "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_BASE64");
    assertError(post("/v1/keys/" + hmac + "/mac", json("message", "@@")), 400, "INVALID_BASE64");
    assertError(
        post("/v1/keys/" + hmac + "/verify-mac", json("message", "AAAA", "mac", "@@")),
        400,
        "INVALID_BASE64");
    assertError(
        post("/v1/keys/" + aes + "/generate-data-key", json("aad", "@@")), 400, "INVALID_BASE64");
    assertError(
        post("/v1/keys/" + aes + "/re-encrypt", json("ciphertext", "@@")), 400, "INVALID_BASE64");
  }

  @Test
  void invalidArguments() throws Exception {
    // Missing fields.
    assertError(post("/v1/keys/" + aes + "/encrypt", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/decrypt", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/keys/" + aes + "/re-encrypt", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/keys/" + hmac + "/mac", "{}"), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + hmac + "/verify-mac", json("message", "AAAA")), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/vaults", "{}"), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/compartments", "{}"), 400, "INVALID_ARGUMENT");
    // Wrong types.
    assertError(
        post("/v1/keys/" + aes + "/encrypt", json("plaintext", 5)), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + aes + "/encrypt", json("plaintext", List.of("AAAA"))),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + aes + "/encrypt", json("plaintext", Map.of("a", "b"))),
        400,
        "INVALID_ARGUMENT");
    assertError(post("/v1/decrypt", json("ciphertext", 12)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", "16")), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", 16.5)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", true)), 400, "INVALID_ARGUMENT");
    assertError(
        post(
            "/v1/keys/" + ec + "/verify",
            json(
                "message",
                "AAAA",
                "signature",
                "AAAA",
                "algorithm",
                "ECDSA_SHA256",
                "keyVersion",
                "1")),
        400,
        "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys/" + ec + "/sign", json("message", "AAAA", "algorithm", 256)),
        400,
        "INVALID_ARGUMENT");
    // Out of range.
    assertError(post("/v1/random", json("bytes", 0)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", 4097)), 400, "INVALID_ARGUMENT");
    assertError(post("/v1/random", json("bytes", 99999999999L)), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/vaults?limit=0"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/vaults?limit=1001"), 400, "INVALID_ARGUMENT");
    assertError(get("/v1/keys?limit=100000000000"), 400, "INVALID_ARGUMENT");
    // Bad names.
    assertError(post("/v1/vaults", json("name", "no spaces")), 400, "INVALID_ARGUMENT");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "semi;colon", "algorithm", "AES_256")),
        400,
        "INVALID_ARGUMENT");
  }

  @Test
  void unsupportedAlgorithms() throws Exception {
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "DES")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys/" + rsa + "/sign", json("message", "AAAA", "algorithm", "RSA_PSS_SHA1")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post(
            "/v1/keys/" + rsa + "/verify",
            json("message", "AAAA", "signature", "AAAA", "algorithm", "MD5withRSA")),
        400,
        "UNSUPPORTED_ALGORITHM");
    assertError(
        post("/v1/keys/" + aes + "/generate-data-key", json("algorithm", "AES_192")),
        400,
        "UNSUPPORTED_ALGORITHM");
    // A very long name is not echoed back whole.
    String message =
        assertError(
            post("/v1/keys", json("vaultId", vault, "name", "k", "algorithm", "Z".repeat(5000))),
            400,
            "UNSUPPORTED_ALGORITHM");
    assertThat(message.length()).isLessThan(1000);
  }

  @Test
  void invalidOperationsForKeyTypes() throws Exception {
    String m = base64("message");
    assertError(
        post("/v1/keys/" + aes + "/sign", json("message", m, "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post(
            "/v1/keys/" + aes + "/verify",
            json("message", m, "signature", m, "algorithm", "RSA_PSS_SHA256")),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + hmac + "/sign", json("message", m, "algorithm", "ECDSA_SHA256")),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + ec + "/encrypt", json("plaintext", m)),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + hmac + "/encrypt", json("plaintext", m)),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + aes + "/mac", json("message", m)), 400, "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + rsa + "/mac", json("message", m)), 400, "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + ec + "/verify-mac", json("message", m, "mac", m)),
        400,
        "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + ec + "/generate-data-key", "{}"), 400, "INVALID_OPERATION_FOR_KEY");
    assertError(
        post("/v1/keys/" + hmac + "/generate-data-key", "{}"), 400, "INVALID_OPERATION_FOR_KEY");
    assertError(get("/v1/keys/" + aes + "/public-key"), 400, "INVALID_OPERATION_FOR_KEY");
    assertError(get("/v1/keys/" + hmac + "/public-key"), 400, "INVALID_OPERATION_FOR_KEY");
    // Re-encrypting into a key that cannot encrypt.
    String ciphertext = encrypt(aes, new byte[] {1});
    assertError(
        post("/v1/keys/" + ec + "/re-encrypt", json("ciphertext", ciphertext)),
        400,
        "INVALID_OPERATION_FOR_KEY");
  }

  @Test
  void unauthenticated() throws Exception {
    String path = "/v1/vaults";
    assertError(node.call("GET", path, null, null), 401, "UNAUTHENTICATED");
    assertError(
        node.callWithAuthorization("GET", path, null, "Basic cm9vdDpyb290"),
        401,
        "UNAUTHENTICATED");
    assertError(
        node.callWithAuthorization("GET", path, null, node.token()), 401, "UNAUTHENTICATED");
    assertError(
        node.callWithAuthorization("GET", path, null, "Token " + node.token()),
        401,
        "UNAUTHENTICATED");
    assertError(node.callWithAuthorization("GET", path, null, "Bearer"), 401, "UNAUTHENTICATED");
    assertError(node.callWithAuthorization("GET", path, null, "Bearer "), 401, "UNAUTHENTICATED");
    assertError(node.call("GET", path, null, "cvs_unknown"), 401, "UNAUTHENTICATED");
    assertError(node.call("GET", path, null, node.token() + "x"), 401, "UNAUTHENTICATED");
    assertError(node.call("GET", path, null, "x".repeat(600)), 401, "UNAUTHENTICATED");
    // Authentication comes before the body is looked at.
    assertError(node.call("POST", path, "not json", null), 401, "UNAUTHENTICATED");
    // The scheme name is case-insensitive (RFC 7235).
    assertOk(node.callWithAuthorization("GET", path, null, "bearer " + node.token()));
    assertOk(node.call("GET", path, null, node.token()));
  }

  @Test
  void notFound() throws Exception {
    assertError(get("/v1/keys/key_doesnotexist"), 404, "NOT_FOUND");
    assertError(get("/v1/vaults/vault_doesnotexist"), 404, "NOT_FOUND");
    assertError(post("/v1/keys/key_doesnotexist/rotate"), 404, "NOT_FOUND");
    for (String path :
        List.of(
            "/",
            "/v1",
            "/v1/",
            "/v1/nothing",
            "/v2/vaults",
            "/v1/keys/x/y/z",
            "/v1/sys",
            "/v1/keys/x/explode")) {
      assertError(get(path), 404, "NOT_FOUND");
      assertError(post(path, "{}"), 404, "NOT_FOUND");
    }
    // Unknown routes are 404 even without a token.
    assertError(node.call("GET", "/v1/nothing", null, null), 404, "NOT_FOUND");
    assertError(node.call("DELETE", "/v1/nothing", null, null), 404, "NOT_FOUND");
  }

  @Test
  void methodNotAllowed() throws Exception {
    assertError(node.call("DELETE", "/v1/vaults", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("PUT", "/v1/vaults", "{}"), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("DELETE", "/v1/keys/" + aes, null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("POST", "/v1/keys/" + aes, "{}"), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("GET", "/v1/keys/" + aes + "/encrypt", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("GET", "/v1/decrypt", null), 405, "METHOD_NOT_ALLOWED");
    assertError(
        node.call("POST", "/v1/keys/" + ec + "/public-key", "{}"), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("POST", "/v1/sys/health", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("GET", "/v1/sys/init", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("GET", "/v1/tokens", null), 405, "METHOD_NOT_ALLOWED");
    assertError(node.call("POST", "/v1/openapi.json", null), 405, "METHOD_NOT_ALLOWED");
    // 405 without a token too: the method is wrong whoever asks.
    assertError(node.call("DELETE", "/v1/vaults", null, null), 405, "METHOD_NOT_ALLOWED");
  }

  @Test
  void malformedHttpGetsTheUniformErrorToo() throws Exception {
    String auth = "Authorization: Bearer " + node.token() + "\r\n";
    for (String requestLine :
        List.of(
            "GET /v1/vaults/%zz HTTP/1.1",
            "GET /v1/vaults?limit=%zz HTTP/1.1", "GET /v1/keys/%e2%82 HTTP/1.1")) {
      Response r =
          RawHttp.send(
              node, requestLine + "\r\nHost: 127.0.0.1\r\n" + auth + "Connection: close\r\n\r\n");
      assertThat(r.status()).as(requestLine).isIn(400, 404);
      assertError(r, r.status(), r.status() == 400 ? "INVALID_ARGUMENT" : "NOT_FOUND");
    }
    Response badLength =
        RawHttp.send(
            node,
            "POST /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + auth
                + "Content-Length: twelve\r\nConnection: close\r\n\r\n");
    assertError(badLength, 400, "INVALID_ARGUMENT");
  }

  @Test
  void conflicts() throws Exception {
    node.createKey(vault, "taken", "AES_256");
    assertError(
        post("/v1/keys", json("vaultId", vault, "name", "taken", "algorithm", "AES_256")),
        409,
        "NAME_TAKEN");
    assertError(post("/v1/vaults", json("name", "errors")), 409, "NAME_TAKEN");
    assertError(post("/v1/keys/" + aes + "/cancel-deletion"), 409, "INVALID_STATE");
    assertError(
        node.call(
            "POST",
            "/v1/sys/init",
            json("type", "passphrase", "passphrase", "another passphrase"),
            null),
        409,
        "ALREADY_INITIALIZED");
  }
}
