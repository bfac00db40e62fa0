package io.clavis.cli.bench;

import java.util.concurrent.atomic.LongAdder;

/**
 * Operation and error counts from the start (warm-up included), shared by the workers for the
 * progress line; a {@link LongAdder} per count keeps the workers from contending on one cache line.
 */
final class LiveCounters {
  private final LongAdder ops = new LongAdder();
  private final LongAdder errors = new LongAdder();

  void success() {
    ops.increment();
  }

  void failure() {
    errors.increment();
  }

  long ops() {
    return ops.sum();
  }

  long errors() {
    return errors.sum();
  }
}
