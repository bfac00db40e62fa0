package io.clavis.server.node;

import io.clavis.server.state.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * What makes a node the same node across restarts, saved in {@code DATA/node.json}: its name, its
 * Raft group and the ports it was given.
 */
public record NodeIdentity(
    String name, UUID groupId, String host, int apiPort, int clusterPort, int kmipPort) {
  static final String FILE = "node.json";

  static Optional<NodeIdentity> load(Path dataDir) throws IOException {
    Path f = dataDir.resolve(FILE);
    if (!Files.exists(f)) {
      return Optional.empty();
    }
    return Optional.of(StateJson.MAPPER.readValue(f.toFile(), NodeIdentity.class));
  }

  void save(Path dataDir) throws IOException {
    Path tmp = dataDir.resolve(FILE + ".tmp");
    Files.write(tmp, StateJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(this));
    Files.move(
        tmp,
        dataDir.resolve(FILE),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
