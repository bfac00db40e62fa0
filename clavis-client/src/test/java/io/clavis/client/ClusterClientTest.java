package io.clavis.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cluster methods against a canned HTTP server: method, path, body and decoding. */
class ClusterClientTest {
  private static final String STATUS =
      """
      {"leader":"node1","term":3,"caFingerprint":"AB:CD",
       "nodes":[{"name":"node1","role":"LEADER","apiAddress":"https://127.0.0.1:8443",
                 "clusterAddress":"127.0.0.1:8444","state":"ACTIVE","appliedIndex":42,"lag":0,
                 "clockOffsetMs":0,"version":"0.1.0"},
                {"name":"node2","role":"CANDIDATE","apiAddress":"https://127.0.0.1:9443",
                 "clusterAddress":"127.0.0.1:9444","state":"JOINING"}]}
      """;

  private record Seen(String method, String path, String body, String auth) {}

  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private ClavisClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        ex -> {
          String body = new String(ex.getRequestBody().readAllBytes(), UTF_8);
          String path = ex.getRequestURI().getRawPath();
          seen.add(
              new Seen(
                  ex.getRequestMethod(),
                  path,
                  body,
                  ex.getRequestHeaders().getFirst("Authorization")));
          int status;
          String answer;
          if (path.equals("/v1/cluster") || path.endsWith("/role") || path.endsWith("/step-down")) {
            status = 200;
            answer = STATUS;
          } else if (path.equals("/v1/cluster/candidates") && body.isEmpty()) {
            status = 200;
            answer =
                "{\"items\":[{\"name\":\"node2\",\"apiAddress\":\"https://h:9443\","
                    + "\"clusterAddress\":\"h:9444\",\"fingerprint\":\"AA:BB\","
                    + "\"addedAt\":\"2025-01-02T03:04:05Z\",\"addedBy\":\"root\"}]}";
          } else if (path.equals("/v1/cluster/candidates")) {
            status = 201;
            answer =
                "{\"name\":\"node2\",\"apiAddress\":\"https://h:9443\",\"clusterAddress\":\"h:9444\","
                    + "\"fingerprint\":\"AA:BB\",\"addedAt\":\"2025-01-02T03:04:05Z\","
                    + "\"addedBy\":\"root\"}";
          } else if (path.equals("/v1/cluster/members/gone")) {
            status = 404;
            answer =
                "{\"code\":\"NOT_FOUND\",\"message\":\"node gone not found\",\"requestId\":\"r1\"}";
          } else {
            status = 204;
            answer = null;
          }
          if (answer == null) {
            ex.sendResponseHeaders(status, -1);
          } else {
            byte[] bytes = answer.getBytes(UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
          }
          ex.close();
        });
    server.start();
    client =
        ClavisClient.builder()
            .server(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .token("tok")
            .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void clusterStatus() {
    ClusterStatus s = client.clusterStatus();
    assertThat(s.leader()).isEqualTo("node1");
    assertThat(s.term()).isEqualTo(3);
    assertThat(s.caFingerprint()).isEqualTo("AB:CD");
    assertThat(s.nodes()).hasSize(2);
    assertThat(s.nodes().get(0))
        .isEqualTo(
            new ClusterNode(
                "node1",
                "LEADER",
                "https://127.0.0.1:8443",
                "127.0.0.1:8444",
                "ACTIVE",
                42L,
                0L,
                0L,
                "0.1.0"));
    assertThat(s.nodes().get(1).appliedIndex()).isNull();
    assertThat(seen).containsExactly(new Seen("GET", "/v1/cluster", "", "Bearer tok"));
  }

  @Test
  void addAndListCandidates() throws Exception {
    Candidate c = client.addCandidate("node2", "https://h:9443", "h:9444", "AA:BB");
    assertThat(c.addedAt()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(client.listCandidates()).containsExactly(c);
    assertThat(seen.get(0).method()).isEqualTo("POST");
    assertThat(seen.get(0).path()).isEqualTo("/v1/cluster/candidates");
    assertThat(ClavisJson.newObjectMapper().readTree(seen.get(0).body()))
        .isEqualTo(
            ClavisJson.newObjectMapper()
                .readTree(
                    "{\"name\":\"node2\",\"apiAddress\":\"https://h:9443\","
                        + "\"clusterAddress\":\"h:9444\",\"fingerprint\":\"AA:BB\"}"));
    assertThat(seen.get(1)).isEqualTo(new Seen("GET", "/v1/cluster/candidates", "", "Bearer tok"));
  }

  @Test
  void removeNodeAndSetRole() {
    client.removeNode("node 3");
    ClusterStatus s = client.setNodeRole("node2", "LISTENER");
    assertThat(s.leader()).isEqualTo("node1");
    assertThat(seen)
        .containsExactly(
            new Seen("DELETE", "/v1/cluster/members/node%203", "", "Bearer tok"),
            new Seen(
                "POST", "/v1/cluster/members/node2/role", "{\"role\":\"LISTENER\"}", "Bearer tok"));
  }

  @Test
  void stepDownNamesTheLeaderItSawAndTheNextOnlyWhenGivenOne() {
    assertThat(client.stepDown("node2").leader()).isEqualTo("node1");
    client.stepDown(null);
    assertThat(seen)
        .containsExactly(
            new Seen("GET", "/v1/cluster", "", "Bearer tok"),
            new Seen(
                "POST",
                "/v1/cluster/step-down",
                "{\"to\":\"node2\",\"from\":\"node1\"}",
                "Bearer tok"),
            new Seen("GET", "/v1/cluster", "", "Bearer tok"),
            new Seen("POST", "/v1/cluster/step-down", "{\"from\":\"node1\"}", "Bearer tok"));
  }

  @Test
  void errorsCarryTheApiCode() {
    ClavisException e =
        catchThrowableOfType(ClavisException.class, () -> client.removeNode("gone"));
    assertThat(e.status()).isEqualTo(404);
    assertThat(e.code()).isEqualTo("NOT_FOUND");
    assertThat(e.getMessage()).isEqualTo("node gone not found");
  }
}
