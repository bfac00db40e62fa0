package io.clavis.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a benchmark: {@code concurrency} worker threads, each with its own {@link BenchCall}, repeat
 * the operation back to back (closed loop: a worker starts its next call when the last one has
 * answered) for the warm-up and then the measured duration. Each worker records into its own {@link
 * WorkerStats}; the figures are merged when all have stopped, so measuring adds no contention
 * between workers. Calls that start during the warm-up are not measured; a call that starts before
 * the end is measured even if it ends after it.
 */
public final class LoadGenerator {
  /**
   * @param warmup how long to run before measuring (may be zero)
   * @param duration how long to measure
   */
  public record Settings(int concurrency, Duration warmup, Duration duration, int size) {
    public Settings {
      if (concurrency < 1) {
        throw new IllegalArgumentException("concurrency must be positive");
      }
      if (warmup.isNegative() || duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("the duration must be positive");
      }
    }
  }

  /** What {@link #run} reports while it runs: called about once a second. */
  @FunctionalInterface
  public interface ProgressListener {
    void progress(Duration elapsed, boolean warmingUp, long ops, long errors);

    ProgressListener NONE = (elapsed, warmingUp, ops, errors) -> {};
  }

  /** A worker could not prepare its call: nothing was measured. */
  public static final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

  private final Settings settings;

  public LoadGenerator(Settings settings) {
    this.settings = settings;
  }

  /**
   * Prepares every worker's call, checks the operation once (so that a wrong key or token stops the
   * run at once with its error), then runs and measures.
   *
   * @throws SetupException when a worker's call cannot be prepared or the first call fails
   */
  public BenchReport run(BenchTarget target, String op, ProgressListener progress)
      throws SetupException, InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency(), workerThreads());
    try {
      List<BenchCall> calls = prepare(pool, target);
      try {
        calls.get(0).run();
      } catch (Exception e) {
        throw new SetupException(
            "the first " + op + " failed: " + oneLine(e, target.errorCode(e)), e);
      }
      return measure(pool, target, op, calls, progress);
    } finally {
      pool.shutdownNow();
    }
  }

  private List<BenchCall> prepare(ExecutorService pool, BenchTarget target)
      throws SetupException, InterruptedException {
    List<Future<BenchCall>> futures = new ArrayList<>();
    for (int i = 0; i < settings.concurrency(); i++) {
      int index = i;
      futures.add(pool.submit(() -> target.prepare(index)));
    }
    List<BenchCall> calls = new ArrayList<>();
    for (Future<BenchCall> f : futures) {
      try {
        calls.add(f.get());
      } catch (ExecutionException e) {
        Exception cause = e.getCause() instanceof Exception c ? c : e;
        throw new SetupException(
            "cannot prepare the benchmark: " + oneLine(cause, target.errorCode(cause)), cause);
      }
    }
    return calls;
  }

  private BenchReport measure(
      ExecutorService pool,
      BenchTarget target,
      String op,
      List<BenchCall> calls,
      ProgressListener progress)
      throws InterruptedException {
    LiveCounters live = new LiveCounters();
    long start = System.nanoTime();
    long measureFrom = start + settings.warmup().toNanos();
    long end = measureFrom + settings.duration().toNanos();
    List<WorkerStats> stats = new ArrayList<>();
    List<Future<?>> workers = new ArrayList<>();
    for (BenchCall call : calls) {
      WorkerStats s = new WorkerStats();
      stats.add(s);
      workers.add(pool.submit(() -> work(call, target, s, live, measureFrom, end)));
    }
    report(workers, progress, live, start, measureFrom);
    for (Future<?> w : workers) {
      try {
        w.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("a benchmark worker failed", e.getCause());
      }
    }
    WorkerStats total = WorkerStats.merge(stats);
    double seconds =
        total.lastCompletionNanos > measureFrom
            ? (total.lastCompletionNanos - measureFrom) / 1e9
            : settings.duration().toNanos() / 1e9;
    return new BenchReport(
        op,
        target.protocol(),
        total.ops,
        total.errors,
        round(total.ops / seconds, 1),
        total.percentileMillis(50),
        total.percentileMillis(99),
        total.percentileMillis(99.9),
        total.percentileMillis(100),
        total.sortedByNode(),
        total.sortedErrorsByCode(),
        total.firstError,
        settings.concurrency(),
        settings.size(),
        settings.warmup().toMillis() / 1000.0,
        round(seconds, 3));
  }

  private static void work(
      BenchCall call,
      BenchTarget target,
      WorkerStats stats,
      LiveCounters live,
      long measureFrom,
      long end) {
    while (true) {
      long begin = System.nanoTime();
      if (begin - end >= 0 || Thread.currentThread().isInterrupted()) {
        return;
      }
      Exception failure = null;
      try {
        call.run();
      } catch (Exception e) {
        failure = e;
      }
      long done = System.nanoTime();
      if (failure == null) {
        live.success();
      } else {
        live.failure();
      }
      if (begin - measureFrom < 0) {
        continue; // warm-up
      }
      stats.lastCompletionNanos = done;
      if (failure == null) {
        stats.success(done - begin, call.servedBy());
      } else {
        String code = target.errorCode(failure);
        stats.failure(code, oneLine(failure, code), call.servedBy());
      }
    }
  }

  /** Calls {@code progress} about once a second until every worker has stopped. */
  private static void report(
      List<Future<?>> workers,
      ProgressListener progress,
      LiveCounters live,
      long start,
      long measureFrom)
      throws InterruptedException {
    for (Future<?> last : workers) {
      while (true) {
        try {
          last.get(PROGRESS_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          long now = System.nanoTime();
          progress.progress(
              Duration.ofNanos(now - start), now - measureFrom < 0, live.ops(), live.errors());
        } catch (ExecutionException e) {
          break; // reported when the results are collected
        }
      }
    }
  }

  /** The failure's message on one line, without the code when the message starts with it. */
  static String oneLine(Exception e, String code) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    message = message.replaceAll("\\s+", " ").strip();
    return message.startsWith(code) ? message : code + ": " + message;
  }

  private static double round(double value, int decimals) {
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static ThreadFactory workerThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "bench-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
