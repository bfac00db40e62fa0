package io.clavis.server.raft;

import io.clavis.server.state.StateJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.LongFunction;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for this node's writes. Commands wait in one queue; a few batches are on their way
 * to the leader at a time, and whatever queued up meanwhile leaves as the next batch, one log entry
 * for all of it. A lone write goes at once and alone; under load, entries grow instead of
 * multiplying, so the Raft round trip, the log append and its fsync are paid once per batch rather
 * than once per write.
 */
final class WriteBatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBatcher.class);

  /** Most commands in one entry. */
  static final int MAX_COMMANDS = 512;

  /** Most command bytes in one entry; a larger command still goes, alone. */
  static final int MAX_BYTES = 1 << 20;

  /** Batches on their way at once: enough to keep the leader busy while one waits for fsync. */
  static final int MAX_IN_FLIGHT = 4;

  /** Sends one log entry and waits until it is committed and applied by the leader. */
  @FunctionalInterface
  interface Sender {
    RaftClientReply send(Message message) throws IOException;
  }

  /** The entry could not be committed: not the command's fault, and its outcome is unknown. */
  static final class NotCommittedException extends IOException {
    NotCommittedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private record Pending(byte[] json, CompletableFuture<CommandReply> reply) {}

  private static final byte[] BATCH_START =
      "{\"type\":\"batch\",\"commands\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] BATCH_END = "]}".getBytes(StandardCharsets.US_ASCII);

  private final Sender sender;
  private final LongFunction<CompletableFuture<Void>> appliedHere;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  // Platform threads, one per slot: gRPC and Netty keep per-thread caches that a fresh virtual
  // thread per batch would build again every time.
  private final ExecutorService senders =
      Executors.newFixedThreadPool(
          MAX_IN_FLIGHT, Thread.ofPlatform().name("raft-write-", 1).daemon().factory());
  private final Thread loop;
  private volatile boolean closed;

  /**
   * @param appliedHere completes once this member has applied a log index: a write answers only
   *     then, so that its writer reads it back from this node
   */
  WriteBatcher(Sender sender, LongFunction<CompletableFuture<Void>> appliedHere) {
    this.sender = sender;
    this.appliedHere = appliedHere;
    this.loop = Thread.ofPlatform().name("raft-write-batcher").daemon().start(this::run);
  }

  /**
   * Queues a command; the future completes with its reply once its entry is committed and applied
   * here.
   */
  CompletableFuture<CommandReply> submit(Command command) {
    if (command instanceof CommandBatch) {
      throw new IllegalArgumentException("batches are made here, not submitted");
    }
    Pending p = new Pending(StateJson.toBytes(command), new CompletableFuture<>());
    if (closed) {
      p.reply.completeExceptionally(stopping());
      return p.reply;
    }
    queue.add(p);
    if (closed) {
      failQueued(); // closed meanwhile: the queue may already have been drained
    }
    return p.reply;
  }

  private void run() {
    // Taken from the queue but not yet handed to a sender: failed, not lost, if we stop here.
    Pending first = null;
    try {
      while (!closed) {
        first = queue.take();
        // Waiting for a free slot is what lets the next batch grow.
        slots.acquire();
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        Pending next = first;
        first = null;
        while (next != null) {
          // A caller that stopped waiting was told its write failed: never propose it later.
          if (!next.reply.isDone()) {
            batch.add(next);
            bytes += next.json.length;
          }
          Pending after = queue.peek();
          if (after == null
              || batch.size() >= MAX_COMMANDS
              || bytes + after.json.length > MAX_BYTES) {
            break;
          }
          next = queue.poll();
        }
        if (batch.isEmpty()) {
          slots.release();
          continue;
        }
        try {
          senders.execute(new SendTask(batch));
        } catch (RejectedExecutionException e) {
          // closed while handing the batch over
          fail(batch, stopping());
          slots.release();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (first != null) {
      fail(List.of(first), stopping());
    }
    failQueued();
  }

  /** One entry's send; kept as its batch so that stopping can fail the commands it holds. */
  private final class SendTask implements Runnable {
    private final List<Pending> batch;

    SendTask(List<Pending> batch) {
      this.batch = batch;
    }

    @Override
    public void run() {
      try {
        send(batch);
      } finally {
        slots.release();
      }
    }
  }

  private void send(List<Pending> batch) {
    RaftClientReply reply;
    try {
      reply = sender.send(Message.valueOf(ByteString.copyFrom(entry(batch))));
    } catch (IOException | RuntimeException e) {
      fail(batch, new NotCommittedException("write failed: " + e, e));
      return;
    }
    if (!reply.isSuccess()) {
      fail(batch, new NotCommittedException("write not committed", reply.getException()));
      return;
    }
    byte[] answer = reply.getMessage().getContent().toByteArray();
    CommandReply[] replies;
    try {
      replies =
          batch.size() == 1
              ? new CommandReply[] {StateJson.fromBytes(answer, CommandReply.class)}
              : StateJson.fromBytes(answer, CommandReply[].class);
      if (replies.length != batch.size()) {
        throw new IllegalStateException(
            replies.length + " replies for a batch of " + batch.size() + " commands");
      }
    } catch (RuntimeException e) {
      LOG.error("Unreadable reply to a committed entry", e);
      batch.forEach(p -> p.reply.completeExceptionally(e));
      return;
    }
    appliedHere
        .apply(reply.getLogIndex())
        .thenRun(
            () -> {
              for (int i = 0; i < replies.length; i++) {
                batch.get(i).reply.complete(replies[i]);
              }
            });
  }

  /** One command as itself; several as a {@link CommandBatch}. */
  private static byte[] entry(List<Pending> batch) {
    return batch.size() == 1
        ? batch.get(0).json
        : batchEntry(batch.stream().map(Pending::json).toList());
  }

  /**
   * The log entry of a {@link CommandBatch}, assembled from its commands' JSON as they were
   * serialised when queued rather than serialising every command again.
   */
  static byte[] batchEntry(List<byte[]> commands) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(BATCH_START);
    for (int i = 0; i < commands.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(commands.get(i));
    }
    out.writeBytes(BATCH_END);
    return out.toByteArray();
  }

  private static void fail(List<Pending> batch, NotCommittedException e) {
    batch.forEach(p -> p.reply.completeExceptionally(e));
  }

  private void failQueued() {
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    fail(left, stopping());
  }

  @Override
  public void close() {
    closed = true;
    loop.interrupt();
    for (Runnable notStarted : senders.shutdownNow()) {
      if (notStarted instanceof SendTask task) {
        fail(task.batch, stopping());
      }
    }
    failQueued();
  }

  private static NotCommittedException stopping() {
    return new NotCommittedException("this node is stopping", null);
  }
}
