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
import java.util.List;

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
    Files.createDirectories(data);
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.add("-Xmx256m");
    cmd.add("--enable-native-access=ALL-UNNAMED");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.clavis.cli.Main");
    cmd.add("dev");
    cmd.add("--data");
    cmd.add(data.toString());
    if (!Files.exists(data.resolve("node.json"))) {
      cmd.addAll(List.of("--api-port", "0", "--cluster-port", "0", "--kmip-port", "0"));
    }
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
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

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      kill9();
    }
  }
}
