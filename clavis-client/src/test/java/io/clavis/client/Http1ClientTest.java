package io.clavis.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The SDK's HTTP/1.1 client against a hand-written server that answers exactly as told. */
class Http1ClientTest {
  private final Http1Client client = new Http1Client(null, Duration.ofSeconds(5));
  private ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() throws IOException {
    client.close();
    if (server != null) {
      server.close();
    }
  }

  /** Serves: for each connection, {@code perConnection} answers, then closes it. */
  private URI serve(int perConnection, String answer) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  connections.incrementAndGet();
                  BufferedReader in =
                      new BufferedReader(new InputStreamReader(s.getInputStream(), ISO_8859_1));
                  OutputStream out = s.getOutputStream();
                  for (int i = 0; i < perConnection; i++) {
                    String line = in.readLine();
                    if (line == null) {
                      break;
                    }
                    requestLines.add(line);
                    int length = 0;
                    for (String h; !(h = in.readLine()).isEmpty(); ) {
                      if (h.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                      }
                    }
                    in.skip(length);
                    out.write(answer.getBytes(ISO_8859_1));
                    out.flush();
                  }
                } catch (IOException e) {
                  // the test closed the server
                }
              }
            });
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  private Http1Client.Response get(URI uri) throws IOException {
    return client.send(uri, "GET", "/v1/x?a=1", List.of(), null, Duration.ofSeconds(5));
  }

  @Test
  void keepsTheConnectionAndReadsContentLengthBodies() throws Exception {
    URI uri = serve(10, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nClavis-Node: n1\r\n\r\nok");
    for (int i = 0; i < 3; i++) {
      Http1Client.Response r = get(uri);
      assertThat(r.status()).isEqualTo(200);
      assertThat(new String(r.body(), ISO_8859_1)).isEqualTo("ok");
      assertThat(r.headers().firstValue("clavis-node")).contains("n1");
    }
    assertThat(connections.get()).isEqualTo(1);
    assertThat(requestLines).containsOnly("GET /v1/x?a=1 HTTP/1.1");
  }

  @Test
  void aConnectionTheServerClosedWhileIdleIsReplacedOnce() throws Exception {
    URI uri = serve(1, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    assertThat(get(uri).status()).isEqualTo(200);
    // The server closed the kept-alive connection: the next call reconnects and succeeds.
    assertThat(get(uri).status()).isEqualTo(200);
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void readsChunkedBodies() throws Exception {
    URI uri =
        serve(
            1,
            "HTTP/1.1 503 Service Unavailable\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
    Http1Client.Response r = get(uri);
    assertThat(r.status()).isEqualTo(503);
    assertThat(new String(r.body(), ISO_8859_1)).isEqualTo("abcde");
  }

  @Test
  void malformedAnswersAndSilenceAreErrors() throws Exception {
    URI uri = serve(1, "NOT HTTP\r\n\r\n");
    assertThatThrownBy(() -> get(uri)).isInstanceOf(IOException.class);
    server.close();

    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    try (silent) {
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  silent.accept(); // accepts and never answers
                } catch (IOException e) {
                  // closed
                }
              });
      URI quiet = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      assertThatThrownBy(
              () -> client.send(quiet, "GET", "/", List.of(), null, Duration.ofMillis(300)))
          .isInstanceOf(HttpTimeoutException.class);
    }
  }
}
