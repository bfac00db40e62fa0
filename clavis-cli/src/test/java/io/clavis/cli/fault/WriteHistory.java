package io.clavis.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A write load against whichever nodes run, with a history of what was acknowledged: every key
 * whose creation answered 201, and the node that answered. After the faults, every acknowledged key
 * must be readable on every running node.
 */
final class WriteHistory implements AutoCloseable {
  private final ClusterHarness cluster;
  private final String vaultId;
  private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final java.util.Queue<long[]> ackTimes =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger sequence = new AtomicInteger();
  private final ExecutorService writers;

  WriteHistory(ClusterHarness cluster, String vaultId, int threads) {
    this.cluster = cluster;
    this.vaultId = vaultId;
    this.writers = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      writers.submit(this::write);
    }
  }

  private void write() {
    while (!stop.get()) {
      List<ClusterHarness.Node> running = cluster.running();
      if (running.isEmpty()) {
        continue;
      }
      int i = sequence.incrementAndGet();
      ClusterHarness.Node target = running.get(i % running.size());
      long sentAt = System.nanoTime();
      try {
        var r =
            target.call(
                "POST",
                "/v1/keys",
                "{\"vaultId\":\""
                    + vaultId
                    + "\",\"name\":\"h"
                    + i
                    + "\",\"algorithm\":\"AES_128\"}");
        if (r.status() == 201) {
          acknowledged.put(r.json().get("id").asText(), target.name);
          if (sentAt > 0) {
            ackTimes.add(new long[] {sentAt, System.nanoTime()});
          }
        } else {
          failures.incrementAndGet();
        }
      } catch (Exception e) {
        failures.incrementAndGet(); // the node died mid-request: not acknowledged
      }
    }
  }

  int acknowledgedCount() {
    return acknowledged.size();
  }

  /** Waits until at least {@code n} more writes than now have been acknowledged. */
  void awaitMore(int n) {
    int target = acknowledged.size() + n;
    await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= target);
  }

  /** When the first write sent after {@code nanos} was acknowledged. */
  long firstAckAfter(long nanos) {
    return ackTimes.stream()
        .filter(t -> t[0] > nanos)
        .mapToLong(t -> t[1])
        .min()
        .orElse(Long.MAX_VALUE);
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    writers.shutdown();
    assertThat(writers.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
  }

  /** Every acknowledged write is present on every running node (after they converge). */
  void assertAllAcknowledgedEverywhere() {
    assertThat(acknowledged).isNotEmpty();
    for (ClusterHarness.Node n : cluster.running()) {
      await()
          .atMost(Duration.ofSeconds(120))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                for (String key : acknowledged.keySet()) {
                  assertThat(n.call("GET", "/v1/keys/" + key, null).status())
                      .as("key %s (acknowledged by %s) on %s", key, acknowledged.get(key), n)
                      .isEqualTo(200);
                }
              });
    }
  }
}
