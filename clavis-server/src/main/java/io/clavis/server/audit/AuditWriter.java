package io.clavis.server.audit;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes batches to the chain: group commit. The writer thread ({@link #run}) takes everything that
 * queued up while the previous batch was being written, so under load one write (and at most one
 * fsync per interval) serves thousands of requests, while a lone request is written as soon as it
 * arrives. An I/O thread writes the records of its own round of requests itself ({@link
 * #writeNow}), so they need no hand-over to another thread and back.
 *
 * <p>Futures complete after the write and before any later fsync: the record is then in the page
 * cache and survives the process being killed; power loss can take at most the last {@code
 * fsyncInterval}. Only the writer thread fsyncs, and it syncs the bulk of the data outside the
 * lock; it also starts each new segment (a roll fsyncs the old segment and the directory), so an
 * I/O thread never waits for a whole interval's data to sync. An I/O thread that finds the segment
 * full writes on at its end and wakes the writer thread to roll. After a write failure every
 * request is refused (fail closed) until reopening the segment works again, which the writer thread
 * retries every {@link #RETRY_INTERVAL}.
 */
final class AuditWriter implements Runnable {
  static final int MAX_BATCH = 4096;
  static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
  static final Pending STOP = new Pending(null, null);

  /**
   * Wakes the writer thread: to roll a segment that I/O threads filled, or to start retrying after
   * an I/O thread's write failed.
   */
  private static final Pending WAKE = new Pending(null, null);

  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  private final BlockingQueue<Pending> queue;
  private final ChainFile chain; // guarded by lock
  private final ReentrantLock lock = new ReentrantLock();
  private final long fsyncNanos;
  private final long retryNanos = RETRY_INTERVAL.toNanos();
  private volatile AuditLog.Head head;
  private volatile AuditUnavailableException failure;
  private boolean stopped; // guarded by lock
  private boolean rollAsked; // guarded by lock
  private volatile Thread self; // the writer thread, once it runs
  private long lastForce = System.nanoTime(); // writer thread only
  private long lastAttempt; // guarded by lock

  AuditWriter(BlockingQueue<Pending> queue, ChainFile chain, Duration fsyncInterval) {
    this.queue = queue;
    this.chain = chain;
    this.fsyncNanos = saturatedNanos(fsyncInterval);
    this.head = currentHead();
  }

  AuditLog.Head head() {
    return head;
  }

  /** The write failure that put the log in the failed state, or null while it is writable. */
  AuditUnavailableException failure() {
    return failure;
  }

  /** Whether every batch is fsynced before its futures complete (an fsync interval of zero). */
  boolean forcesEveryBatch() {
    return fsyncNanos == 0;
  }

  /**
   * Writes a batch on the calling thread (an I/O thread) and completes its futures there. Never
   * fsyncs or rolls (the writer thread does), so it is only for logs with a non-zero interval.
   */
  void writeNow(List<Pending> batch) {
    // An interrupt would close the shared channel under everyone (FileChannel is interruptible);
    // one that arrives during the write still can, and the log then recovers as after any failure.
    boolean interrupted = Thread.interrupted();
    try {
      write(batch, true);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Writes a batch and completes its futures, never under the lock. Never rolls: an I/O thread
   * ({@code fromLoop}) that fills the segment asks the writer thread to.
   */
  private void write(List<Pending> batch, boolean fromLoop) {
    List<AuditRecord> records = null;
    AuditUnavailableException refused = null;
    Error fatal = null;
    boolean askRoll = false;
    lock.lock();
    try {
      if (stopped) {
        refused = new AuditUnavailableException("audit log is closed");
      } else {
        records = append(batch);
        askRoll = fromLoop && chain.full() && !rollAsked;
        rollAsked |= askRoll;
      }
    } catch (AuditUnavailableException e) {
      refused = e;
    } catch (Error e) {
      // Even an Error must not leave the batch's requests waiting for their deadline, nor the
      // chain half written with nobody recovering it.
      fatal = e;
      refused = enterFailedState(new IOException("audit write failed: " + e, e));
    } finally {
      lock.unlock();
    }
    if (askRoll) {
      queue.offer(WAKE); // when the queue is full the writer thread is busy and rolls after it
    }
    if (refused != null) {
      fail(batch, refused);
      if (fatal != null) {
        throw fatal;
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).future().complete(records.get(i));
    }
  }

  @Override
  public void run() {
    self = Thread.currentThread();
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    try {
      while (!stopping) {
        Pending first = poll();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        stopping = batch.removeIf(p -> p == STOP);
        batch.removeIf(p -> p == WAKE);
        if (!batch.isEmpty()) {
          rollIfFull(false);
          write(batch, false);
          batch.clear();
        }
        maintain(stopping);
      }
    } finally {
      stop(!stopping, batch);
    }
  }

  /**
   * Closes the chain; after an unexpected error killed the loop, also fails what was taken and what
   * is queued, so that no caller waits forever for its record.
   */
  private void stop(boolean unexpected, List<Pending> taken) {
    List<Pending> left = new ArrayList<>();
    AuditUnavailableException e = new AuditUnavailableException("audit writer thread stopped");
    lock.lock();
    try {
      stopped = true;
      if (unexpected) {
        failure = e;
        left.addAll(taken);
        queue.drainTo(left);
        left.removeIf(p -> p == STOP || p == WAKE);
        LOG.error("Audit writer thread stopped unexpectedly; audited requests are refused");
      }
      chain.close();
    } catch (IOException ex) {
      LOG.error("Final fsync of the audit log failed; the last records may not be durable", ex);
    } finally {
      lock.unlock();
    }
    fail(left, e);
  }

  private Pending poll() {
    try {
      return queue.poll(timeoutNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      return null; // nobody interrupts this thread; close() uses STOP
    }
  }

  /**
   * Until the next retry in the failed state, else until the fsync deadline. I/O threads write
   * without waking this thread, so while nothing is dirty it still wakes once per interval to see
   * whether they wrote.
   */
  private long timeoutNanos() {
    long now = System.nanoTime();
    if (failure != null) {
      return Math.max(0, retryNanos - (now - lastAttempt));
    }
    if (chain.dirty()) {
      return Math.max(0, fsyncNanos - (now - lastForce));
    }
    return fsyncNanos == 0 ? Long.MAX_VALUE : fsyncNanos;
  }

  /** Under the lock. */
  private List<AuditRecord> append(List<Pending> batch) {
    if (failure != null && !recover()) {
      throw failure;
    }
    try {
      List<AuditRecord> records = chain.append(batch.stream().map(Pending::event).toList());
      if (fsyncNanos == 0) {
        chain.force();
      }
      return records;
    } catch (IOException | RuntimeException e) {
      throw enterFailedState(e);
    } finally {
      head = currentHead();
    }
  }

  /** The fsync deadline, the roll of a full segment and, when failed, the attempt to recover. */
  private void maintain(boolean stopping) {
    if (failure != null) {
      if (!stopping && System.nanoTime() - lastAttempt >= retryNanos) {
        lock.lock();
        try {
          recover();
        } finally {
          lock.unlock();
        }
      }
      return;
    }
    if (stopping || System.nanoTime() - lastForce >= fsyncNanos) {
      force();
    }
    if (!stopping) {
      rollIfFull(true);
    }
  }

  /**
   * Starts the next segment once the current one is full: before the writer thread's own batch goes
   * in, or ({@code onlyIfAsked}) as soon as an I/O thread asked. The bulk of the old segment is
   * synced first, outside the lock; under it only what came since is synced, before the new segment
   * takes records (so a power loss can only cut the end of the chain, never leave a gap in it).
   * Every roll is this one: appends never roll.
   */
  private void rollIfFull(boolean onlyIfAsked) {
    lock.lock();
    try {
      if (!chain.full()) {
        rollAsked = false; // a full segment stays full until rolled: any ask is stale
        return;
      }
      if (failure != null || onlyIfAsked && !rollAsked) {
        return;
      }
    } finally {
      lock.unlock();
    }
    force();
    lock.lock();
    try {
      rollAsked = false;
      if (failure == null) {
        chain.roll();
      }
    } catch (IOException | RuntimeException e) {
      enterFailedState(e);
    } finally {
      lock.unlock();
    }
  }

  /** fsyncs what was written since the last one, without holding the lock while the disk syncs. */
  private void force() {
    long started = System.nanoTime();
    FileChannel channel;
    lock.lock();
    try {
      channel = chain.takeDirty();
    } catch (IOException | RuntimeException e) {
      enterFailedState(e);
      return;
    } finally {
      lock.unlock();
    }
    if (channel == null) {
      return;
    }
    try {
      channel.force(false);
      // From before the sync: what was acknowledged while it ran is due one interval after that.
      lastForce = started;
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        boolean dropped = chain.forceFailed(channel);
        // A write that failed meanwhile closed the channel and has failed the log already.
        if (!(dropped && e instanceof ClosedChannelException)) {
          enterFailedState(e);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Under the lock. A full segment is rolled afterwards, by {@link #rollIfFull}. */
  private boolean recover() {
    lastAttempt = System.nanoTime();
    try {
      chain.ensureOpen();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Audit log still not writable", e);
      return false;
    }
    failure = null;
    LOG.warn("Audit log is writable again; the chain continues at seq {}", chain.seq() + 1);
    return true;
  }

  /** Under the lock. */
  private AuditUnavailableException enterFailedState(Exception cause) {
    lastAttempt = System.nanoTime();
    AuditUnavailableException e =
        new AuditUnavailableException("audit log write failed: " + cause.getMessage(), cause);
    failure = e;
    if (Thread.currentThread() != self) {
      queue.offer(WAKE); // the writer thread may be asleep for a whole fsync interval
    }
    LOG.error(
        "Audit log write failed after seq {}; audited requests are refused until it recovers",
        chain.seq(),
        cause);
    return e;
  }

  private static void fail(List<Pending> batch, AuditUnavailableException e) {
    for (Pending p : batch) {
      p.future().completeExceptionally(e);
    }
  }

  private AuditLog.Head currentHead() {
    return new AuditLog.Head(chain.node(), chain.seq(), chain.hash());
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
