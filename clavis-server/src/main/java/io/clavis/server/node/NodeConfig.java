package io.clavis.server.node;

import io.clavis.core.crypto.Argon2idKdf;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How to run a node. Ports left null come from the node's saved identity, or the defaults on first
 * start; a port of 0 means "any free port".
 */
public record NodeConfig(
    Path dataDir,
    String host,
    Integer apiPort,
    Integer clusterPort,
    Integer kmipPort,
    String nodeName,
    long maxPlaintextBytes,
    Duration maintenanceInterval,
    Argon2idKdf.Params kdfParams,
    long snapshotThreshold) {
  public static final int DEFAULT_API_PORT = 8443;
  public static final int DEFAULT_CLUSTER_PORT = 8444;
  public static final int DEFAULT_KMIP_PORT = 5696;
  public static final long DEFAULT_MAX_PLAINTEXT = 1024 * 1024;

  public static NodeConfig defaults(Path dataDir) {
    return new NodeConfig(
        dataDir,
        "127.0.0.1",
        null,
        null,
        null,
        null,
        DEFAULT_MAX_PLAINTEXT,
        Duration.ofSeconds(30),
        Argon2idKdf.Params.recommended(),
        10_000);
  }

  public NodeConfig withPorts(Integer api, Integer cluster, Integer kmip) {
    return new NodeConfig(
        dataDir,
        host,
        api,
        cluster,
        kmip,
        nodeName,
        maxPlaintextBytes,
        maintenanceInterval,
        kdfParams,
        snapshotThreshold);
  }

  public NodeConfig withHost(String newHost) {
    return new NodeConfig(
        dataDir,
        newHost,
        apiPort,
        clusterPort,
        kmipPort,
        nodeName,
        maxPlaintextBytes,
        maintenanceInterval,
        kdfParams,
        snapshotThreshold);
  }

  public NodeConfig withNodeName(String name) {
    return new NodeConfig(
        dataDir,
        host,
        apiPort,
        clusterPort,
        kmipPort,
        name,
        maxPlaintextBytes,
        maintenanceInterval,
        kdfParams,
        snapshotThreshold);
  }

  public NodeConfig withMaxPlaintextBytes(long max) {
    return new NodeConfig(
        dataDir,
        host,
        apiPort,
        clusterPort,
        kmipPort,
        nodeName,
        max,
        maintenanceInterval,
        kdfParams,
        snapshotThreshold);
  }

  public NodeConfig withMaintenanceInterval(Duration interval) {
    return new NodeConfig(
        dataDir,
        host,
        apiPort,
        clusterPort,
        kmipPort,
        nodeName,
        maxPlaintextBytes,
        interval,
        kdfParams,
        snapshotThreshold);
  }

  public NodeConfig withSnapshotThreshold(long threshold) {
    return new NodeConfig(
        dataDir,
        host,
        apiPort,
        clusterPort,
        kmipPort,
        nodeName,
        maxPlaintextBytes,
        maintenanceInterval,
        kdfParams,
        threshold);
  }
}
