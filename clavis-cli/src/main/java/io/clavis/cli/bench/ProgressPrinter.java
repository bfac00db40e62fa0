package io.clavis.cli.bench;

import java.io.PrintWriter;
import java.time.Duration;

/**
 * The progress line a person watches while a benchmark runs, once a second on standard error:
 * elapsed time, operations so far, the current rate and errors so far. Never on standard output,
 * which carries the report.
 */
public final class ProgressPrinter implements LoadGenerator.ProgressListener {
  private final PrintWriter err;
  private Duration lastElapsed = Duration.ZERO;
  private long lastOps;

  public ProgressPrinter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void progress(Duration elapsed, boolean warmingUp, long ops, long errors) {
    double seconds = (elapsed.toNanos() - lastElapsed.toNanos()) / 1e9;
    long rate = seconds <= 0 ? 0 : Math.round((ops - lastOps) / seconds);
    lastElapsed = elapsed;
    lastOps = ops;
    err.printf(
        "bench: %4ds%s  %d ops  %d ops/s  %d errors%n",
        elapsed.toSeconds(), warmingUp ? " (warm-up)" : "", ops, rate, errors);
    err.flush();
  }
}
