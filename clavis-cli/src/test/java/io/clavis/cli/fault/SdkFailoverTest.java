package io.clavis.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.cli.Main;
import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.CreateKeyRequest;
import io.clavis.client.Mapping;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java SDK against three real node processes: the preferred node killed under load without a
 * failed call, the client returning to it once restarted, a mapping edit followed at the next
 * heartbeat, the load generator ({@code clavis bench}) carried over a killed node, and writes when
 * no node has a quorum.
 */
class SdkFailoverTest {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
  Path dir;

  /** Encrypts from several threads and creates keys from one, counting answers per node. */
  private static final class Load implements AutoCloseable {
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    final List<String> createdKeys = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    Load(ClavisClient client, String keyId, String vaultId, int encrypters) {
      byte[] data = "a secret of the application".getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < encrypters; i++) {
        threads.add(
            Thread.ofPlatform()
                .start(
                    () ->
                        loop(
                            () -> {
                              String ct = client.encrypt(keyId, data).ciphertext();
                              assertThat(client.decrypt(ct, null).plaintext()).isEqualTo(data);
                            })));
      }
      AtomicInteger n = new AtomicInteger();
      threads.add(
          Thread.ofPlatform()
              .start(
                  () ->
                      loop(
                          () ->
                              createdKeys.add(
                                  client
                                      .createKey(
                                          new CreateKeyRequest(
                                              vaultId,
                                              "failover-" + n.incrementAndGet(),
                                              "AES_256",
                                              null,
                                              null,
                                              null))
                                      .id()))));
    }

    private void loop(Runnable call) {
      while (!stop.get()) {
        try {
          call.run();
          calls.incrementAndGet();
        } catch (Throwable t) {
          failures.add(t);
        }
      }
    }

    /** Waits until {@code more} further calls have succeeded. */
    void awaitMore(int more) {
      int target = calls.get() + more;
      await().atMost(Duration.ofSeconds(120)).until(() -> calls.get() >= target);
    }

    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  private static URI api(ClusterHarness.Node n) {
    return URI.create(n.api);
  }

  @Test
  void theSdkFailsOverReturnsAndFollowsItsMapping() throws Exception {
    try (ClusterHarness cluster = new ClusterHarness(dir)) {
      ClusterHarness.Node n1 = cluster.found();
      ClusterHarness.Node n2 = cluster.join("node2", n1);
      ClusterHarness.Node n3 = cluster.join("node3", n1);
      ClusterHarness.Node leader = cluster.leader();
      // The preferred node is a follower, so that killing it leaves writes a leader throughout.
      List<ClusterHarness.Node> order = new ArrayList<>(List.of(n1, n2, n3));
      order.remove(leader);
      order.add(leader);
      ClusterHarness.Node preferred = order.get(0);

      Map<String, AtomicLong> byNode = new ConcurrentHashMap<>();
      try (ClavisClient client =
          ClavisClient.builder()
              .servers(order.stream().map(SdkFailoverTest::api).toList())
              .token(cluster.token())
              .caCertificate(cluster.caPem())
              .connectTimeout(Duration.ofSeconds(2))
              .requestTimeout(Duration.ofSeconds(20))
              .heartbeatInterval(Duration.ofMillis(500))
              .answerListener(
                  (server, node, status) ->
                      byNode.computeIfAbsent(node, k -> new AtomicLong()).incrementAndGet())
              .build()) {
        String vault = client.createVault("sdk-failover", null).id();
        String key =
            client.createKey(new CreateKeyRequest(vault, "k", "AES_256", null, null, null)).id();

        try (Load load = new Load(client, key, vault, 3)) {
          load.awaitMore(200);
          assertThat(byNode.get(preferred.name).get()).isPositive();

          // 1. The preferred node dies under load: no call fails.
          preferred.kill9();
          long othersBefore = othersThan(byNode, preferred.name);
          load.awaitMore(300);
          assertThat(othersThan(byNode, preferred.name)).isGreaterThan(othersBefore + 200);
          assertThat(client.preferredNode()).isNotEqualTo(api(preferred));

          // 2. It comes back: the heartbeat returns the client to it.
          preferred.start();
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> client.preferredNode().equals(api(preferred)));
          long servedBefore = byNode.get(preferred.name).get();
          load.awaitMore(200);
          assertThat(byNode.get(preferred.name).get()).isGreaterThan(servedBefore + 100);
          load.close();

          assertThat(load.failures).isEmpty();
          // Every acknowledged creation is there once: retried writes were not made twice.
          List<String> names = new ArrayList<>();
          String page = null;
          do {
            var p = client.listKeys(vault, 1000, page);
            p.items().forEach(k -> names.add(k.name()));
            page = p.nextPage();
          } while (page != null);
          assertThat(names).doesNotHaveDuplicates();
          assertThat(names).hasSize(load.createdKeys.size() + 1);
        }
      }

      // 3. A mapping, assigned by name, and edited: the client follows at its next heartbeat.
      try (ClavisClient admin =
          ClavisClient.builder()
              .server(api(n1))
              .token(cluster.token())
              .caCertificate(cluster.caPem())
              .heartbeatInterval(Duration.ZERO)
              .build()) {
        admin.createMapping(
            "sdk-map", List.of(node(n1), node(n2), node(n3)), List.of(), List.of(), "test mapping");
        try (ClavisClient follower =
            ClavisClient.builder()
                .server(api(n3))
                .mapping("sdk-map")
                .token(cluster.token())
                .caCertificate(cluster.caPem())
                .heartbeatInterval(Duration.ofMillis(500))
                .answerListener(
                    (server, node, status) ->
                        byNode.computeIfAbsent(node, k -> new AtomicLong()).incrementAndGet())
                .build()) {
          // The mapping was written through node 1; node 3 may apply it a moment later, and the
          // client then has it from its next heartbeat.
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> "sdk-map@1".equals(follower.mapping()));
          assertThat(follower.nodes()).containsExactly(api(n1), api(n2), api(n3));
          long n2Before = byNode.getOrDefault("node2", new AtomicLong()).get();
          admin.updateMapping(
              "sdk-map", List.of(node(n2), node(n3), node(n1)), List.of(), List.of(), null);
          await()
              .atMost(Duration.ofSeconds(30))
              .until(() -> "sdk-map@2".equals(follower.mapping()));
          assertThat(follower.preferredNode()).isEqualTo(api(n2));
          follower.random(16);
          assertThat(byNode.get("node2").get()).isGreaterThan(n2Before);
        }

        // 4. The load generator across the nodes, its first node killed while it runs.
        String vault = admin.listVaults().items().get(0).id();
        String benchKey =
            admin.createKey(new CreateKeyRequest(vault, "bench", "AES_256", null, null, null)).id();
        JsonNode report = benchWhileKillingTheFirst(cluster, List.of(n2, n3, n1), benchKey);
        assertThat(report.get("errors").asLong()).as("%s", report).isZero();
        assertThat(report.get("byNode").path("node2").asLong()).as("%s", report).isPositive();
        assertThat(report.get("byNode").path("node3").asLong()).as("%s", report).isPositive();

        // 5. No quorum anywhere: reads and crypto go on, a write is a clear READ_ONLY error.
        ClusterHarness.Node survivor = n1;
        n3.kill9();
        try (ClavisClient lonely =
            ClavisClient.builder()
                .servers(List.of(api(n2), api(n3), api(survivor)))
                .token(cluster.token())
                .caCertificate(cluster.caPem())
                .connectTimeout(Duration.ofSeconds(2))
                .heartbeatInterval(Duration.ZERO)
                .build()) {
          await()
              .atMost(Duration.ofSeconds(60))
              .until(() -> "READ_ONLY".equals(lonely.health().mode()));
          assertThat(lonely.random(8)).hasSize(8);
          assertThatThrownBy(() -> lonely.createVault("no-quorum", null))
              .isInstanceOf(ClavisException.class)
              .satisfies(e -> assertThat(((ClavisException) e).code()).isEqualTo("READ_ONLY"))
              .hasMessageContaining("quorum");
          assertThat(vault).isNotNull();
        }
      }
    }
  }

  /**
   * Runs {@code clavis bench} (encrypt, 4 workers) against {@code order}, kills the first node once
   * the run has reported progress three times, and returns the report.
   */
  private static JsonNode benchWhileKillingTheFirst(
      ClusterHarness cluster, List<ClusterHarness.Node> order, String key) throws Exception {
    String servers = String.join(",", order.stream().map(n -> n.api).toList());
    String[] args = {
      "bench",
      "--server",
      servers,
      "--token",
      cluster.token(),
      "--ca-cert",
      cluster.caPem().toString(),
      "--op",
      "encrypt",
      "--key",
      key,
      "--concurrency",
      "4",
      "--duration",
      "15",
      "--warmup",
      "1",
      "--progress",
      "-o",
      "json"
    };
    StringWriter out = new StringWriter();
    CountDownLatch progress = new CountDownLatch(3);
    Writer err =
        new Writer() {
          @Override
          public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
              if (buf[i] == '\n') {
                progress.countDown();
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    FutureTask<Integer> run =
        new FutureTask<>(() -> Main.run(args, new PrintWriter(out), new PrintWriter(err, true)));
    Thread.ofPlatform().name("bench").start(run);
    assertThat(progress.await(120, TimeUnit.SECONDS)).as("bench reports progress").isTrue();
    order.get(0).kill9();
    assertThat(run.get(120, TimeUnit.SECONDS)).as("bench exit code; %s", out).isZero();
    return new ObjectMapper().readTree(out.toString());
  }

  private static Mapping.Node node(ClusterHarness.Node n) {
    return new Mapping.Node(n.name, n.api);
  }

  private static long othersThan(Map<String, AtomicLong> byNode, String name) {
    return byNode.entrySet().stream()
        .filter(e -> !e.getKey().equals(name))
        .mapToLong(e -> e.getValue().get())
        .sum();
  }
}
