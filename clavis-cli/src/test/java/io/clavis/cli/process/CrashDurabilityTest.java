package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node killed with SIGKILL under a write load loses nothing it acknowledged: every key whose
 * creation returned 201, and every rotation that returned 200, is there after restart.
 */
class CrashDurabilityTest {
  @TempDir Path dir;

  @Test
  void killNineUnderLoadLosesNoAcknowledgedWrite() throws Exception {
    Path data = dir.resolve("node");
    Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    List<String> ciphertexts = new CopyOnWriteArrayList<>();
    String vaultId;
    try (NodeProcess node = new NodeProcess(data).start()) {
      vaultId = node.call("POST", "/v1/vaults", "{\"name\":\"crash\"}").json().get("id").asText();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger n = new AtomicInteger();
      CountDownLatch enough = new CountDownLatch(40);
      ExecutorService writers = Executors.newFixedThreadPool(4);
      for (int w = 0; w < 4; w++) {
        writers.submit(
            () -> {
              while (!stop.get()) {
                try {
                  int i = n.incrementAndGet();
                  var created =
                      node.call(
                          "POST",
                          "/v1/keys",
                          "{\"vaultId\":\""
                              + vaultId
                              + "\",\"name\":\"k"
                              + i
                              + "\",\"algorithm\":\"AES_256\"}");
                  if (created.status() != 201) {
                    continue;
                  }
                  String id = created.json().get("id").asText();
                  acknowledged.put(id, 1);
                  if (i % 3 == 0) {
                    var rotated = node.call("POST", "/v1/keys/" + id + "/rotate", null);
                    if (rotated.status() == 200) {
                      acknowledged.put(id, rotated.json().get("currentVersion").asInt());
                    }
                  }
                  var enc =
                      node.call("POST", "/v1/keys/" + id + "/encrypt", "{\"plaintext\":\"AAEC\"}");
                  if (enc.status() == 200) {
                    ciphertexts.add(enc.json().get("ciphertext").asText());
                  }
                  enough.countDown();
                } catch (Exception e) {
                  // The node was killed mid-request: that request was not acknowledged.
                }
              }
            });
      }
      assertThat(enough.await(120, TimeUnit.SECONDS)).as("writes under way").isTrue();
      // RocksDB's library comes from the data directory, not from a copy in /tmp that a killed
      // node would leave behind.
      assertThat(node.rocksDbLibraries())
          .singleElement()
          .satisfies(l -> assertThat(l).startsWithRaw(data.resolve("native").toRealPath()));
      node.kill9();
      stop.set(true);
      writers.shutdown();
      assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

    try (NodeProcess node = new NodeProcess(data).start()) {
      assertThat(node.rocksDbLibraries())
          .as("the copy made at the first start, reused, and no other")
          .isEqualTo(libraryFiles(data.resolve("native")));
      for (Map.Entry<String, Integer> e : acknowledged.entrySet()) {
        var key = node.call("GET", "/v1/keys/" + e.getKey(), null);
        assertThat(key.status()).as("key %s after restart", e.getKey()).isEqualTo(200);
        assertThat(key.json().get("currentVersion").asInt()).isGreaterThanOrEqualTo(e.getValue());
      }
      for (String c : ciphertexts) {
        var dec = node.call("POST", "/v1/decrypt", "{\"ciphertext\":\"" + c + "\"}");
        assertThat(dec.status()).isEqualTo(200);
        assertThat(dec.json().get("plaintext").asText()).isEqualTo("AAEC");
      }
      var page = node.call("GET", "/v1/keys?vaultId=" + vaultId + "&limit=1000", null);
      assertThat(page.json().get("items").size()).isGreaterThanOrEqualTo(acknowledged.size());
    }
  }

  private static List<Path> libraryFiles(Path dir) throws java.io.IOException {
    try (var files = Files.walk(dir.toRealPath())) {
      return files.filter(f -> f.getFileName().toString().startsWith("librocksdbjni")).toList();
    }
  }
}
