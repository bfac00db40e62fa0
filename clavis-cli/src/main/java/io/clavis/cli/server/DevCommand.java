package io.clavis.cli.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = {
      "Run a development node: initialised, unsealed, with its own TLS CA.",
      "",
      "Prints the API URL and the root token, and writes DIR/dev.json when ready.",
      "Run again on the same DIR to resume the same state. NOT FOR PRODUCTION: the unseal",
      "passphrase and root token are kept in plain files in DIR."
    })
public final class DevCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data = Path.of("data");

  @Mixin NodeOptions node;

  @Override
  public Integer call() throws Exception {
    Path dir = data.toAbsolutePath();
    RunningNode running = RunningNode.start(node.toConfig(dir));
    ClavisNode started = running.node();
    String token = DevMode.bootstrap(started);
    String api = started.apiUri().toString();
    writeDevJson(dir, api, token, started);
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
    System.out.println();
    System.out.println("  export CLAVIS_SERVER=" + api);
    System.out.println("  export CLAVIS_TOKEN=" + token);
    System.out.println("  export CLAVIS_CACERT=" + started.caCertPath());
    System.out.println();
    System.out.flush();
    running.awaitStop();
    return 0;
  }

  private static void writeDevJson(Path dir, String api, String token, ClavisNode node)
      throws java.io.IOException {
    Map<String, Object> nodeEntry = new LinkedHashMap<>();
    nodeEntry.put("name", node.identity().name());
    nodeEntry.put("api", api);
    nodeEntry.put("pid", ProcessHandle.current().pid());
    nodeEntry.put("data", dir.toString());
    Map<String, Object> dev = new LinkedHashMap<>();
    dev.put("api", api);
    dev.put("token", token);
    dev.put("caCert", node.caCertPath().toString());
    dev.put("nodes", List.of(nodeEntry));
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
