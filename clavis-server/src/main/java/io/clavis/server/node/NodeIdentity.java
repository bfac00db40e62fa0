package io.clavis.server.node;

import io.clavis.server.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What makes a node the same node across restarts, saved in {@code DATA/node.json}: its name, its
 * Raft group and the ports it was given. A node that has just joined a cluster also keeps the
 * members it was told about (its first Raft configuration) and the address of the node that
 * admitted it, which it asks to activate it once its Raft server runs.
 */
public record NodeIdentity(
    String name,
    UUID groupId,
    String host,
    int apiPort,
    int clusterPort,
    int kmipPort,
    List<Peer> initialPeers,
    String activateVia) {
  static final String FILE = "node.json";

  /** Another member as a joining node first learns of it. */
  public record Peer(String name, String clusterAddress, boolean listener) {}

  public NodeIdentity {
    initialPeers = initialPeers == null ? List.of() : List.copyOf(initialPeers);
  }

  public static Optional<NodeIdentity> load(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(StateJson.MAPPER.readValue(f.toFile(), NodeIdentity.class));
  }

  public void save(Path dataDir) throws IOException {
    Files.createDirectories(dataDir);
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.write(tmp, StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    Files.move(
        tmp,
        dataDir.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  public String clusterAddress() {
    return host + ":" + clusterPort;
  }

  public String apiAddress() {
    return "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort;
  }

  NodeIdentity activated() {
    return new NodeIdentity(name, groupId, host, apiPort, clusterPort, kmipPort, List.of(), null);
  }
}
