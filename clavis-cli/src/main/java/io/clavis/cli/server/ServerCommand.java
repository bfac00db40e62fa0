package io.clavis.cli.server;

import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import io.clavis.server.seal.Seal;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run a Clavis node for real.",
      "",
      "On first start the node is not initialised: run 'clavis init' against it. After every",
      "restart it is sealed: run 'clavis unseal'. It stops on SIGTERM or Ctrl-C."
    })
public final class ServerCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "Data directory: state, Raft log, TLS files.")
  Path data;

  @Mixin NodeOptions node;

  @Override
  public Integer call() throws Exception {
    RunningNode running = RunningNode.start(node.toConfig(data));
    ClavisNode started = running.node();
    Seal.Status status;
    try {
      status = started.seal().status();
    } catch (io.clavis.server.error.ClavisException e) {
      status = Seal.Status.UNINITIALIZED; // receiving the cluster's state right now
    }
    System.out.println(
        "Clavis node " + started.identity().name() + " listening on " + started.apiUri());
    System.out.println("CA certificate: " + started.caCertPath());
    System.out.println("Seal status:    " + status);
    if (status == Seal.Status.UNINITIALIZED) {
      System.out.println(
          "Initialise it:  clavis init --server "
              + started.apiUri()
              + " --ca-cert "
              + started.caCertPath());
    } else if (status == Seal.Status.SEALED) {
      System.out.println(
          "Unseal it:      clavis unseal --server "
              + started.apiUri()
              + " --ca-cert "
              + started.caCertPath());
    }
    if (DevMode.passphrase(started.dataDir()).isPresent()) {
      System.out.println(
          "WARNING: "
              + data
              + " holds a dev-mode unseal passphrase: unsealing automatically."
              + " Never use dev mode for real keys.");
      Thread.ofVirtual()
          .name("clavis-dev-unseal")
          .start(
              () -> {
                try {
                  DevMode.unsealIfDev(started, java.time.Duration.ofMinutes(3));
                } catch (Exception e) {
                  System.err.println("error: dev auto-unseal failed: " + e.getMessage());
                }
              });
    }
    System.out.flush();
    running.awaitStop();
    return 0;
  }
}
