package io.clavis.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The engine against an in-memory target: what it counts, excludes and reports. */
class LoadGeneratorTest {
  /** Answers from node-{worker}; every {@code failEvery}-th call of a worker fails. */
  private static final class FakeTarget implements BenchTarget {
    final AtomicLong calls = new AtomicLong();
    final List<Integer> prepared = new CopyOnWriteArrayList<>();
    final int failEvery;
    final int failPreparing;
    boolean closed;

    FakeTarget(int failEvery, int failPreparing) {
      this.failEvery = failEvery;
      this.failPreparing = failPreparing;
    }

    @Override
    public String protocol() {
      return "fake";
    }

    @Override
    public BenchCall prepare(int index) {
      if (index == failPreparing) {
        throw new IllegalStateException("no connection for worker " + index);
      }
      prepared.add(index);
      return new BenchCall() {
        long n;

        @Override
        public void run() {
          calls.incrementAndGet();
          n++;
          if (failEvery > 0 && n % failEvery == 0) {
            throw new IllegalArgumentException("call " + n + " refused");
          }
        }

        @Override
        public String servedBy() {
          return "node-" + index;
        }
      };
    }

    @Override
    public String errorCode(Exception failure) {
      return "REFUSED";
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  private static LoadGenerator generator(int concurrency, int warmupMillis) {
    return new LoadGenerator(
        new LoadGenerator.Settings(
            concurrency, Duration.ofMillis(warmupMillis), Duration.ofMillis(500), 64));
  }

  @Test
  void measuresEveryWorkerAndCountsAnswersByNode() throws Exception {
    FakeTarget target = new FakeTarget(0, -1);

    BenchReport r = generator(3, 0).run(target, "get", LoadGenerator.ProgressListener.NONE);

    assertThat(target.prepared).containsExactlyInAnyOrder(0, 1, 2);
    assertThat(r.op()).isEqualTo("get");
    assertThat(r.protocol()).isEqualTo("fake");
    assertThat(r.ops()).isPositive();
    assertThat(r.errors()).isZero();
    assertThat(r.byNode()).containsOnlyKeys("node-0", "node-1", "node-2");
    assertThat(r.byNode().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.ops());
    assertThat(r.opsPerSec()).isPositive();
    assertThat(r.p50Ms()).isLessThanOrEqualTo(r.p99Ms());
    assertThat(r.p99Ms()).isLessThanOrEqualTo(r.p999Ms());
    assertThat(r.p999Ms()).isLessThanOrEqualTo(r.maxMs());
    assertThat(r.concurrency()).isEqualTo(3);
    assertThat(r.size()).isEqualTo(64);
    assertThat(r.firstError()).isNull();
  }

  @Test
  void theWarmUpIsNotCounted() throws Exception {
    FakeTarget target = new FakeTarget(0, -1);

    BenchReport r = generator(2, 300).run(target, "get", LoadGenerator.ProgressListener.NONE);

    // the first check call and the warm-up calls ran but are not in the figures: besides the
    // check call, at least one more call is missing from them
    assertThat(r.ops()).isPositive().isLessThan(target.calls.get() - 1);
    assertThat(r.warmupSeconds()).isEqualTo(0.3);
  }

  @Test
  void failuresAreCountedByCodeWithAnExample() throws Exception {
    FakeTarget target = new FakeTarget(2, -1);

    BenchReport r = generator(2, 0).run(target, "encrypt", LoadGenerator.ProgressListener.NONE);

    assertThat(r.errors()).isPositive();
    assertThat(r.errorsByCode()).containsOnlyKeys("REFUSED");
    assertThat(r.errorsByCode().get("REFUSED")).isEqualTo(r.errors());
    assertThat(r.firstError()).matches("REFUSED: call [0-9]+ refused");
    // errors are answers too
    assertThat(r.byNode().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(r.ops() + r.errors());
  }

  @Test
  void aWorkerThatCannotPrepareStopsTheRunBeforeMeasuring() {
    FakeTarget target = new FakeTarget(0, 1);

    assertThatThrownBy(
            () -> generator(2, 0).run(target, "get", LoadGenerator.ProgressListener.NONE))
        .isInstanceOf(LoadGenerator.SetupException.class)
        .hasMessage("cannot prepare the benchmark: REFUSED: no connection for worker 1");
    assertThat(target.calls.get()).isZero();
  }

  @Test
  void aFailingFirstCallStopsTheRunWithItsError() {
    FakeTarget target = new FakeTarget(1, -1);

    assertThatThrownBy(
            () -> generator(2, 0).run(target, "sign", LoadGenerator.ProgressListener.NONE))
        .isInstanceOf(LoadGenerator.SetupException.class)
        .hasMessage("the first sign failed: REFUSED: call 1 refused");
    assertThat(target.calls.get()).isEqualTo(1);
  }

  @Test
  void progressIsReportedWhileItRuns() throws Exception {
    List<Long> seen = new CopyOnWriteArrayList<>();
    LoadGenerator slow =
        new LoadGenerator(
            new LoadGenerator.Settings(1, Duration.ZERO, Duration.ofMillis(2_500), 1));

    slow.run(new FakeTarget(0, -1), "get", (elapsed, warmingUp, ops, errors) -> seen.add(ops));

    assertThat(seen).isNotEmpty().isSorted();
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new LoadGenerator.Settings(0, Duration.ZERO, Duration.ofSeconds(1), 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new LoadGenerator.Settings(1, Duration.ZERO, Duration.ZERO, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
