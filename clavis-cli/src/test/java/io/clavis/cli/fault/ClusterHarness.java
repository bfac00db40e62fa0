package io.clavis.cli.fault;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.client.Tls;
import io.clavis.server.cluster.JoinClient;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cluster of real node processes on loopback, built the way an operator builds one: the first
 * node in dev mode (initialised, auto-unsealed), the others announced, joined with the pinned CA
 * fingerprint and started with {@code clavis server}; each node's data directory holds the dev
 * passphrase so that a restarted node unseals itself.
 */
final class ClusterHarness implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;
  private final List<String> nodeArgs;
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private String token;
  private HttpClient http;

  ClusterHarness(Path root, String... nodeArgs) {
    this.root = root;
    this.nodeArgs = List.of(nodeArgs);
  }

  /** One node: its process (null while stopped), data directory and API address. */
  final class Node {
    final String name;
    final Path data;
    String api;
    Process process;

    Node(String name) {
      this.name = name;
      this.data = root.resolve(name);
    }

    long pid() {
      return process.pid();
    }

    boolean running() {
      return process != null && process.isAlive();
    }

    /** SIGKILL: nothing is flushed, no shutdown hook runs. */
    void kill9() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      process = null;
    }

    void signal(String signal) throws Exception {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " failed");
      }
    }

    /** Starts (again) with {@code clavis server} on its data directory and waits until healthy. */
    void start() throws Exception {
      process =
          launch(List.of("server", "--data", data.toString()), data.resolveSibling(name + ".log"));
      awaitHealthy(this);
    }

    Response call(String method, String path, String body) throws Exception {
      return send(api, method, path, body);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  record Response(int status, JsonNode json) {
    String code() {
      return json == null ? null : json.path("code").asText(null);
    }
  }

  /** Starts node1 in dev mode: it founds the cluster. */
  Node found() throws Exception {
    Node n1 = new Node("node1");
    nodes.put(n1.name, n1);
    n1.process =
        launch(
            List.of(
                "dev",
                "--data",
                n1.data.toString(),
                "--name",
                "node1",
                "--api-port",
                "0",
                "--cluster-port",
                "0",
                "--kmip-port",
                "0"),
            root.resolve("node1.log"));
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.exists(n1.data.resolve("dev.json")) || !n1.process.isAlive());
    JsonNode dev = JSON.readTree(n1.data.resolve("dev.json").toFile());
    n1.api = dev.get("api").asText();
    token = dev.get("token").asText();
    http =
        HttpClient.newBuilder()
            .sslContext(Tls.trustingOnly(n1.data.resolve("tls/ca.pem")))
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    return n1;
  }

  /** Announces, joins and starts another node through {@code via}. */
  Node join(String name, Node via) throws Exception {
    Node n = new Node(name);
    JoinClient.Candidate c =
        new JoinClient.Candidate(name, "127.0.0.1", freePort(), freePort(), freePort());
    String fingerprint = JoinClient.fingerprint(n.data, c);
    Response added =
        via.call(
            "POST",
            "/v1/cluster/candidates",
            JSON.writeValueAsString(
                Map.of(
                    "name",
                    name,
                    "apiAddress",
                    "https://127.0.0.1:" + c.apiPort(),
                    "clusterAddress",
                    "127.0.0.1:" + c.clusterPort(),
                    "fingerprint",
                    fingerprint)));
    if (added.status() != 201) {
      throw new IllegalStateException("add-candidate failed: " + added);
    }
    DevMode.copySecrets(node("node1").data, n.data);
    String caFingerprint =
        via.call("GET", "/v1/cluster", null).json().get("caFingerprint").asText();
    JoinClient.join(n.data, URI.create(via.api), caFingerprint, c, ClavisNode.VERSION);
    n.api = "https://127.0.0.1:" + c.apiPort();
    nodes.put(name, n);
    n.start();
    return n;
  }

  /** The root token of the cluster (dev mode's). */
  String token() {
    return token;
  }

  /** The cluster CA's certificate, which every node's certificate is issued by. */
  Path caPem() {
    return node("node1").data.resolve("tls/ca.pem");
  }

  Node node(String name) {
    return nodes.get(name);
  }

  List<Node> nodes() {
    return List.copyOf(nodes.values());
  }

  List<Node> running() {
    return nodes.values().stream().filter(Node::running).toList();
  }

  /** The current leader as a running node sees it; waits until there is one. */
  Node leader() {
    String[] name = new String[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              for (Node n : running()) {
                JsonNode s = n.call("GET", "/v1/cluster", null).json();
                if (s != null && s.hasNonNull("leader")) {
                  name[0] = s.get("leader").asText();
                  return nodes.containsKey(name[0]) && nodes.get(name[0]).running();
                }
              }
              return false;
            });
    return nodes.get(name[0]);
  }

  private void awaitHealthy(Node n) {
    try {
      await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () -> {
                if (!n.process.isAlive()) {
                  throw new IllegalStateException(n.name + " exited");
                }
                return n.call("GET", "/v1/sys/health", null).status() == 200;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // The node's log lives in a temporary directory that is gone after the test: show its end.
      throw new AssertionError(
          n.name + " did not become healthy; the end of its log:\n" + logTail(n, 60), e);
    }
  }

  private static String logTail(Node n, int lines) {
    try {
      List<String> all =
          java.nio.file.Files.readAllLines(
              n.data.resolveSibling(n.name + ".log"), java.nio.charset.StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  Response send(String api, String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api + path))
            .timeout(Duration.ofSeconds(20))
            .header("Authorization", "Bearer " + token);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Response(r.statusCode(), r.body().length == 0 ? null : JSON.readTree(r.body()));
  }

  private Process launch(List<String> args, Path log) throws IOException {
    Files.createDirectories(root);
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(
        List.of(
            "-Xmx256m",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            "io.clavis.cli.Main"));
    cmd.addAll(args);
    cmd.addAll(nodeArgs);
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Node n : nodes.values()) {
      if (n.process != null) {
        n.process.destroyForcibly();
      }
    }
  }
}
