package io.clavis.server.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * A latency histogram with fixed buckets. Recording is a scan of a short array and two {@link
 * LongAdder} increments: no lock and no allocation, so it can sit on every request.
 */
public final class Histogram {
  /** Upper bounds in seconds, from half a millisecond to five seconds. */
  static final double[] BOUNDS_SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private static final long[] BOUNDS_NANOS = new long[BOUNDS_SECONDS.length];

  static {
    for (int i = 0; i < BOUNDS_SECONDS.length; i++) {
      BOUNDS_NANOS[i] = Math.round(BOUNDS_SECONDS[i] * 1e9);
    }
  }

  /** Per bucket (not cumulative), the last one for observations above every bound. */
  private final LongAdder[] buckets = new LongAdder[BOUNDS_SECONDS.length + 1];

  private final LongAdder sumNanos = new LongAdder();

  public Histogram() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  /** Records one observation of {@code nanos} nanoseconds (negative counts as zero). */
  public void observeNanos(long nanos) {
    long n = Math.max(0, nanos);
    int i = 0;
    while (i < BOUNDS_NANOS.length && n > BOUNDS_NANOS[i]) {
      i++;
    }
    buckets[i].increment();
    sumNanos.add(n);
  }

  /**
   * A consistent-enough copy for one scrape: cumulative counts per bound, the last being {@code
   * +Inf} and equal to the count. Concurrent observations may land in some buckets and not yet in
   * others; the copy is made cumulative from one read of each bucket, so it never decreases along
   * the bounds.
   */
  Snapshot snapshot() {
    long[] cumulative = new long[buckets.length];
    long running = 0;
    for (int i = 0; i < buckets.length; i++) {
      running += buckets[i].sum();
      cumulative[i] = running;
    }
    return new Snapshot(cumulative, sumNanos.sum() / 1e9);
  }

  /**
   * @param cumulative observations at or below each bound of {@link #BOUNDS_SECONDS}, then all
   * @param sumSeconds the sum of every observation
   */
  record Snapshot(long[] cumulative, double sumSeconds) {
    long count() {
      return cumulative[cumulative.length - 1];
    }
  }
}
