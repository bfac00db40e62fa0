package io.clavis.cli.process;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.client.Tls;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Clavis node in its own JVM ({@code clavis dev} on a data directory), so that tests can kill it
 * with SIGKILL and restart it like an operator would.
 */
final class NodeProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path data;
  private final Path log;
  private Process process;
  private JsonNode dev;
  private HttpClient http;

  NodeProcess(Path data) {
    this.data = data;
    this.log = data.resolveSibling(data.getFileName() + ".log");
  }

  /** Starts {@code clavis dev} and waits until it has written a dev.json naming this process. */
  NodeProcess start() throws IOException {
    process = launch("dev");
    long pid = process.pid();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "node exited with " + process.exitValue() + "; log:\n" + Files.readString(log));
              }
              JsonNode d = readDevJson();
              return d != null && d.path("nodes").path(0).path("pid").asLong() == pid;
            });
    dev = readDevJson();
    http = httpClient(Path.of(dev.get("caCert").asText()));
    return this;
  }

  /**
   * Starts {@code clavis dev --nodes N} and waits until it has written a dev.json listing N nodes
   * with distinct pids, the first being this process. Bounded by {@code atMost}: joining nodes one
   * after the other takes a while on a small machine.
   */
  NodeProcess startCluster(int nodes, Duration atMost) throws IOException {
    process = launch("dev", "--nodes", Integer.toString(nodes));
    long pid = process.pid();
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "dev exited with "
                        + process.exitValue()
                        + "; log:\n"
                        + Files.readString(log)
                        + childLogs(nodes));
              }
              JsonNode d = readDevJson();
              if (d == null || d.path("nodes").size() != nodes) {
                return false;
              }
              Set<Long> pids = new HashSet<>();
              d.path("nodes").forEach(n -> pids.add(n.path("pid").asLong()));
              return d.path("nodes").path(0).path("pid").asLong() == pid && pids.size() == nodes;
            });
    dev = readDevJson();
    http = httpClient(Path.of(dev.get("caCert").asText()));
    return this;
  }

  /** The end of the logs of the child nodes of {@code dev --nodes}, for failure messages. */
  private String childLogs(int nodes) {
    StringBuilder sb = new StringBuilder();
    for (int k = 2; k <= nodes; k++) {
      Path childLog = data.resolve("node" + k + ".log");
      try {
        List<String> all = Files.readAllLines(childLog);
        List<String> lines = new ArrayList<>(all);
        if (all.size() > 200) {
          lines = new ArrayList<>(all.subList(0, 150));
          lines.add("[...]");
          lines.addAll(all.subList(all.size() - 50, all.size()));
        }
        sb.append("\n--- ").append(childLog).append(":\n");
        lines.forEach(l -> sb.append(l).append('\n'));
      } catch (IOException e) {
        sb.append("\n--- ").append(childLog).append(": ").append(e);
      }
    }
    return sb.toString();
  }

  /**
   * Starts {@code clavis server} (not initialised, or sealed after a restart) and waits until its
   * API answers health checks; returns the API URL.
   */
  String startServer() throws Exception {
    process = launch("server");
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException("node exited; log:\n" + Files.readString(log));
              }
              JsonNode identity = JSON.readTree(data.resolve("node.json").toFile());
              String api = "https://127.0.0.1:" + identity.get("apiPort").asInt();
              http = httpClient(data.resolve("tls/ca.pem"));
              int status =
                  http.send(
                          HttpRequest.newBuilder(URI.create(api + "/v1/sys/health")).build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode();
              return status == 200 || status == 503;
            });
    JsonNode identity = JSON.readTree(data.resolve("node.json").toFile());
    return "https://127.0.0.1:" + identity.get("apiPort").asInt();
  }

  private Process launch(String mode, String... extra) throws IOException {
    Files.createDirectories(data);
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.add(mode);
    cmd.add("--data");
    cmd.add(data.toString());
    cmd.addAll(List.of(extra));
    if (!Files.exists(data.resolve("node.json"))) {
      cmd.addAll(List.of("--api-port", "0", "--cluster-port", "0", "--kmip-port", "0"));
    }
    return new ProcessBuilder(cmd)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  /** The command that runs {@code clavis} from this test's class path, in a small JVM. */
  static List<String> javaCommand() {
    return List.of(
        ProcessHandle.current().info().command().orElse("java"),
        "-Xmx256m",
        "--enable-native-access=ALL-UNNAMED",
        "-cp",
        System.getProperty("java.class.path"),
        "io.clavis.cli.Main");
  }

  /** What a {@code clavis} command printed and its exit code. */
  record CliResult(int exit, String stdout, String stderr) {}

  /** Runs one {@code clavis} client command in its own JVM, as a user would. */
  static CliResult cli(Path workDir, java.util.Map<String, String> env, String... args)
      throws Exception {
    List<String> cmd = new ArrayList<>(javaCommand());
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(workDir, "cli", ".out");
    Path err = Files.createTempFile(workDir, "cli", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("clavis " + String.join(" ", args) + " did not finish");
    }
    return new CliResult(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private JsonNode readDevJson() {
    File f = data.resolve("dev.json").toFile();
    try {
      return f.exists() ? JSON.readTree(f) : null;
    } catch (IOException e) {
      return null; // being written
    }
  }

  JsonNode devJson() {
    return dev;
  }

  Path data() {
    return data;
  }

  long pid() {
    return process.pid();
  }

  /** The files of RocksDB's native library this node's process has mapped. */
  List<Path> rocksDbLibraries() throws IOException {
    return Files.readAllLines(Path.of("/proc/" + process.pid() + "/maps")).stream()
        .map(line -> line.substring(line.lastIndexOf(' ') + 1))
        .filter(file -> file.contains("librocksdbjni"))
        .distinct()
        .map(Path::of)
        .toList();
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed. */
  void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** SIGTERM: a clean stop. */
  int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  record Response(int status, JsonNode json) {}

  Response call(String method, String path, String body) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(dev.get("api").asText() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + dev.get("token").asText());
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

  static HttpClient httpClient(Path caPem) {
    return HttpClient.newBuilder()
        .sslContext(Tls.trustingOnly(caPem))
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The log the process writes its standard output and error to. */
  Path log() {
    return log;
  }

  /**
   * SIGKILL for the process and everything it started (the child nodes of {@code dev --nodes}),
   * whether or not a dev.json names them.
   */
  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      List<ProcessHandle> descendants = process.descendants().toList();
      if (process.isAlive()) {
        kill9();
      }
      descendants.forEach(NodeProcess::kill9);
    }
  }

  /** SIGKILL for any process, waiting (bounded) until it is gone. */
  static void kill9(ProcessHandle p) {
    p.destroyForcibly();
    p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join();
  }
}
