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
 * fsyncInterval}. The fsync runs on the writer thread outside the lock, so writers never wait for
 * the disk to sync. After a write failure every request is refused (fail closed) until reopening
 * the segment works again, which the writer thread retries every {@link #RETRY_INTERVAL}.
 */
final class AuditWriter implements Runnable {
  static final int MAX_BATCH = 4096;
  static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
  static final Pending STOP = new Pending(null, null);

  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  private final BlockingQueue<Pending> queue;
  private final ChainFile chain; // guarded by lock
  private final ReentrantLock lock = new ReentrantLock();
  private final long fsyncNanos;
  private final long retryNanos = RETRY_INTERVAL.toNanos();
  private volatile AuditLog.Head head;
  private volatile AuditUnavailableException failure;
  private boolean stopped; // guarded by lock
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
   * Writes a batch on the calling thread and completes its futures there. Never fsyncs (the writer
   * thread does, within the interval), so it is only for logs with a non-zero interval.
   */
  void writeNow(List<Pending> batch) {
    List<AuditRecord> records = null;
    AuditUnavailableException refused = null;
    lock.lock();
    try {
      if (stopped) {
        refused = new AuditUnavailableException("audit log is closed");
      } else {
        records = write(batch);
      }
    } catch (AuditUnavailableException e) {
      refused = e;
    } finally {
      lock.unlock();
    }
    // Outside the lock: dependent stages may run here.
    if (refused != null) {
      fail(batch, refused);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).future().complete(records.get(i));
    }
  }

  @Override
  public void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    boolean stopping = false;
    try {
      while (!stopping) {
        Pending first = poll();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        stopping = batch.remove(STOP);
        if (!batch.isEmpty()) {
          writeNow(batch);
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
    lock.lock();
    try {
      stopped = true;
      if (unexpected) {
        AuditUnavailableException e = new AuditUnavailableException("audit writer thread stopped");
        failure = e;
        List<Pending> left = new ArrayList<>(taken);
        queue.drainTo(left);
        left.remove(STOP);
        fail(left, e);
        LOG.error("Audit writer thread stopped unexpectedly; audited requests are refused");
      }
      chain.close();
    } catch (IOException e) {
      LOG.error("Final fsync of the audit log failed; the last records may not be durable", e);
    } finally {
      lock.unlock();
    }
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
  private List<AuditRecord> write(List<Pending> batch) {
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

  /** The fsync deadline and, in the failed state, the periodic attempt to recover. */
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
  }

  /** fsyncs what was written since the last one, without holding the lock while the disk syncs. */
  private void force() {
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
      lastForce = System.nanoTime();
    } catch (IOException | RuntimeException e) {
      lock.lock();
      try {
        boolean replaced = chain.forceFailed(channel);
        // A roll forces the segment before closing it, and a failed write already failed the log.
        if (!(replaced && e instanceof ClosedChannelException)) {
          enterFailedState(e);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Under the lock. */
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
