package io.clavis.server.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop of the one writer thread: group commit. It takes everything that queued up while the
 * previous batch was being written, so under load one write (and at most one fsync per interval)
 * serves thousands of requests, while a lone request is written as soon as it arrives.
 *
 * <p>Futures complete after the write and before any later fsync: the record is then in the page
 * cache and survives the process being killed; power loss can take at most the last {@code
 * fsyncInterval}. After a write failure every request is refused (fail closed) until reopening the
 * segment works again, which this loop retries every {@link #RETRY_INTERVAL}.
 */
final class AuditWriter implements Runnable {
  static final int MAX_BATCH = 4096;
  static final Duration RETRY_INTERVAL = Duration.ofMillis(500);
  static final Pending STOP = new Pending(null, null);

  private static final Logger LOG = LoggerFactory.getLogger(AuditWriter.class);

  private final BlockingQueue<Pending> queue;
  private final ChainFile chain;
  private final long fsyncNanos;
  private final long retryNanos = RETRY_INTERVAL.toNanos();
  private volatile AuditLog.Head head;
  private volatile AuditUnavailableException failure;
  private long lastForce = System.nanoTime();
  private long lastAttempt;

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
          write(batch);
          batch.clear();
        }
        maintain(stopping);
      }
    } finally {
      if (!stopping) {
        abandon(batch);
      }
      try {
        chain.close();
      } catch (IOException e) {
        LOG.error("Final fsync of the audit log failed; the last records may not be durable", e);
      }
    }
  }

  /** After an unexpected error kills the loop: no caller may wait forever for its record. */
  private void abandon(List<Pending> batch) {
    AuditUnavailableException e = new AuditUnavailableException("audit writer thread stopped");
    failure = e;
    batch.remove(STOP);
    queue.drainTo(batch);
    batch.remove(STOP);
    fail(batch, e);
    LOG.error("Audit writer thread stopped unexpectedly; audited requests are refused");
  }

  private Pending poll() {
    try {
      return queue.poll(timeoutNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      return null; // nobody interrupts this thread; close() uses STOP
    }
  }

  private long timeoutNanos() {
    long now = System.nanoTime();
    if (failure != null) {
      return Math.max(0, retryNanos - (now - lastAttempt));
    }
    if (chain.dirty()) {
      return Math.max(0, fsyncNanos - (now - lastForce));
    }
    return Long.MAX_VALUE;
  }

  private void write(List<Pending> batch) {
    if (failure != null && !recover()) {
      fail(batch, failure);
      return;
    }
    List<AuditRecord> records;
    try {
      records = chain.append(batch.stream().map(Pending::event).toList());
      if (System.nanoTime() - lastForce >= fsyncNanos) {
        force();
      }
    } catch (IOException | RuntimeException e) {
      fail(batch, enterFailedState(e));
      return;
    } finally {
      head = currentHead();
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).future().complete(records.get(i));
    }
  }

  /** The fsync deadline and, in the failed state, the periodic attempt to recover. */
  private void maintain(boolean stopping) {
    if (failure != null) {
      if (!stopping && System.nanoTime() - lastAttempt >= retryNanos) {
        recover();
      }
      return;
    }
    if (chain.dirty() && (stopping || System.nanoTime() - lastForce >= fsyncNanos)) {
      try {
        force();
      } catch (IOException | RuntimeException e) {
        enterFailedState(e);
      }
    }
  }

  private void force() throws IOException {
    chain.force();
    lastForce = System.nanoTime();
  }

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
