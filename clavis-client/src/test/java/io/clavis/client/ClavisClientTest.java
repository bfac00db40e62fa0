package io.clavis.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client without a server: configuration checks and unreachable servers. */
class ClavisClientTest {

  @Test
  void unreachableServersGiveUnavailableNamingEveryServer() {
    try (ClavisClient client =
        ClavisClient.builder()
            .servers(List.of(URI.create("https://127.0.0.1:1"), URI.create("http://127.0.0.1:2")))
            .token("tok-secret-value")
            .connectTimeout(Duration.ofSeconds(2))
            .build()) {
      ClavisException e =
          catchThrowableOfType(
              ClavisException.class, () -> client.encrypt("key_1", "plain-secret".getBytes()));
      assertThat(e.status()).isZero();
      assertThat(e.code()).isEqualTo("UNAVAILABLE");
      assertThat(e.getMessage())
          .isEqualTo(
              "cannot reach any server: https://127.0.0.1:1: connection refused;"
                  + " http://127.0.0.1:2: connection refused")
          .doesNotContain("tok-secret-value")
          .doesNotContain("plain-secret");
      assertThat(e.toString()).doesNotContain("tok-secret-value");
    }
  }

  @Test
  void oneUnreachableServer() {
    try (ClavisClient client =
        ClavisClient.builder().server(URI.create("https://127.0.0.1:1")).build()) {
      assertThatThrownBy(client::health)
          .isInstanceOf(ClavisException.class)
          .hasMessage("cannot reach https://127.0.0.1:1: connection refused");
    }
  }

  @Test
  void rejectsBadConfiguration() {
    assertThatThrownBy(() -> ClavisClient.builder().build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one server");
    assertThatThrownBy(() -> ClavisClient.builder().server(URI.create("ftp://h:1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClavisClient.builder().server(URI.create("https:/nohost")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClavisClient.builder().token("has space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("has space");
    assertThatThrownBy(() -> ClavisClient.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAMissingOrEmptyCaFile(@TempDir Path dir) throws Exception {
    URI server = URI.create("https://127.0.0.1:1");
    assertThatThrownBy(
            () ->
                ClavisClient.builder()
                    .server(server)
                    .caCertificate(dir.resolve("none.pem"))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not found");
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> ClavisClient.builder().server(server).caCertificate(empty).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void deduplicatesServers() {
    try (ClavisClient client =
        ClavisClient.builder()
            .server(URI.create("https://a:1"))
            .server(URI.create("https://a:1"))
            .server(URI.create("https://b:1"))
            .build()) {
      assertThat(client.servers())
          .containsExactly(URI.create("https://a:1"), URI.create("https://b:1"));
    }
  }
}
