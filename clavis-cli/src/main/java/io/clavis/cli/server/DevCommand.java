package io.clavis.cli.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clavis.server.kmip.DevKmipClient;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import io.clavis.server.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run a development node: initialised, unsealed, with its own TLS CA.",
      "",
      "Prints the API URL and the root token, and writes DIR/dev.json when ready. The KMIP",
      "listener runs too, with a ready client certificate (service kmip-admin, in key-admins",
      "and system-admins) in DIR/kmip/, named in dev.json.",
      "Run again on the same DIR to resume the same state. NOT FOR PRODUCTION: the unseal",
      "passphrase and root token are kept in plain files in DIR.",
      "",
      "With --nodes N (2 to 16), runs a cluster of N nodes on this machine: node K keeps its data",
      "in DIR/nodeK; node1 runs in this process, the others as child processes logging to",
      "DIR/nodeK.log, stopped with this one. Node K listens on the given ports + K - 1 (API",
      "default 8443, KMIP default 5696; cluster ports and ports given as 0 are free ports).",
      "A new cluster is joined node by node as an operator would; a re-run only restarts it."
    })
public final class DevCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = "Number of nodes, 1 to 16 (default: ${DEFAULT-VALUE}).")
  int nodes = 1;

  @Mixin NodeOptions node;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path dir = data.toAbsolutePath();
    if (nodes < 1 || nodes > DevCluster.MAX_NODES) {
      throw new ParameterException(
          spec.commandLine(), "--nodes must be 1 to " + DevCluster.MAX_NODES + ", not " + nodes);
    }
    if (nodes > 1) {
      checkClusterOptions();
      return runCluster(dir);
    }
    DevCluster.checkLayout(dir, 1);
    RunningNode running = RunningNode.start(node.toConfig(dir));
    ClavisNode started = running.node();
    String token = DevMode.bootstrap(started);
    String api = started.apiUri().toString();
    Map<String, Object> kmip = kmipEntry(dir, started);
    writeDevJson(dir, api, token, started, kmip);
    System.out.println();
    System.out.println(
        "WARNING: dev mode. The unseal passphrase and root token are stored in plain");
    System.out.println("WARNING: files under " + dir + ". Never use dev mode for real keys.");
    System.out.println();
    System.out.println("Clavis dev node " + started.identity().name() + " is ready.");
    System.out.println("  API:        " + api);
    System.out.println("  Root token: " + token);
    System.out.println("  CA cert:    " + started.caCertPath());
    System.out.println("  dev.json:   " + dir.resolve("dev.json"));
    printKmip(kmip);
    System.out.println();
    System.out.println("  export CLAVIS_SERVER=" + api);
    System.out.println("  export CLAVIS_TOKEN=" + token);
    System.out.println("  export CLAVIS_CACERT=" + started.caCertPath());
    System.out.println();
    System.out.flush();
    running.awaitStop();
    return 0;
  }

  private void checkClusterOptions() {
    if (node.name != null) {
      throw new ParameterException(
          spec.commandLine(), "--name is for a single node: with --nodes they are node1..nodeN");
    }
    // node K uses base + K - 1: the ranges of the ports given must not overlap
    List<int[]> ranges = new ArrayList<>();
    for (Integer base :
        new Integer[] {
          node.apiPort == null ? NodeConfig.DEFAULT_API_PORT : node.apiPort,
          node.clusterPort,
          node.kmipPort == null ? NodeConfig.DEFAULT_KMIP_PORT : node.kmipPort
        }) {
      if (base == null || base == 0) {
        continue;
      }
      int last = base + nodes - 1;
      if (base < 0 || last > 65535) {
        throw new ParameterException(
            spec.commandLine(), "ports " + base + ".." + last + " are out of range");
      }
      for (int[] r : ranges) {
        if (base <= r[1] && r[0] <= last) {
          throw new ParameterException(
              spec.commandLine(),
              "with --nodes "
                  + nodes
                  + " the ports "
                  + base
                  + ".."
                  + last
                  + " overlap "
                  + r[0]
                  + ".."
                  + r[1]
                  + ": choose ports further apart");
        }
      }
      ranges.add(new int[] {base, last});
    }
  }

  private int runCluster(Path dir) throws Exception {
    DevCluster.Started started = new DevCluster(dir, nodes, node, System.out).start();
    List<Map<String, Object>> entries = new ArrayList<>();
    for (DevCluster.NodeInfo n : started.nodes()) {
      entries.add(nodeEntry(n.name(), n.api(), n.pid(), n.data()));
    }
    String api = started.nodes().get(0).api();
    Map<String, Object> kmip = kmipEntry(dir, started.node1().node());
    writeDevJson(dir, api, started.token(), started.caCert(), entries, kmip);
    String servers =
        started.nodes().stream().map(DevCluster.NodeInfo::api).collect(Collectors.joining(","));
    System.out.println();
    System.out.println(
        "WARNING: dev mode. The unseal passphrase and root token are stored in plain");
    System.out.println("WARNING: files under " + dir + ". Never use dev mode for real keys.");
    System.out.println();
    System.out.println("Clavis dev cluster of " + nodes + " nodes is ready.");
    System.out.println("  API:        " + api);
    System.out.println("  Root token: " + started.token());
    System.out.println("  CA cert:    " + started.caCert());
    System.out.println("  dev.json:   " + dir.resolve("dev.json"));
    printKmip(kmip);
    for (DevCluster.NodeInfo n : started.nodes()) {
      System.out.println(
          "  "
              + String.format("%-11s", n.name() + ":")
              + " "
              + n.api()
              + "  pid "
              + n.pid()
              + (n.log() == null ? " (this process)" : "  log " + n.log()));
    }
    System.out.println();
    System.out.println("  export CLAVIS_SERVER=" + servers);
    System.out.println("  export CLAVIS_TOKEN=" + started.token());
    System.out.println("  export CLAVIS_CACERT=" + started.caCert());
    System.out.println();
    System.out.flush();
    started.node1().awaitStop();
    return 0;
  }

  private static Map<String, Object> nodeEntry(String name, String api, long pid, Path data) {
    Map<String, Object> nodeEntry = new LinkedHashMap<>();
    nodeEntry.put("name", name);
    nodeEntry.put("api", api);
    nodeEntry.put("pid", pid);
    nodeEntry.put("data", data.toString());
    return nodeEntry;
  }

  /**
   * The KMIP listener of {@code node} and dev mode's client certificate for it (created in
   * DIR/kmip/ on the first run, registered as the service kmip-admin), for dev.json.
   */
  private static Map<String, Object> kmipEntry(Path dir, ClavisNode node)
      throws java.io.IOException {
    DevKmipClient.Credentials client =
        DevKmipClient.ensure(dir.resolve("kmip"), node.dataDir().resolve("tls"), node.identities());
    Map<String, Object> kmip = new LinkedHashMap<>();
    kmip.put("host", node.identity().host());
    kmip.put("port", node.kmipPort());
    kmip.put("clientCert", client.clientCert().toString());
    kmip.put("clientKey", client.clientKey().toString());
    return kmip;
  }

  private static void printKmip(Map<String, Object> kmip) {
    System.out.println(
        "  KMIP:       "
            + kmip.get("host")
            + ":"
            + kmip.get("port")
            + " (client certificate "
            + kmip.get("clientCert")
            + ")");
  }

  private static void writeDevJson(
      Path dir, String api, String token, ClavisNode node, Map<String, Object> kmip)
      throws java.io.IOException {
    writeDevJson(
        dir,
        api,
        token,
        node.caCertPath(),
        List.of(nodeEntry(node.identity().name(), api, ProcessHandle.current().pid(), dir)),
        kmip);
  }

  private static void writeDevJson(
      Path dir,
      String api,
      String token,
      Path caCert,
      List<Map<String, Object>> nodes,
      Map<String, Object> kmip)
      throws java.io.IOException {
    Map<String, Object> dev = new LinkedHashMap<>();
    dev.put("api", api);
    dev.put("token", token);
    dev.put("caCert", caCert.toString());
    dev.put("nodes", nodes);
    dev.put("kmip", kmip);
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Path tmp = dir.resolve("dev.json.tmp");
    mapper.writeValue(tmp.toFile(), dev);
    Files.move(
        tmp,
        dir.resolve("dev.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
