package io.clavis.server.api;

import static io.clavis.server.api.ApiAssertions.assertError;
import static io.clavis.server.testing.TestNode.base64;
import static io.clavis.server.testing.TestNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.node.NodeConfig;
import io.clavis.server.testing.TestNode.Response;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The listener's handling of a connection: pipelined requests answered in order whichever thread
 * computes them, a refused body dropped without losing the connection, "Expect: 100-continue",
 * HTTP/1.0 and methods no route has.
 */
class HttpConnectionApiTest extends SharedNodeApiTest {
  private static final int PLAINTEXT_LIMIT = 1024;

  private String aes;
  private String auth;

  @Override
  protected NodeConfig configure(NodeConfig config) {
    return config.withMaxPlaintextBytes(PLAINTEXT_LIMIT);
  }

  @BeforeAll
  void createKey() throws Exception {
    aes = node.createKey(node.createVault("connections"), "aes", "AES_256");
    auth = "Authorization: Bearer " + node.token() + "\r\n";
  }

  private String post(String path, String body, String extraHeaders) {
    return "POST "
        + path
        + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + auth
        + extraHeaders
        + "Content-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\n\r\n"
        + body;
  }

  private String encryptRequest() {
    return post("/v1/keys/" + aes + "/encrypt", json("plaintext", base64(new byte[16])), "");
  }

  private String listVaults() {
    return "GET /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n";
  }

  @Test
  void pipelinedRequestsAreAnsweredInTheOrderSent() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      // A listing (on a worker thread) ahead of encryptions (on the I/O thread): the faster
      // answers still wait their turn.
      c.write(listVaults() + encryptRequest() + listVaults() + encryptRequest());
      for (int i = 0; i < 2; i++) {
        Response listing = c.read();
        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().has("items")).as("%s", listing.json()).isTrue();
        Response encrypted = c.read();
        assertThat(encrypted.status()).isEqualTo(200);
        assertThat(encrypted.json().has("ciphertext")).as("%s", encrypted.json()).isTrue();
      }
    }
  }

  @Test
  void aPipelineDeeperThanTheQueueIsAnsweredWhole() throws Exception {
    int sent = 100; // the connection stops reading at 16 waiting and resumes as answers leave
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(listVaults().repeat(sent));
      for (int i = 0; i < sent; i++) {
        assertThat(c.read().status()).as("answer %d", i).isEqualTo(200);
      }
      c.write(encryptRequest());
      assertThat(c.read().status()).isEqualTo(200);
    }
  }

  @Test
  void aMalformedRequestInAPipelineEndsItAfterTheAnswersAhead() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(
          listVaults()
              + listVaults()
              + "POST /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: twelve\r\n\r\n"
              + listVaults());
      assertThat(c.read().status()).isEqualTo(200);
      assertThat(c.read().status()).isEqualTo(200);
      assertError(c.read(), 400, "INVALID_ARGUMENT");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void aRefusedBodyIsReadToItsEndAndTheConnectionServesTheNextRequest() throws Exception {
    String tooLarge = json("plaintext", "A".repeat(100 * 1024));
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(post("/v1/keys/" + aes + "/encrypt", tooLarge, ""));
      assertError(c.read(), 413, "PAYLOAD_TOO_LARGE");
      c.write(encryptRequest());
      Response next = c.read();
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.json().has("ciphertext")).isTrue();
    }
  }

  @Test
  void expectContinueGetsAContinueBeforeTheBodyIsSent() throws Exception {
    String body = json("plaintext", base64(new byte[16]));
    String request = post("/v1/keys/" + aes + "/encrypt", body, "Expect: 100-continue\r\n");
    String head = request.substring(0, request.length() - body.length());
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(head);
      assertThat(c.read().status()).isEqualTo(100);
      c.write(body);
      assertThat(c.read().status()).isEqualTo(200);
    }
    // Too large: refused on the head alone, and the body the client holds back is not awaited.
    String large = json("plaintext", "A".repeat(100 * 1024));
    String refused = post("/v1/keys/" + aes + "/encrypt", large, "Expect: 100-continue\r\n");
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(refused.substring(0, refused.length() - large.length()));
      assertError(c.read(), 413, "PAYLOAD_TOO_LARGE");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void http10WithoutKeepAliveIsClosedAfterItsAnswer() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write("GET /v1/vaults HTTP/1.0\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
      Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.headers().firstValue("connection")).hasValue("close");
      assertThat(c.closedByServer()).isTrue();
    }
  }

  @Test
  void methodsWithoutARouteAreRefusedWithTheJsonError() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write("OPTIONS /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
      assertError(c.read(), 405, "METHOD_NOT_ALLOWED");
      c.write("BREW /v1/nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
      Response missing = c.read();
      assertError(missing, 404, "NOT_FOUND");
      assertThat(missing.headers().firstValue("clavis-node")).isPresent();
    }
  }

  @Test
  void aHeadRequestIsAnsweredWithTheHeadAlone() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write("HEAD /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
      Response head = c.readHead();
      assertThat(head.status()).isEqualTo(405);
      assertThat(head.headers().firstValue("content-length").map(Integer::parseInt))
          .hasValueSatisfying(n -> assertThat(n).isPositive());
      // Had a body followed the head, this answer would be read from the middle of it.
      c.write("GET /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\n" + auth + "\r\n");
      Response next = c.read();
      assertThat(next.status()).isEqualTo(200);
      assertThat(next.json().has("items")).isTrue();
    }
  }

  @Test
  void headersOverTheLimitAreRefusedAndTheConnectionClosed() throws Exception {
    try (RawHttp.Connection c = RawHttp.open(node)) {
      c.write(
          "GET /v1/vaults HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Filler: "
              + "x".repeat(40 * 1024)
              + "\r\n"
              + auth
              + "\r\n");
      assertError(c.read(), 400, "INVALID_ARGUMENT");
      assertThat(c.closedByServer()).isTrue();
    }
  }
}
