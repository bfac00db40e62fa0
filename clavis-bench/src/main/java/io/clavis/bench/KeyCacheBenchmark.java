package io.clavis.bench;

import io.clavis.client.ClavisClient;
import io.clavis.client.CreateKeyRequest;
import io.clavis.core.key.KeyMaterial;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyService;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.DevMode;
import io.clavis.server.node.NodeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The key lookup every crypto request makes, on a real node (Raft, RocksDB, the seal) holding
 * {@code keys} AES-256 keys, each request naming the next key in turn: from the caches (the key's
 * record, then its unwrapped version), and each cache missing (the record read and parsed from
 * RocksDB; the version read, parsed and unwrapped under the root key).
 */
@State(Scope.Benchmark)
public class KeyCacheBenchmark extends HotPathBenchmark {
  @Param({"1000", "100000"})
  int keys;

  private Path data;
  private ClavisNode node;
  private KeyService keyService;
  private KeyMaterials materials;
  private String[] ids;
  private KeyRecord[] records;

  /** Where one benchmark thread is in the round of keys. */
  @State(Scope.Thread)
  public static class Cursor {
    private int next;

    int next(int n) {
      int i = next;
      next = i + 1 == n ? 0 : i + 1;
      return i;
    }
  }

  @Setup(Level.Trial)
  public void startNode() throws Exception {
    data = Files.createTempDirectory("clavis-keycache-bench");
    node = ClavisNode.start(NodeConfig.defaults(data).withPorts(0, 0, 0));
    String token = DevMode.bootstrap(node);
    ids = createKeys(token);
    keyService = node.keys();
    materials = node.keyMaterials();
    records = new KeyRecord[ids.length];
    for (int i = 0; i < ids.length; i++) {
      records[i] = keyService.get(ids[i]);
      materials.get(records[i], 1).orElseThrow(); // warm: every version cached
    }
  }

  /** Creates the keys through the API, 32 at a time, as clients would. */
  private String[] createKeys(String token) throws Exception {
    try (ClavisClient client =
        ClavisClient.builder()
            .server(node.apiUri())
            .caCertificate(node.caCertPath())
            .token(token)
            .build()) {
      String vault = client.createVault("bench", null).id();
      ExecutorService pool = Executors.newFixedThreadPool(32);
      try {
        List<Future<String>> created = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
          String name = "key-" + i;
          created.add(
              pool.submit(
                  () -> client.createKey(CreateKeyRequest.of(vault, name, "AES_256")).id()));
        }
        String[] out = new String[keys];
        for (int i = 0; i < keys; i++) {
          out[i] = created.get(i).get();
        }
        return out;
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @TearDown(Level.Trial)
  public void stopNode() throws IOException {
    node.close();
    try (Stream<Path> files = Files.walk(data)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** What a crypto request does: the key's record, then its current version, both cached. */
  @Benchmark
  public KeyMaterial cachedRecordAndVersion(Cursor cursor) {
    KeyRecord key = keyService.get(ids[cursor.next(keys)]);
    return materials.get(key, key.currentVersion()).orElseThrow();
  }

  /** The record not cached (first use after a start, or after the key changed). */
  @Benchmark
  public KeyRecord uncachedRecord(Cursor cursor) {
    String id = ids[cursor.next(keys)];
    keyService.invalidateRecord(id);
    return keyService.get(id);
  }

  /** The version not cached (first use after a start, a seal or a change of the key's state). */
  @Benchmark
  public KeyMaterial uncachedVersion(Cursor cursor) {
    int i = cursor.next(keys);
    materials.invalidate(ids[i]);
    return materials.get(records[i], 1).orElseThrow();
  }
}
