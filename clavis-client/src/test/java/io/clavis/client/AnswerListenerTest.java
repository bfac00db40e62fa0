package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The served-by hook: which server and node gave each final answer. */
class AnswerListenerTest {
  private record Heard(URI server, String node, int status, String thread) {}

  private final List<Heard> heard = new CopyOnWriteArrayList<>();
  private HttpServer sealed;
  private HttpServer healthy;
  private ClavisClient client;

  @BeforeEach
  void start() throws IOException {
    sealed =
        server("node-a", 503, "{\"code\":\"SEALED\",\"message\":\"sealed\",\"requestId\":\"r\"}");
    healthy = server("node-b", 200, null);
    client =
        ClavisClient.builder()
            .servers(List.of(url(sealed), url(healthy)))
            .token("tok")
            .answerListener(
                (server, node, status) ->
                    heard.add(new Heard(server, node, status, Thread.currentThread().getName())))
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    sealed.stop(0);
    healthy.stop(0);
  }

  @Test
  void reportsTheNodeOfTheFinalAnswerOnTheCallingThread() {
    client.getKey("k1");

    assertThat(heard)
        .containsExactly(new Heard(url(healthy), "node-b", 200, Thread.currentThread().getName()));
  }

  @Test
  void reportsErrorAnswersTooBeforeTheExceptionReachesTheCaller() {
    assertThatThrownBy(() -> client.getKey("missing"))
        .isInstanceOfSatisfying(
            ClavisException.class, e -> assertThat(e.code()).isEqualTo("NOT_FOUND"));

    assertThat(heard).extracting(Heard::node, Heard::status).containsExactly(tuple("node-b", 404));
  }

  private static URI url(HttpServer s) {
    return URI.create("http://127.0.0.1:" + s.getAddress().getPort());
  }

  /** Answers every request with {@code status}: {@code body}, or a key (200) or 404 by path. */
  private static HttpServer server(String node, int status, String body) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext(
        "/",
        ex -> {
          ex.getRequestBody().readAllBytes();
          int code = status;
          String answer = body;
          if (answer == null && ex.getRequestURI().getPath().endsWith("/missing")) {
            code = 404;
            answer = "{\"code\":\"NOT_FOUND\",\"message\":\"no such key\",\"requestId\":\"r\"}";
          } else if (answer == null) {
            answer = "{\"id\":\"k1\",\"name\":\"k\",\"algorithm\":\"AES_256_GCM\"}";
          }
          byte[] bytes = answer.getBytes(UTF_8);
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.getResponseHeaders().add("Clavis-Node", node);
          ex.sendResponseHeaders(code, bytes.length);
          ex.getResponseBody().write(bytes);
          ex.close();
        });
    s.start();
    return s;
  }
}
