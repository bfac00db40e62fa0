package io.clavis.cli.server;

import io.clavis.server.node.NodeConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by {@code server} and {@code dev}: where the node keeps its data and listens. */
public final class NodeOptions {
  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default: the saved one, else 127.0.0.1).")
  String host;

  @Option(
      names = "--api-port",
      paramLabel = "PORT",
      description = "HTTPS API port (default: the saved one, else 8443; 0 = any free port).")
  Integer apiPort;

  @Option(
      names = "--cluster-port",
      paramLabel = "PORT",
      description =
          "Raft port between nodes (default: the saved one, else 8444; 0 = any free port).")
  Integer clusterPort;

  @Option(
      names = "--kmip-port",
      paramLabel = "PORT",
      description = "KMIP port (default: the saved one, else 5696).")
  Integer kmipPort;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Node name (default: the saved one, else node1).")
  String name;

  @Option(
      names = "--max-plaintext-bytes",
      paramLabel = "BYTES",
      description = "Largest plaintext or message accepted (default: ${DEFAULT-VALUE}).")
  long maxPlaintextBytes = NodeConfig.DEFAULT_MAX_PLAINTEXT;

  @Option(
      names = "--snapshot-threshold",
      paramLabel = "ENTRIES",
      description =
          "Take a state snapshot (and compact the Raft log) every ENTRIES writes"
              + " (default: ${DEFAULT-VALUE}).")
  long snapshotThreshold = 10_000;

  @Option(
      names = "--max-clock-skew-ms",
      paramLabel = "MS",
      description = "Refuse joining nodes whose clock differs more (default: ${DEFAULT-VALUE}).")
  long maxClockSkewMs = 2_000;

  @Option(
      names = "--audit-fail-open",
      description =
          "Answer requests even when their audit record cannot be written (default: refuse them"
              + " with 503 AUDIT_UNAVAILABLE).")
  boolean auditFailOpen;

  @Option(
      names = "--metrics-unauthenticated",
      description =
          "Serve GET /metrics to anyone, also while sealed (default: only to a token allowed to"
              + " inspect cluster).")
  boolean metricsUnauthenticated;

  NodeConfig toConfig(Path data) {
    NodeConfig c =
        NodeConfig.defaults(data)
            .withPorts(apiPort, clusterPort, kmipPort)
            .withNodeName(name)
            .withMaxPlaintextBytes(maxPlaintextBytes)
            .toBuilder()
            .snapshotThreshold(snapshotThreshold)
            .maxClockSkewMs(maxClockSkewMs)
            .auditFailClosed(!auditFailOpen)
            .metricsUnauthenticated(metricsUnauthenticated)
            .build();
    return host == null ? c.withHost(null) : c.withHost(host);
  }
}
