package io.clavis.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The listener serves alike on every socket transport this machine offers. */
class SocketTransportTest {
  @Test
  void epollByDefaultAndIoUringOnlyWhenAskedFor() {
    SocketTransport fallback = Epoll.isAvailable() ? SocketTransport.EPOLL : SocketTransport.NIO;
    String before = System.getProperty(SocketTransport.PROPERTY);
    try {
      System.clearProperty(SocketTransport.PROPERTY);
      assertThat(SocketTransport.chosen()).isEqualTo(fallback);
      System.setProperty(SocketTransport.PROPERTY, "on");
      assertThat(SocketTransport.chosen())
          .isEqualTo(IoUring.isAvailable() ? SocketTransport.IO_URING : fallback);
      System.setProperty(SocketTransport.PROPERTY, "off");
      assertThat(SocketTransport.chosen()).isEqualTo(fallback);
    } finally {
      if (before == null) {
        System.clearProperty(SocketTransport.PROPERTY);
      } else {
        System.setProperty(SocketTransport.PROPERTY, before);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(SocketTransport.class)
  void servesKeepAliveConcurrentAndLargeRequests(SocketTransport transport) throws Exception {
    assumeTrue(
        switch (transport) {
          case IO_URING -> IoUring.isAvailable();
          case EPOLL -> Epoll.isAvailable();
          case NIO -> true;
        },
        transport + " is not available here");
    ListenerIdentity identity = ListenerIdentity.create();
    HttpListener.Settings settings =
        new HttpListener.Settings(
            "127.0.0.1", 0, identity.key(), identity.chain(), 1 << 20, 2 << 20);
    // Answers each request with its method, path and body length.
    try (HttpListener listener =
            new HttpListener(
                    settings,
                    exchange -> {
                      byte[] body = exchange.body();
                      String answer =
                          exchange.methodText()
                              + " "
                              + exchange.rawPath()
                              + " "
                              + (body == null ? 0 : body.length);
                      exchange.respond(
                          200,
                          Map.of("Content-Type", "text/plain"),
                          answer.getBytes(StandardCharsets.US_ASCII));
                    },
                    transport)
                .start();
        HttpClient client = TrustingClient.create()) {
      String base = "https://127.0.0.1:" + listener.port();
      for (int i = 0; i < 20; i++) {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/k/" + i)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("GET /k/" + i + " 0");
      }
      byte[] large = new byte[700_000];
      new SecureRandom().nextBytes(large);
      HttpResponse<String> posted =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/large"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(large))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(posted.body()).isEqualTo("POST /large 700000");
      List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        parallel.add(
            client.sendAsync(
                HttpRequest.newBuilder(URI.create(base + "/p/" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(i * 100)))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      for (int i = 0; i < 32; i++) {
        assertThat(parallel.get(i).get(30, TimeUnit.SECONDS).body())
            .isEqualTo("POST /p/" + i + " " + i * 100);
      }
    }
  }
}
