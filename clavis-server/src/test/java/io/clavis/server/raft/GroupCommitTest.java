package io.clavis.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent writes share log entries, and still behave as if applied one by one: names stay unique
 * within a batch, a rejected command leaves the others in place, every caller gets its own answer.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @Test
  void concurrentCreatesShareEntriesAndKeepTheirOwnAnswers() throws Exception {
    try (TestNode n = new TestNode(dir)) {
      n.initialize("group-commit-passphrase");
      String vault = n.createVault("gc");
      long before = n.node().raft().appliedIndex();
      int callers = 48;
      int distinctNames = 12; // four callers ask for each name: one wins, three get 409
      Map<String, List<Integer>> statusByName = new ConcurrentHashMap<>();
      List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(callers);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
          String name = "k" + (i % distinctNames);
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    var r =
                        n.call(
                            "POST",
                            "/v1/keys",
                            TestNode.json("vaultId", vault, "name", name, "algorithm", "AES_256"));
                    statusByName
                        .computeIfAbsent(
                            name, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(r.status());
                    if (r.status() == 201) {
                      assertThat(r.json().get("name").asText()).isEqualTo(name);
                      created.add(r.json().get("id").asText());
                    } else {
                      assertThat(r.code()).isEqualTo("NAME_TAKEN");
                    }
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(statusByName).hasSize(distinctNames);
      statusByName.forEach(
          (name, statuses) ->
              assertThat(statuses).as(name).containsExactlyInAnyOrder(201, 409, 409, 409));
      assertThat(created).hasSize(distinctNames).doesNotHaveDuplicates();
      for (String id : created) {
        assertThat(n.call("GET", "/v1/keys/" + id, null).status()).isEqualTo(200);
      }
      // 48 writes took fewer log entries than writes: they were committed in groups.
      long entries = n.node().raft().appliedIndex() - before;
      assertThat(entries).isLessThan(callers);
    }
  }
}
