package io.clavis.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.client.Tls;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load balancer examples of docs/examples, run for real in front of three node processes:
 * HAProxy (active health checks) and nginx (passive checks) each keep a steady load of encrypt
 * calls free of failures while a node is killed with SIGKILL, and stop sending it traffic; each
 * makes a write once when the node that made it died before answering (the Idempotency-Key they
 * add), and never sends a token request twice. The configurations are the documented files with
 * only addresses, ports and file paths replaced. Skipped when haproxy or nginx is not installed (CI
 * installs both).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoadBalancerProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path EXAMPLES =
      Path.of(System.getProperty("user.dir")).getParent().resolve("docs/examples");
  private static final List<String> ADDRESSES = List.of("10.0.0.11", "10.0.0.12", "10.0.0.13");

  private Path dir;
  private ClusterHarness cluster;
  private List<ClusterHarness.Node> nodes;
  private String keyId;
  private HttpClient http;
  private int balancers;

  @BeforeAll
  void startCluster(@TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS) Path tmp)
      throws Exception {
    dir = tmp;
    Assumptions.assumeTrue(
        onPath("haproxy") || onPath("nginx"), "neither haproxy nor nginx is installed");
    cluster = new ClusterHarness(dir.resolve("cluster"));
    ClusterHarness.Node n1 = cluster.found();
    cluster.join("node2", n1);
    cluster.join("node3", n1);
    nodes = cluster.nodes();
    String vault = created(n1, "/v1/vaults", Map.of("name", "lb"));
    keyId =
        created(n1, "/v1/keys", Map.of("vaultId", vault, "name", "lb-key", "algorithm", "AES_256"));
    // Every node must know the key before the balancer may send a request anywhere.
    for (ClusterHarness.Node n : nodes) {
      await()
          .atMost(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(() -> n.call("GET", "/v1/keys/" + keyId, null).status() == 200);
    }
    http =
        HttpClient.newBuilder()
            .sslContext(Tls.trustingOnly(cluster.caPem()))
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Each test starts with every node running. */
  @BeforeEach
  void everyNodeRunning() throws Exception {
    for (ClusterHarness.Node n : nodes) {
      if (!n.running()) {
        n.start();
      }
    }
  }

  /** The id of what a POST created. */
  private static String created(ClusterHarness.Node n, String path, Map<String, String> body)
      throws Exception {
    ClusterHarness.Response r = n.call("POST", path, JSON.writeValueAsString(body));
    assertThat(r.status()).as("POST %s: %s", path, r).isEqualTo(201);
    return r.json().get("id").asText();
  }

  /** A balancer process in front of the nodes, with its configuration's files in {@code work}. */
  private record Balancer(Process process, URI base, Path work, int kmipPort)
      implements AutoCloseable {
    @Override
    public void close() throws InterruptedException {
      stop(process);
    }
  }

  /** Where the balancer sends each node's REST traffic: the node itself. */
  private List<String> directly() {
    return nodes.stream().map(n -> "127.0.0.1:" + apiPort(n)).toList();
  }

  /**
   * A working directory for {@code binary} holding the cluster CA and the load balancer's
   * certificate, and its example configuration with {@code /etc/<binary>/} files in the directory;
   * skips the test without the binary.
   */
  private record Setup(Path work, String example) {}

  private Setup setUp(String binary, String exampleFile) throws IOException {
    Assumptions.assumeTrue(onPath(binary), binary + " is not installed");
    Path work = dir.resolve(binary + "-" + ++balancers);
    Files.createDirectories(work);
    Files.copy(cluster.caPem(), work.resolve("clavis-ca.pem"));
    String example = Files.readString(EXAMPLES.resolve(exampleFile));
    return new Setup(work, replace(example, "/etc/" + binary + "/", work + "/"));
  }

  /**
   * HAProxy with docs/examples/haproxy.cfg, REST for node i sent to {@code upstreams.get(i)}; once
   * it reports every REST server UP.
   */
  private Balancer haproxy(List<String> upstreams) throws Exception {
    Setup setup = setUp("haproxy", "haproxy.cfg");
    Path work = setup.work();
    int apiPort = ClusterHarness.freePort();
    String config =
        replace(setup.example(), "bind :443 ", "bind 127.0.0.1:" + apiPort + " ")
            .replace("/run/haproxy/", work + "/");
    int kmipPort = ClusterHarness.freePort();
    config = replace(config, "bind :5696", "bind 127.0.0.1:" + kmipPort);
    for (int i = 0; i < nodes.size(); i++) {
      String address = ADDRESSES.get(i);
      String upstream = upstreams.get(i);
      config = replace(config, address + ":8443", upstream);
      config =
          replace(
              config,
              address + ":5696 port 8443",
              "127.0.0.1:"
                  + kmipPort(nodes.get(i))
                  + " port "
                  + URI.create("//" + upstream).getPort());
    }
    Files.writeString(work.resolve("clavis-lb.pem"), loadBalancerPem());
    Path cfg = Files.writeString(work.resolve("haproxy.cfg"), config);
    Balancer haproxy =
        new Balancer(
            launch(work, "haproxy", "-f", cfg.toString(), "-db"),
            URI.create("https://127.0.0.1:" + apiPort),
            work,
            kmipPort);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                serverStates(work.resolve("clavis.sock")).values().stream().allMatch("UP"::equals));
    return haproxy;
  }

  /** nginx with docs/examples/nginx.conf, REST for node i sent to {@code upstreams.get(i)}. */
  private Balancer nginx(List<String> upstreams) throws Exception {
    Setup setup = setUp("nginx", "nginx.conf");
    Path work = setup.work();
    int apiPort = ClusterHarness.freePort();
    String config =
        replace(setup.example(), "listen 443 ssl", "listen 127.0.0.1:" + apiPort + " ssl");
    for (int i = 0; i < nodes.size(); i++) {
      config = replace(config, ADDRESSES.get(i) + ":8443", upstreams.get(i));
    }
    config = replace(config, "http {", "http {\n    access_log off;");
    String[] lb = splitPem(loadBalancerPem());
    Files.writeString(work.resolve("clavis-lb.crt"), lb[0]);
    Files.writeString(work.resolve("clavis-lb.key"), lb[1]);
    Path cfg = Files.writeString(work.resolve("nginx.conf"), config);
    Balancer nginx =
        new Balancer(
            launch(
                work,
                "nginx",
                "-c",
                cfg.toString(),
                "-p",
                work + "/",
                "-e",
                work.resolve("error.log").toString(),
                "-g",
                "daemon off; pid " + work.resolve("nginx.pid") + ";"),
            URI.create("https://127.0.0.1:" + apiPort),
            work,
            0);
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                cluster.send(nginx.base().toString(), "GET", "/v1/sys/health", null).status()
                    == 200);
    return nginx;
  }

  /** What a scraper sees of the cluster: the leader's role and the lag of both followers. */
  @Test
  void theLeadersMetricsShowEveryFollower() throws Exception {
    ClusterHarness.Node leader = cluster.leader();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(leader.api + "/metrics"))
                .header("Authorization", "Bearer " + cluster.token())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body())
        .contains("clavis_raft_role{role=\"leader\"} 1\n")
        .contains("clavis_sealed 0\n")
        .containsPattern("(?m)^clavis_raft_term [1-9]\\d*$");
    Set<String> followers = new TreeSet<>();
    Matcher lag =
        Pattern.compile("(?m)^clavis_raft_follower_lag\\{follower=\"(\\w+)\"} \\d+$")
            .matcher(r.body());
    while (lag.find()) {
      followers.add(lag.group(1));
    }
    assertThat(followers)
        .containsExactlyInAnyOrderElementsOf(
            nodes.stream().map(n -> n.name).filter(n -> !n.equals(leader.name)).toList());
  }

  @Test
  void haproxyKeepsTheLoadFreeOfFailuresWhenANodeIsKilled() throws Exception {
    try (Balancer haproxy = haproxy(directly());
        Load load = new Load(haproxy.base(), 4)) {
      load.start();
      load.awaitSuccesses(60);
      assertThat(load.nodesSeen()).as("round robin reaches every node").hasSize(3);
      // KMIP passes through: the node sees the client's certificate and answers.
      assertThat(kmipDiscoverVersions(haproxy.kmipPort())).as("KMIP Result Status").isZero();

      ClusterHarness.Node victim = cluster.leader();
      victim.kill9();
      long killedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "DOWN"
                      .equals(
                          serverStates(haproxy.work().resolve("clavis.sock")).get(victim.name)));
      load.awaitSuccessesAfter(killedAt, 100);
      load.close();

      assertThat(load.failures()).as("failed calls").isEmpty();
      Set<String> servedAfter = load.nodesSeenAfter(killedAt);
      assertThat(servedAfter).doesNotContain(victim.name).hasSize(2);
      System.out.println(
          "haproxy: " + load.successes() + " calls, none failed; " + victim + " killed");
    }
  }

  @Test
  void nginxKeepsTheLoadFreeOfFailuresWhenANodeIsKilled() throws Exception {
    try (Balancer nginx = nginx(directly());
        Load load = new Load(nginx.base(), 4)) {
      load.start();
      load.awaitSuccesses(60);
      assertThat(load.nodesSeen()).as("round robin reaches every node").hasSize(3);

      // Killed under load: requests in flight to it are sent again to another node.
      ClusterHarness.Node victim = nodes.get(2);
      victim.kill9();
      long killedAt = System.nanoTime();
      load.awaitSuccessesAfter(killedAt, 100);
      load.close();

      assertThat(load.failures()).as("failed calls").isEmpty();
      assertThat(load.nodesSeenAfter(killedAt)).doesNotContain(victim.name).hasSize(2);
      System.out.println(
          "nginx: " + load.successes() + " calls, none failed; " + victim + " killed");
    }
  }

  @Test
  void haproxyMakesAWriteWhoseAnswerWasLostOnce() throws Exception {
    aWriteWhoseAnswerWasLostIsMadeOnce(this::haproxy);
  }

  @Test
  void nginxMakesAWriteWhoseAnswerWasLostOnce() throws Exception {
    aWriteWhoseAnswerWasLostIsMadeOnce(this::nginx);
  }

  @Test
  void haproxyDoesNotSendATokenRequestTwice() throws Exception {
    aTokenRequestWhoseAnswerWasLostIsNotSentAgain(this::haproxy, "lb-tokens-haproxy");
  }

  @Test
  void nginxDoesNotSendATokenRequestTwice() throws Exception {
    aTokenRequestWhoseAnswerWasLostIsNotSentAgain(this::nginx, "lb-tokens-nginx");
  }

  private interface BalancerStart {
    Balancer start(List<String> upstreams) throws Exception;
  }

  private interface RelayedRun {
    void run(Balancer lb, AnswerDroppingRelay relay) throws Exception;
  }

  /**
   * Runs {@code test} against a balancer whose traffic for node1 passes a relay that drops the
   * successful answer to the first request matching {@code dropAnswerTo}.
   */
  private void withRelayOnNode1(
      BalancerStart balancer, Predicate<String> dropAnswerTo, RelayedRun test) throws Exception {
    ClusterHarness.Node first = nodes.get(0);
    Path tls = first.data.resolve("tls");
    List<String> upstreams = new ArrayList<>(directly());
    try (AnswerDroppingRelay relay =
        new AnswerDroppingRelay(
            Tls.context(cluster.caPem(), tls.resolve("server.pem"), tls.resolve("server-key.pem")),
            Tls.trustingOnly(cluster.caPem()),
            new InetSocketAddress("127.0.0.1", apiPort(first)),
            dropAnswerTo)) {
      upstreams.set(0, "127.0.0.1:" + relay.port());
      try (Balancer lb = balancer.start(upstreams)) {
        test.run(lb, relay);
      }
    }
  }

  /** The body of the request whose answer the relay dropped, and the client's answer to it. */
  private record Lost(Map<String, String> body, HttpResponse<String> answer) {}

  /**
   * POSTs {@code body(0)}, {@code body(1)}, ... through the balancer, each answered 201, until one
   * passes the relay (round robin sends one of the first few there).
   */
  private Lost postUntilOneIsDropped(
      Balancer lb, AnswerDroppingRelay relay, String path, IntFunction<Map<String, String>> body)
      throws Exception {
    for (int i = 0; i < 30; i++) {
      Map<String, String> sent = body.apply(i);
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(lb.base().resolve(path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Authorization", "Bearer " + cluster.token())
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(sent)))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (relay.droppedRequest() != null) {
        return new Lost(sent, answer);
      }
      assertThat(answer.statusCode()).as("POST %s: %s", path, answer.body()).isEqualTo(201);
    }
    throw new AssertionError("none of 30 requests to " + path + " passed the relay");
  }

  /**
   * A vault is created through the balancer, and the node that made it dies before its answer
   * leaves (the relay drops the answer and closes the connection). The balancer sends the request
   * again to another node with the Idempotency-Key it added, so the client gets the first answer
   * (201, replayed) and the vault exists once: not a 502, and not a 409 for a name the first
   * attempt took.
   */
  private void aWriteWhoseAnswerWasLostIsMadeOnce(BalancerStart balancer) throws Exception {
    withRelayOnNode1(
        balancer,
        head -> head.startsWith("POST /v1/vaults "),
        (lb, relay) -> {
          String prefix = "once-" + lb.work().getFileName() + "-";
          Lost lost =
              postUntilOneIsDropped(lb, relay, "/v1/vaults", i -> Map.of("name", prefix + i));
          assertThat(relay.droppedRequest())
              .containsPattern("(?im)^Idempotency-Key: *[A-Za-z0-9._:-]{1,128}$");
          assertThat(lost.answer().statusCode()).as(lost.answer().body()).isEqualTo(201);
          assertThat(lost.answer().headers().firstValue("Idempotent-Replayed"))
              .as("the repeat's answer")
              .contains("true");
        });
  }

  /**
   * A token is issued through the balancer and its answer is lost the same way. A token's secret
   * exists only in its first answer, so the Idempotency-Key does not cover it and the balancer must
   * not send the request again: the client gets an error, and one token was made, not two.
   */
  private void aTokenRequestWhoseAnswerWasLostIsNotSentAgain(BalancerStart balancer, String name)
      throws Exception {
    String user = created(nodes.get(0), "/v1/users", Map.of("name", name));
    String path = "/v1/users/" + user + "/tokens";
    withRelayOnNode1(
        balancer,
        head -> head.startsWith("POST " + path + " "),
        (lb, relay) -> {
          Lost lost =
              postUntilOneIsDropped(lb, relay, path, i -> Map.of("description", name + "-" + i));
          assertThat(lost.answer().statusCode()).as(lost.answer().body()).isEqualTo(502);
          List<String> made = new ArrayList<>();
          nodes
              .get(0)
              .call("GET", path, null)
              .json()
              .get("items")
              .forEach(t -> made.add(t.path("description").asText()));
          assertThat(made).containsOnlyOnce(lost.body().get("description"));
        });
  }

  /**
   * Stops a balancer and its worker processes: nginx's workers outlive a SIGKILLed master, so it
   * gets SIGTERM (its fast shutdown) first, and whatever it started is killed afterwards.
   */
  private static void stop(Process balancer) throws InterruptedException {
    List<ProcessHandle> workers = balancer.descendants().toList();
    balancer.destroy();
    if (!balancer.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      balancer.destroyForcibly().waitFor();
    }
    workers.forEach(ProcessHandle::destroyForcibly);
  }

  /** Encrypt calls through the balancer from a few threads, each call's node and outcome kept. */
  private final class Load implements AutoCloseable {
    private record Call(long startedNanos, String node, String failure) {}

    private final URI base;
    private final int threads;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean stop;

    Load(URI base, int threads) {
      this.base = base;
      this.threads = threads;
    }

    void start() {
      for (int i = 0; i < threads; i++) {
        workers.add(Thread.ofPlatform().name("lb-load-" + i).start(this::run));
      }
    }

    private void run() {
      HttpRequest request =
          HttpRequest.newBuilder(base.resolve("/v1/keys/" + keyId + "/encrypt"))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + cluster.token())
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"plaintext\":\"AQID\"}"))
              .build();
      while (!stop) {
        long started = System.nanoTime();
        try {
          HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
          String node = r.headers().firstValue("Clavis-Node").orElse(null);
          calls.add(
              new Call(
                  started, node, r.statusCode() == 200 ? null : r.statusCode() + " " + r.body()));
        } catch (IOException e) {
          calls.add(new Call(started, null, e.toString()));
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void awaitSuccesses(int n) {
      await()
          .atMost(Duration.ofSeconds(120))
          .failFast(() -> assertThat(failures()).as("failed calls").isEmpty())
          .until(() -> successes() >= n);
    }

    void awaitSuccessesAfter(long nanos, int n) {
      await()
          .atMost(Duration.ofSeconds(120))
          .failFast(() -> assertThat(failures()).as("failed calls").isEmpty())
          .until(
              () ->
                  calls.stream()
                          .filter(c -> c.failure() == null && c.startedNanos() - nanos > 0)
                          .count()
                      >= n);
    }

    long successes() {
      return calls.stream().filter(c -> c.failure() == null).count();
    }

    List<String> failures() {
      return calls.stream().map(Call::failure).filter(f -> f != null).toList();
    }

    Set<String> nodesSeen() {
      return nodes(calls.stream());
    }

    /** The nodes that answered calls started after {@code nanos} (calls in flight excluded). */
    Set<String> nodesSeenAfter(long nanos) {
      return nodes(calls.stream().filter(c -> c.startedNanos() - nanos > 0));
    }

    private static Set<String> nodes(java.util.stream.Stream<Call> answered) {
      Set<String> out = new TreeSet<>();
      answered.filter(c -> c.node() != null).forEach(c -> out.add(c.node()));
      return out;
    }

    @Override
    public void close() throws InterruptedException {
      stop = true;
      for (Thread t : workers) {
        t.join();
      }
    }
  }

  /** Each server of the REST backend and its state (UP, DOWN, ...), from HAProxy's stats. */
  private static Map<String, String> serverStates(Path socket) throws IOException {
    String csv;
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      ch.write(ByteBuffer.wrap("show stat\n".getBytes(StandardCharsets.US_ASCII)));
      ch.shutdownOutput();
      csv =
          new String(
              java.nio.channels.Channels.newInputStream(ch).readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = csv.split("\n");
    List<String> header = List.of(lines[0].replaceFirst("^# ", "").split(","));
    int status = header.indexOf("status");
    Map<String, String> out = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      String[] f = lines[i].split(",", -1);
      if (f.length > status && f[0].equals("clavis_nodes") && f[1].startsWith("node")) {
        out.put(f[1], f[status].split(" ")[0]);
      }
    }
    return out;
  }

  /**
   * Discover Versions on {@code port} as dev mode's KMIP client (its certificate identifies a
   * registered service): the Result Status of the answer, 0 for Success.
   */
  private int kmipDiscoverVersions(int port) throws Exception {
    JsonNode files =
        JSON.readTree(cluster.node("node1").data.resolve("dev.json").toFile()).get("kmip");
    SSLContext tls =
        Tls.context(
            cluster.caPem(),
            Path.of(files.get("clientCert").asText()),
            Path.of(files.get("clientKey").asText()));
    TtlvStructure version =
        TtlvStructure.of(
            Tag.PROTOCOL_VERSION,
            new TtlvInteger(Tag.PROTOCOL_VERSION_MAJOR, 1),
            new TtlvInteger(Tag.PROTOCOL_VERSION_MINOR, 4));
    TtlvStructure request =
        TtlvStructure.of(
            Tag.REQUEST_MESSAGE,
            TtlvStructure.of(Tag.REQUEST_HEADER, version, new TtlvInteger(Tag.BATCH_COUNT, 1)),
            TtlvStructure.of(
                Tag.BATCH_ITEM,
                new TtlvEnumeration(Tag.OPERATION, Operation.DISCOVER_VERSIONS.value()),
                TtlvStructure.of(Tag.REQUEST_PAYLOAD)));
    try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(20_000);
      socket.getOutputStream().write(TtlvEncoder.encode(request));
      DataInputStream in = new DataInputStream(socket.getInputStream());
      byte[] header = in.readNBytes(8);
      int length = ByteBuffer.wrap(header, 4, 4).getInt();
      byte[] message =
          ByteBuffer.allocate(8 + length).put(header).put(in.readNBytes(length)).array();
      TtlvStructure response = (TtlvStructure) TtlvDecoder.decode(message);
      return response.structure(Tag.BATCH_ITEM).enumeration(Tag.RESULT_STATUS);
    }
  }

  /** Node1's own certificate chain and key: issued by the cluster CA for 127.0.0.1. */
  private String loadBalancerPem() throws IOException {
    Path tls = cluster.node("node1").data.resolve("tls");
    return Files.readString(tls.resolve("server.pem"))
        + Files.readString(tls.resolve("server-key.pem"));
  }

  /** {certificates, key} of a PEM bundle. */
  private static String[] splitPem(String pem) {
    Matcher key = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*").matcher(pem);
    if (!key.find()) {
      throw new IllegalStateException("no private key in the bundle");
    }
    return new String[] {pem.substring(0, key.start()), key.group()};
  }

  private static int apiPort(ClusterHarness.Node n) {
    return URI.create(n.api).getPort();
  }

  private static int kmipPort(ClusterHarness.Node n) throws IOException {
    JsonNode identity = JSON.readTree(n.data.resolve("node.json").toFile());
    return identity.get("kmipPort").asInt();
  }

  /** Replaces text that must be in the example: a changed example fails here, not later. */
  private static String replace(String config, String what, String with) {
    assertThat(config).as("the example configuration").contains(what);
    return config.replace(what, with);
  }

  private static Process launch(Path work, String... command) throws IOException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(work.resolve(command[0] + ".out").toFile())
        .start();
  }

  private static boolean onPath(String binary) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, binary))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", binary));
  }
}
