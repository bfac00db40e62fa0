package io.clavis.server.raft;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * How far this member has applied the log, for writers that must not answer before their own entry
 * is applied here: a client that writes through a follower and then reads from it sees its write.
 * Waiting takes no thread; the futures complete on the thread that applies.
 */
final class AppliedIndexWatch {
  private record Waiter(long index, CompletableFuture<Void> applied) {}

  private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

  private final PriorityQueue<Waiter> waiters =
      new PriorityQueue<>(Comparator.comparingLong(Waiter::index));
  private long applied = -1; // guarded by this

  /** Completes once {@code index} is applied here (at once if it is already). */
  CompletableFuture<Void> whenApplied(long index) {
    synchronized (this) {
      if (index <= applied) {
        return DONE;
      }
      Waiter w = new Waiter(index, new CompletableFuture<>());
      waiters.add(w);
      return w.applied;
    }
  }

  /** This member has applied everything up to {@code index}. */
  void advance(long index) {
    List<Waiter> ready = new ArrayList<>();
    synchronized (this) {
      if (index <= applied) {
        return;
      }
      applied = index;
      while (!waiters.isEmpty() && waiters.peek().index() <= index) {
        ready.add(waiters.poll());
      }
    }
    ready.forEach(w -> w.applied().complete(null)); // outside the lock: dependents run here
  }
}
