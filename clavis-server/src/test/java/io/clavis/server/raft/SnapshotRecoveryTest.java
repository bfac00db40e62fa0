package io.clavis.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots are RocksDB checkpoints with checksums; a node recovers from snapshot plus log, and
 * rebuilds its live database from them when it is lost.
 */
class SnapshotRecoveryTest {
  private static final String PASS = "snapshot-passphrase";

  @TempDir Path dir;

  @Test
  void recoversFromSnapshotAndLogAfterRestartAndAfterLosingTheLiveDatabase() throws Exception {
    List<String> keys = new ArrayList<>();
    try (TestNode n = new TestNode(dir, c -> c.withSnapshotThreshold(20))) {
      rootToken = n.initialize(PASS);
      String vault = n.call("POST", "/v1/vaults", "{\"name\":\"s\"}").json().get("id").asText();
      for (int i = 0; i < 45; i++) {
        var r =
            n.call(
                "POST",
                "/v1/keys",
                "{\"vaultId\":\""
                    + vault
                    + "\",\"name\":\"k"
                    + i
                    + "\",\"algorithm\":\"HMAC_SHA256\"}");
        assertThat(r.status()).isEqualTo(201);
        keys.add(r.json().get("id").asText());
      }
    }
    Path sm = stateMachineDir();
    List<Path> snapshots = snapshotDirs(sm);
    assertThat(snapshots).isNotEmpty().hasSizeLessThanOrEqualTo(2);
    for (Path s : snapshots) {
      assertThat(s.resolve("SHA256SUMS")).exists();
    }

    // Clean restart: everything is there.
    assertAllKeysPresent(keys);

    // Lose the live database: the node rebuilds it from the newest snapshot and the log.
    deleteTree(sm.resolve("db"));
    assertAllKeysPresent(keys);

    // A damaged newest snapshot fails its checksum and is skipped: the older one and the
    // log kept behind it rebuild the same state.
    List<Path> now = snapshotDirs(sm);
    assertThat(now).hasSize(2);
    Path newest = now.get(1);
    try (Stream<Path> files = Files.list(newest)) {
      Path f =
          files
              .filter(p -> !p.getFileName().toString().equals("SHA256SUMS"))
              .filter(p -> p.getFileName().toString().endsWith(".sst"))
              .findFirst()
              .orElseThrow();
      Files.write(f, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
    }
    deleteTree(sm.resolve("db"));
    assertAllKeysPresent(keys);
  }

  private void assertAllKeysPresent(List<String> keys) throws Exception {
    try (TestNode n = new TestNode(dir, c -> c.withSnapshotThreshold(20))) {
      var unseal = n.call("POST", "/v1/sys/unseal", "{\"passphrase\":\"" + PASS + "\"}", null);
      assertThat(unseal.status()).isEqualTo(200);
      n.useToken(rootToken);
      for (String k : keys) {
        assertThat(n.call("GET", "/v1/keys/" + k, null).status()).as(k).isEqualTo(200);
      }
    }
  }

  private String rootToken;

  private Path stateMachineDir() throws Exception {
    try (Stream<Path> walk = Files.walk(dir.resolve("raft"))) {
      return walk.filter(p -> p.getFileName().toString().equals("sm")).findFirst().orElseThrow();
    }
  }

  private static List<Path> snapshotDirs(Path sm) throws Exception {
    try (Stream<Path> s = Files.list(sm.resolve("snapshots"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+_\\d+"))
          .sorted(Comparator.comparingLong(SnapshotRecoveryTest::indexOf))
          .toList();
    }
  }

  private static long indexOf(Path p) {
    return Long.parseLong(p.getFileName().toString().split("_")[1]);
  }

  private static void deleteTree(Path root) throws Exception {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
