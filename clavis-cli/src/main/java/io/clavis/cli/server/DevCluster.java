package io.clavis.cli.server;

import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.ClusterNode;
import io.clavis.client.ClusterStatus;
import io.clavis.client.HealthStatus;
import io.clavis.server.cluster.JoinClient;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import io.clavis.server.node.NodeConfig;
import io.clavis.server.node.NodeIdentity;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.NodeTls;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code clavis dev --nodes N} with N >= 2: a development cluster on one machine. Node 1 runs in
 * this process on {@code DIR/node1}; node K (K >= 2) runs {@code clavis server --data DIR/nodeK} as
 * a child process logging to {@code DIR/nodeK.log}. On first start each child joins the way an
 * operator would do it (fingerprint, add-candidate, join) with the dev secrets copied into its data
 * directory, so that it unseals itself; a later run on the same DIR only restarts the nodes.
 */
final class DevCluster {
  static final int MAX_NODES = 16;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final String MAIN_CLASS = "io.clavis.cli.Main";

  private final Path dir;
  private final int count;
  private final NodeOptions options;
  private final PrintStream out;
  private final List<Child> children = new CopyOnWriteArrayList<>();

  /** A node running as a child process. */
  private record Child(String name, Path data, Path log, Process process, URI api) {}

  /** What dev.json and the banner say about one node. */
  record NodeInfo(String name, String api, long pid, Path data, Path log) {}

  /** What {@link #start} hands back once every node is ready. */
  record Started(RunningNode node1, String token, Path caCert, List<NodeInfo> nodes) {}

  DevCluster(Path dir, int count, NodeOptions options, PrintStream out) {
    this.dir = dir;
    this.count = count;
    this.options = options;
    this.out = out;
  }

  static Path nodeDir(Path dir, int k) {
    return dir.resolve("node" + k);
  }

  /**
   * Refuses a DIR that holds something else than a cluster of at most {@code count} nodes: a single
   * dev node, a cluster without its first node, or a bigger cluster (starting only some of its
   * nodes could leave it without quorum).
   */
  static void checkLayout(Path dir, int count) throws IOException {
    int existing = existingNodes(dir);
    if (count == 1) {
      if (existing > 0 && !Files.exists(dir.resolve("node.json"))) {
        throw new IOException(
            dir
                + " holds a dev cluster of "
                + existing
                + " nodes: run 'clavis dev --nodes "
                + existing
                + " --data "
                + dir
                + "', or use another directory");
      }
      return;
    }
    if (Files.exists(dir.resolve("node.json"))) {
      throw new IOException(
          dir
              + " holds a single dev node: run 'clavis dev --data "
              + dir
              + "' without --nodes, or use another directory for a cluster");
    }
    if (existing > count) {
      throw new IOException(
          dir
              + " holds a dev cluster of "
              + existing
              + " nodes: run with --nodes "
              + existing
              + " (or more to add nodes)");
    }
    if (existing > 0 && !Files.exists(nodeDir(dir, 1).resolve("node.json"))) {
      throw new IOException(
          nodeDir(dir, 1)
              + " is missing: the cluster in "
              + dir
              + " cannot be restarted;"
              + " use another directory");
    }
  }

  /** How many node directories of a dev cluster in DIR have an identity. */
  private static int existingNodes(Path dir) {
    int n = 0;
    for (int k = 1; k <= MAX_NODES; k++) {
      if (Files.exists(nodeDir(dir, k).resolve("node.json"))) {
        n = k;
      }
    }
    return n;
  }

  /** Starts or restarts every node and returns once all are unsealed and ACTIVE. */
  Started start() throws Exception {
    checkLayout(dir, count);
    Runtime.getRuntime().addShutdownHook(new Thread(this::stopChildren, "clavis-dev-children"));
    Path d1 = nodeDir(dir, 1);
    boolean fresh1 = !Files.exists(d1.resolve("node.json"));
    NodeConfig c1 = options.toConfig(d1).withNodeName("node1");
    c1 =
        fresh1
            ? c1.withPorts(
                base(options.apiPort, NodeConfig.DEFAULT_API_PORT),
                base(options.clusterPort, 0),
                base(options.kmipPort, NodeConfig.DEFAULT_KMIP_PORT))
            : c1.withPorts(null, null, null);
    RunningNode running = RunningNode.start(c1);
    ClavisNode node1 = running.node();
    out.println("node1 listening on " + node1.apiUri() + " (data " + d1 + ")");

    // Nodes that joined on an earlier run: start them before unsealing node 1, which may need
    // them for a quorum to replay its log.
    List<Integer> toJoin = new ArrayList<>();
    for (int k = 2; k <= count; k++) {
      if (Files.exists(nodeDir(dir, k).resolve("node.json"))) {
        children.add(launch(k));
      } else {
        toJoin.add(k);
      }
    }
    String token = DevMode.bootstrap(node1);
    Path caCert = node1.caCertPath();
    try (ClavisClient client = client(node1.apiUri(), token, caCert)) {
      for (Child c : children) {
        awaitReady(c, client);
      }
      if (!toJoin.isEmpty()) {
        String caFingerprint = Fingerprints.sha256(NodeTls.readCertificates(caCert).get(0));
        String host = node1.identity().host();
        List<int[]> ports = ports(toJoin);
        for (int i = 0; i < toJoin.size(); i++) {
          int k = toJoin.get(i);
          int[] p = ports.get(i);
          JoinClient.Candidate candidate =
              new JoinClient.Candidate("node" + k, host, p[0], p[1], p[2]);
          join(node1, client, caFingerprint, candidate, nodeDir(dir, k));
          Child child = launch(k);
          children.add(child);
          awaitReady(child, client);
        }
      }
    }
    List<NodeInfo> nodes = new ArrayList<>();
    nodes.add(
        new NodeInfo("node1", node1.apiUri().toString(), ProcessHandle.current().pid(), d1, null));
    for (Child c : children) {
      nodes.add(new NodeInfo(c.name(), c.api().toString(), c.process().pid(), c.data(), c.log()));
    }
    return new Started(running, token, caCert, nodes);
  }

  /** The port of node 1: the one given, else the default (0 for the cluster port: any free). */
  private static Integer base(Integer given, int fallback) {
    return given != null ? given : fallback;
  }

  /**
   * The API, cluster and KMIP ports of the nodes to join: node K gets base + K - 1 for each port
   * given non-zero (the API and KMIP ports default to 8443 and 5696), a free port otherwise.
   */
  private List<int[]> ports(List<Integer> nodes) throws IOException {
    int api = base(options.apiPort, NodeConfig.DEFAULT_API_PORT);
    int cluster = base(options.clusterPort, 0);
    int kmip = base(options.kmipPort, NodeConfig.DEFAULT_KMIP_PORT);
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<int[]> out = new ArrayList<>();
      for (int k : nodes) {
        out.add(
            new int[] {
              api != 0 ? api + k - 1 : free(held),
              cluster != 0 ? cluster + k - 1 : free(held),
              kmip != 0 ? kmip + k - 1 : free(held)
            });
      }
      return out;
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
  }

  /** A free port on the loopback address, kept bound until all ports are chosen. */
  private static int free(List<ServerSocket> held) throws IOException {
    ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
    held.add(s);
    return s.getLocalPort();
  }

  /** What an operator does for a new node: fingerprint, add-candidate, join. */
  private void join(
      ClavisNode node1,
      ClavisClient client,
      String caFingerprint,
      JoinClient.Candidate candidate,
      Path data)
      throws IOException, InterruptedException {
    String fingerprint = JoinClient.fingerprint(data, candidate);
    String apiAddress = "https://" + bracketed(candidate.host()) + ":" + candidate.apiPort();
    String clusterAddress = bracketed(candidate.host()) + ":" + candidate.clusterPort();
    client.addCandidate(candidate.name(), apiAddress, clusterAddress, fingerprint);
    DevMode.copySecrets(node1.dataDir(), data);
    JoinClient.join(data, node1.apiUri(), caFingerprint, candidate, ClavisNode.VERSION);
    out.println(
        candidate.name() + " joined; starting it on " + apiAddress + " (data " + data + ")");
  }

  /** The switches a node process takes over from this one, so that node 1 and the rest agree. */
  private static final List<String> INHERITED_SWITCHES =
      List.of("clavis.io_uring", "clavis.openssl");

  /**
   * The heap of a node process (a floor too, or G1 shrinks the heap under load and collects several
   * times a second) and Clavis's own switches ({@code -Dclavis.openssl=off}, {@code
   * -Dclavis.io_uring=off}) as this process was given them. Only those: anything else set here
   * stays here.
   */
  static List<String> childJvmOptions(java.util.Properties properties) {
    List<String> options = new ArrayList<>(List.of("-Xmx512m", "-Xms256m"));
    for (String name : INHERITED_SWITCHES) {
      String value = properties.getProperty(name);
      if (value != null) {
        options.add("-D" + name + "=" + value);
      }
    }
    return options;
  }

  private static String bracketed(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Starts {@code clavis server --data DIR/nodeK} with this JVM and class path. */
  private Child launch(int k) throws IOException {
    Path data = nodeDir(dir, k);
    Path log = dir.resolve("node" + k + ".log");
    NodeIdentity identity =
        NodeIdentity.load(data)
            .orElseThrow(() -> new IOException(data + " has no node identity (node.json)"));
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(childJvmOptions(System.getProperties()));
    cmd.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      // Netty inside Ratis uses sun.misc.Unsafe on purpose; as bin/clavis does.
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(MAIN_CLASS);
    cmd.addAll(List.of("server", "--data", data.toString()));
    // the node options that are not saved with the node: the same for every node
    NodeOptions defaults = new NodeOptions();
    if (options.maxPlaintextBytes != defaults.maxPlaintextBytes) {
      cmd.addAll(List.of("--max-plaintext-bytes", Long.toString(options.maxPlaintextBytes)));
    }
    if (options.snapshotThreshold != defaults.snapshotThreshold) {
      cmd.addAll(List.of("--snapshot-threshold", Long.toString(options.snapshotThreshold)));
    }
    if (options.auditFailOpen) {
      cmd.add("--audit-fail-open");
    }
    if (options.maxClockSkewMs != defaults.maxClockSkewMs) {
      cmd.addAll(List.of("--max-clock-skew-ms", Long.toString(options.maxClockSkewMs)));
    }
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return new Child(identity.name(), data, log, p, URI.create(identity.apiAddress()));
  }

  /**
   * Waits until the child is unsealed (its health answers 200, which needs it to be in the Raft
   * configuration and to have the seal from the log) and node 1 sees it ACTIVE.
   */
  private void awaitReady(Child child, ClavisClient viaNode1) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    String last = "not started";
    try (ClavisClient direct = client(child.api(), null, nodeDir(dir, 1).resolve("tls/ca.pem"))) {
      while (true) {
        if (!child.process().isAlive()) {
          throw new IOException(
              child.name()
                  + " exited with code "
                  + child.process().exitValue()
                  + "; see "
                  + child.log()
                  + lastLines(child.log()));
        }
        last = readiness(child, direct, viaNode1);
        if (last == null) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              child.name()
                  + " not ready after "
                  + READY_TIMEOUT.toSeconds()
                  + " s ("
                  + last
                  + "); see "
                  + child.log());
        }
        Thread.sleep(POLL.toMillis()); // polling a process we do not control
      }
    }
  }

  /** Null when the child is ready, else what it is still waiting for. */
  private static String readiness(Child child, ClavisClient direct, ClavisClient viaNode1) {
    try {
      HealthStatus h = direct.health();
      if (h.sealed()) {
        return "health says " + h.mode();
      }
      ClusterStatus s = viaNode1.clusterStatus();
      Optional<ClusterNode> n =
          s.nodes().stream().filter(x -> x.name().equals(child.name())).findFirst();
      if (n.isEmpty()) {
        return "not in the cluster status yet";
      }
      if (!"ACTIVE".equals(n.get().state()) || "CANDIDATE".equals(n.get().role())) {
        return "cluster status says " + n.get().role() + " " + n.get().state();
      }
      return null;
    } catch (ClavisException e) {
      return e.getMessage();
    }
  }

  private static String lastLines(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }

  private static ClavisClient client(URI server, String token, Path caCert) {
    return ClavisClient.builder()
        .server(server)
        .token(token)
        .caCertificate(caCert)
        .heartbeatInterval(Duration.ZERO)
        .connectTimeout(Duration.ofSeconds(2))
        .requestTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** SIGTERM to every child, up to 30 s for them to stop, then SIGKILL. */
  void stopChildren() {
    for (Child c : children) {
      c.process().destroy();
    }
    long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
    for (Child c : children) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!c.process().waitFor(left, TimeUnit.NANOSECONDS)) {
          c.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        c.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
