package io.clavis.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerStatsTest {
  @Test
  void percentilesOfAUniformSpreadAreWithinOnePercent() {
    WorkerStats s = new WorkerStats();
    for (int micros = 1; micros <= 100_000; micros++) {
      s.success(micros * 1_000L, "n1");
    }

    assertThat(s.percentileMillis(50)).isCloseTo(50.0, within(0.5));
    assertThat(s.percentileMillis(99)).isCloseTo(99.0, within(0.99));
    assertThat(s.percentileMillis(99.9)).isCloseTo(99.9, within(0.999));
    assertThat(s.percentileMillis(100)).isCloseTo(100.0, within(1.0));
  }

  @Test
  void aSlowTailShowsInTheHighPercentilesOnly() {
    WorkerStats s = new WorkerStats();
    for (int i = 0; i < 9_980; i++) {
      s.success(2_000_000, "n1"); // 2 ms
    }
    for (int i = 0; i < 20; i++) {
      s.success(500_000_000, "n1"); // 500 ms
    }

    assertThat(s.percentileMillis(50)).isCloseTo(2.0, within(0.02));
    assertThat(s.percentileMillis(99)).isCloseTo(2.0, within(0.02));
    assertThat(s.percentileMillis(99.9)).isCloseTo(500.0, within(5.0));
  }

  @Test
  void mergingAddsCountsNodesErrorsAndLatencies() {
    WorkerStats a = new WorkerStats();
    a.success(1_000_000, "n1");
    a.failure("NOT_FOUND", "NOT_FOUND: no such key", "n1");
    a.lastCompletionNanos = 5;
    WorkerStats b = new WorkerStats();
    b.success(3_000_000, "n2");
    b.success(3_000_000, null);
    b.failure("UNAVAILABLE", "UNAVAILABLE: no server", null);
    b.failure("NOT_FOUND", "NOT_FOUND: other", "n2");
    b.lastCompletionNanos = 9;

    WorkerStats total = WorkerStats.merge(List.of(a, b));

    assertThat(total.ops).isEqualTo(3);
    assertThat(total.errors).isEqualTo(3);
    assertThat(total.sortedByNode()).isEqualTo(Map.of("n1", 2L, "n2", 2L));
    assertThat(total.sortedErrorsByCode()).isEqualTo(Map.of("NOT_FOUND", 2L, "UNAVAILABLE", 1L));
    assertThat(total.firstError).isEqualTo("NOT_FOUND: no such key");
    assertThat(total.lastCompletionNanos).isEqualTo(9);
    assertThat(total.percentileMillis(50)).isCloseTo(3.0, within(0.03));
    assertThat(total.percentileMillis(0)).isCloseTo(1.0, within(0.01));
  }

  @Test
  void nothingMeasuredGivesZeroPercentiles() {
    assertThat(new WorkerStats().percentileMillis(99)).isZero();
  }
}
