package io.clavis.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
  @Test
  void printsElapsedOpsTheCurrentRateAndErrorsALineEachTime() {
    StringWriter err = new StringWriter();
    ProgressPrinter p = new ProgressPrinter(new PrintWriter(err));

    p.progress(Duration.ofSeconds(1), true, 500, 0);
    p.progress(Duration.ofSeconds(3), false, 2_500, 7);

    assertThat(err.toString().lines())
        .containsExactly(
            "bench:    1s (warm-up)  500 ops  500 ops/s  0 errors",
            "bench:    3s  2500 ops  1000 ops/s  7 errors");
  }
}
