package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The audit trail of one node: appends records to hash-chained segment files under one directory.
 *
 * <p>{@link #append} only enqueues, so the request thread never does I/O; a single writer thread
 * writes whole batches (group commit). An event-loop thread instead gathers the events of one round
 * of its requests and writes them itself in one go ({@link #appendInRound}). In fail-closed mode
 * the caller waits on the future before acknowledging the request, so no request succeeds without
 * its record on disk; when the log cannot take a record (queue full, write failure, closed) the
 * future fails at once with {@link AuditUnavailableException} rather than letting the request wait.
 *
 * <p>Futures of {@link #append} are completed on the writer thread: callers should wait on them or
 * use the {@code *Async} variants of dependent stages, never run work on the writer thread.
 */
public final class AuditLog implements AutoCloseable {
  /**
   * @param segmentBytes a new segment is started once the current one has reached this size
   * @param queueCapacity events that may wait for the writer before appends are refused
   * @param failClosed whether callers must wait for the record before acknowledging a request
   * @param fsyncInterval longest time written records stay without fsync (zero: every batch)
   */
  public record Settings(
      long segmentBytes, int queueCapacity, boolean failClosed, Duration fsyncInterval) {
    public Settings {
      if (segmentBytes < 1) {
        throw new IllegalArgumentException("segmentBytes must be positive");
      }
      if (queueCapacity < 1) {
        throw new IllegalArgumentException("queueCapacity must be positive");
      }
      Objects.requireNonNull(fsyncInterval, "fsyncInterval");
      if (fsyncInterval.isNegative()) {
        throw new IllegalArgumentException("fsyncInterval must not be negative");
      }
    }

    /** 64 MiB segments, 65 536 queued events, fail closed, fsync every second. */
    public static Settings defaults() {
      return new Settings(64L << 20, 65_536, true, Duration.ofSeconds(1));
    }
  }

  /**
   * The last written record of a node's chain, as committed through Raft so that the other nodes
   * can later check this node's trail. An empty log has seq 0 and 64 zeros.
   */
  public record Head(String node, long seq, String hash) {}

  private final Settings settings;
  private final BlockingQueue<Pending> queue;
  private final AuditWriter writer;
  private final Thread thread;
  private final long truncatedBytes;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private final ThreadLocal<Round> rounds;
  private boolean closed; // guarded by lifecycle

  private AuditLog(ChainFile chain, Settings settings) {
    this.settings = settings;
    this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
    this.writer = new AuditWriter(queue, chain, settings.fsyncInterval());
    this.truncatedBytes = chain.truncatedOnOpen();
    this.thread = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(writer);
    AuditWriter w = writer;
    this.rounds = ThreadLocal.withInitial(() -> new Round(w));
  }

  /**
   * Opens (creating if needed) the log of {@code node} in {@code dir} and recovers where its chain
   * ended. Fails if the last record is damaged or belongs to another node, or if the log is already
   * open.
   */
  public static AuditLog open(Path dir, String node, Settings settings) throws IOException {
    return open(dir, node, settings, WriteHook.NONE);
  }

  static AuditLog open(Path dir, String node, Settings settings, WriteHook hook)
      throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(settings, "settings");
    if (node == null || node.isBlank()) {
      throw new IllegalArgumentException("node must not be blank");
    }
    AuditLog log = new AuditLog(ChainFile.open(dir, node, settings.segmentBytes(), hook), settings);
    log.thread.start();
    return log;
  }

  /**
   * Queues an event. The future completes with the stored record once it is written, or fails with
   * {@link AuditUnavailableException}: at once when the queue is full, the log is in the failed
   * state or closed; later when writing its batch fails.
   */
  public CompletableFuture<AuditRecord> append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    CompletableFuture<AuditRecord> refused = failedState();
    if (refused != null) {
      return refused;
    }
    CompletableFuture<AuditRecord> future = new CompletableFuture<>();
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (closed) {
        return closedRefusal();
      }
      if (!queue.offer(new Pending(event, future))) {
        return CompletableFuture.failedFuture(
            new AuditUnavailableException(
                "audit queue is full (" + settings.queueCapacity() + " records waiting)"));
      }
    } finally {
      lock.unlock();
    }
    return future;
  }

  /**
   * Appends an event from an event-loop thread: it is written, on this thread, together with every
   * other event this thread appends before {@code loop} runs its next task, in one write. So a
   * whole round of requests costs one write and no thread hand-over. {@code loop} must be the
   * calling thread's own event loop, running submitted tasks on this thread after the work at hand
   * (as Netty's does). The future completes on this thread, within that task. With an fsync
   * interval of zero (every batch fsynced before it counts) the event goes to the writer thread as
   * in {@link #append}: an event loop must not wait for the disk.
   */
  public CompletableFuture<AuditRecord> appendInRound(AuditEvent event, Executor loop) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(loop, "loop");
    if (writer.forcesEveryBatch()) {
      return append(event);
    }
    CompletableFuture<AuditRecord> refused = failedState();
    if (refused != null) {
      return refused;
    }
    Lock lock = lifecycle.readLock();
    lock.lock();
    try {
      if (closed) {
        return closedRefusal();
      }
    } finally {
      lock.unlock();
    }
    CompletableFuture<AuditRecord> future = new CompletableFuture<>();
    Round round = rounds.get();
    round.pending.add(new Pending(event, future));
    if (round.pending.size() == 1) {
      try {
        loop.execute(round::write);
      } catch (RejectedExecutionException e) {
        round.fail(new AuditUnavailableException("the event loop is shutting down"));
      }
    }
    return future;
  }

  /**
   * The events one event-loop thread appended since its last write. Static, holding only the
   * writer: a closed log is not kept reachable by the threads that used it.
   */
  private static final class Round {
    private final AuditWriter writer;
    private List<Pending> pending = new ArrayList<>();

    Round(AuditWriter writer) {
      this.writer = writer;
    }

    void write() {
      List<Pending> batch = take();
      writer.writeNow(batch);
    }

    void fail(AuditUnavailableException e) {
      for (Pending p : take()) {
        p.future().completeExceptionally(e);
      }
    }

    /** A fresh list for the next round: completing futures may append again on this thread. */
    private List<Pending> take() {
      List<Pending> batch = pending;
      pending = new ArrayList<>(Math.max(16, batch.size()));
      return batch;
    }
  }

  /** A failed future while the log is in the failed state, else null. */
  private CompletableFuture<AuditRecord> failedState() {
    AuditUnavailableException failure = writer.failure();
    return failure == null
        ? null
        : CompletableFuture.failedFuture(
            new AuditUnavailableException(
                "audit log is unavailable after a write failure", failure));
  }

  private static CompletableFuture<AuditRecord> closedRefusal() {
    return CompletableFuture.failedFuture(new AuditUnavailableException("audit log is closed"));
  }

  /** Whether callers must wait for {@link #append}'s future before acknowledging a request. */
  public boolean failClosed() {
    return settings.failClosed();
  }

  /** The last written record (seq 0 and 64 zeros for an empty log). */
  public Head head() {
    return writer.head();
  }

  /** Events waiting for the writer. */
  public long queueDepth() {
    return queue.size();
  }

  /**
   * Bytes of an incomplete last line (a crash mid-write) cut off when the log was opened, 0 when
   * there was none; the server records this in the trail itself.
   */
  public long truncatedBytes() {
    return truncatedBytes;
  }

  /**
   * Refuses further appends, writes what is queued, fsyncs and stops the writer thread. Waits for
   * all of it even if interrupted (and then keeps the interrupt status), so that no queued request
   * is left without an answer.
   *
   * @throws IllegalStateException when called on the writer thread (from a dependent stage of an
   *     append's future), which would wait for itself
   */
  @Override
  public void close() {
    if (Thread.currentThread() == thread) {
      throw new IllegalStateException("the audit log cannot be closed from its own writer thread");
    }
    Lock lock = lifecycle.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    boolean interrupted = false;
    boolean stopQueued = false;
    while (!stopQueued && thread.isAlive()) {
      try {
        stopQueued = queue.offer(AuditWriter.STOP, 100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
