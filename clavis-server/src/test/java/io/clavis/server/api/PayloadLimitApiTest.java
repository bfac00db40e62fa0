package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.api.ApiAssertions.assertOk;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.node.NodeConfig;
import io.clavis.server.testing.TestNode.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 413 PAYLOAD_TOO_LARGE on a node whose plaintext limit is 1024 bytes: for plaintexts and messages
 * just over the limit, and for request bodies over the body limit, near or far.
 */
class PayloadLimitApiTest extends SharedNodeApiTest {
  private static final int LIMIT = 1024;

  private String aes;
  private String ec;
  private String hmac;

  @Override
  protected NodeConfig configure(NodeConfig config) {
    return config.withMaxPlaintextBytes(LIMIT);
  }

  @BeforeAll
  void createKeys() throws Exception {
    String vault = node.createVault("limits");
    aes = node.createKey(vault, "aes", "AES_256");
    ec = node.createKey(vault, "ec", "EC_P256");
    hmac = node.createKey(vault, "hmac", "HMAC_SHA256");
  }

  @Test
  void plaintextAtTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
    byte[] atLimit = new byte[LIMIT];
    String ciphertext = encrypt(aes, atLimit);
    assertThat(assertOk(decrypt(ciphertext)).get("plaintext").asText()).isEqualTo(base64(atLimit));
    String message =
        assertError(
            post("/v1/keys/" + aes + "/encrypt", json("plaintext", base64(new byte[LIMIT + 1]))),
            413,
            "PAYLOAD_TOO_LARGE");
    assertThat(message).contains("1024");
  }

  @Test
  void messagesToSignOrMacAreLimitedToo() throws Exception {
    String atLimit = base64(new byte[LIMIT]);
    String over = base64(new byte[LIMIT + 1]);
    assertOk(
        post("/v1/keys/" + ec + "/sign", json("message", atLimit, "algorithm", "ECDSA_SHA256")));
    assertError(
        post("/v1/keys/" + ec + "/sign", json("message", over, "algorithm", "ECDSA_SHA256")),
        413,
        "PAYLOAD_TOO_LARGE");
    assertError(
        post(
            "/v1/keys/" + ec + "/verify",
            json("message", over, "signature", "AAAA", "algorithm", "ECDSA_SHA256")),
        413,
        "PAYLOAD_TOO_LARGE");
    assertOk(post("/v1/keys/" + hmac + "/mac", json("message", atLimit)));
    assertError(post("/v1/keys/" + hmac + "/mac", json("message", over)), 413, "PAYLOAD_TOO_LARGE");
    assertError(
        post("/v1/keys/" + hmac + "/verify-mac", json("message", over, "mac", "AAAA")),
        413,
        "PAYLOAD_TOO_LARGE");
  }

  @Test
  void bodyJustOverTheBodyLimit() throws Exception {
    // The body limit is the plaintext limit in base64 plus 64 KiB of room for the JSON around it.
    long bodyLimit = LIMIT * 4L / 3 + 64 * 1024;
    String body = paddedBody((int) bodyLimit + 1);
    assertError(post("/v1/keys/" + aes + "/encrypt", body), 413, "PAYLOAD_TOO_LARGE");
    // Right at the limit the body is read: here it holds a plaintext over the plaintext limit.
    assertError(
        post("/v1/keys/" + aes + "/encrypt", paddedBody((int) bodyLimit)),
        413,
        "PAYLOAD_TOO_LARGE");
    // Still serving on the same connection afterwards.
    assertOk(post("/v1/keys/" + aes + "/encrypt", json("plaintext", "AAAA")));
  }

  @Test
  void bodyFarOverTheLimitGetsTheJsonError() throws Exception {
    String huge = json("plaintext", "A".repeat(4 * 1024 * 1024));
    assertError(post("/v1/keys/" + aes + "/encrypt", huge), 413, "PAYLOAD_TOO_LARGE");
    assertError(post("/v1/vaults", huge), 413, "PAYLOAD_TOO_LARGE");
    // Public endpoints too.
    assertError(node.call("POST", "/v1/sys/unseal", huge, null), 413, "PAYLOAD_TOO_LARGE");
    assertOk(post("/v1/keys/" + aes + "/encrypt", json("plaintext", "AAAA")));
  }

  @Test
  void chunkedBodyWithoutContentLengthIsLimitedToo() throws Exception {
    for (int size : new int[] {100 * 1024, 4 * 1024 * 1024}) {
      byte[] body = json("plaintext", "A".repeat(size)).getBytes(StandardCharsets.UTF_8);
      Response r =
          node.callWithPublisher(
              "POST",
              "/v1/keys/" + aes + "/encrypt",
              HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
      assertError(r, 413, "PAYLOAD_TOO_LARGE");
    }
    byte[] small = json("plaintext", "AAAA").getBytes(StandardCharsets.UTF_8);
    assertOk(
        node.callWithPublisher(
            "POST",
            "/v1/keys/" + aes + "/encrypt",
            HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small))));
  }

  @Test
  void declaredLengthOverTheServersBackstopGetsTheJsonErrorToo() throws Exception {
    // Content-Length of 1 GB, and no body: refused on the headers alone, before routing.
    Response r =
        RawHttp.send(
            node,
            "POST /v1/vaults HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Authorization: Bearer "
                + node.token()
                + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 1000000000\r\n\r\n");
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
  }

  /** A JSON body of exactly {@code size} bytes whose plaintext is as long as it fits. */
  private static String paddedBody(int size) {
    String prefix = "{\"plaintext\":\"";
    String suffix = "\"}";
    int room = size - prefix.length() - suffix.length();
    String b64 = "A".repeat(room / 4 * 4);
    String spaces = " ".repeat(room - b64.length());
    String body = prefix + b64 + suffix + spaces;
    assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(size);
    return body;
  }
}
