package io.clavis.server.audit;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.http.RestServer;
import io.clavis.server.raft.RaftNode;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's audit trail as the listeners use it: each request's record is handed to the log's
 * writer thread, or written by the I/O thread with the rest of its round, and when the trail fails
 * closed the request waits for its record to be written (group commit: one write for every request
 * that arrived meanwhile). The chain head is committed through Raft every {@code headInterval}.
 */
public final class AuditTrail implements RestServer.AuditSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditLog log;
  private final RaftNode raft;
  private final ScheduledExecutorService heads;
  private volatile long committedSeq;

  public AuditTrail(AuditLog log, RaftNode raft, Duration headInterval) {
    this.log = log;
    this.raft = raft;
    this.heads =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audit-heads");
              t.setDaemon(true);
              return t;
            });
    long ms = headInterval.toMillis();
    heads.scheduleWithFixedDelay(this::commitHead, ms, ms, TimeUnit.MILLISECONDS);
  }

  @Override
  public void record(AuditEvent event) {
    try {
      recordAsync(event).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ClavisException c ? c : unavailable();
    } catch (TimeoutException e) {
      LOG.error("audit record for {} not written within {}", event.requestId(), WAIT);
      throw unavailable();
    }
  }

  @Override
  public CompletableFuture<Void> recordAsync(AuditEvent event) {
    return acknowledgement(event, append(event, null));
  }

  @Override
  public CompletableFuture<Void> recordInRound(AuditEvent event, Executor loop) {
    return acknowledgement(event, append(event, loop));
  }

  /** A fail-open trail does not make requests wait, so its records need no round of their own. */
  private CompletableFuture<AuditRecord> append(AuditEvent event, Executor loop) {
    try {
      return loop != null && log.failClosed() ? log.appendInRound(event, loop) : log.append(event);
    } catch (AuditUnavailableException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Void> acknowledgement(
      AuditEvent event, CompletableFuture<AuditRecord> written) {
    if (!log.failClosed()) {
      return CompletableFuture.completedFuture(null);
    }
    // No timer per record here: callers bound their wait (a timer each costs more than the
    // record's whole write at tens of thousands of requests a second).
    return written.handle(
        (record, failure) -> {
          if (failure != null) {
            LOG.error(
                "audit record for {} could not be written: {}",
                event.requestId(),
                failure.toString());
            throw unavailable();
          }
          return null;
        });
  }

  private static ClavisException unavailable() {
    return new ClavisException(
        ErrorCode.AUDIT_UNAVAILABLE,
        "the audit trail cannot be written, so the request is not acknowledged; see the server"
            + " log");
  }

  /** The newest record written. */
  public AuditLog.Head head() {
    return log.head();
  }

  public long queueDepth() {
    return log.queueDepth();
  }

  /** Commits the head now if it moved (also called on a schedule). */
  public void commitHead() {
    AuditLog.Head h = log.head();
    if (h.seq() <= committedSeq || !raft.hasLeader()) {
      return;
    }
    try {
      raft.submit(new AuditHeadCommand(h.node(), h.seq(), h.hash(), Instant.now()), Long.class);
      committedSeq = h.seq();
    } catch (RuntimeException e) {
      LOG.debug("audit head not committed yet: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    heads.shutdownNow();
    try {
      log.close();
    } catch (Exception e) {
      LOG.warn("closing the audit log: {}", e.toString());
    }
  }
}
