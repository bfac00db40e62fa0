package io.clavis.server.audit;

import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;
import java.util.List;

/**
 * Commits a node's audit chain head to the replicated state, so every node holds the hash that
 * node's trail had at that point: rewriting the trail on one node no longer matches what the others
 * hold.
 */
public record AuditHeadCommand(String node, long seq, String hash, Instant at) implements Command {
  private static final String PREFIX = "audit-head/";

  static String key(String node, long seq) {
    return prefix(node) + String.format("%020d", seq);
  }

  static String prefix(String node) {
    return PREFIX + node + "/";
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    txn.put(key(node, seq), new Committed(node, seq, hash, at));
    return seq;
  }

  /** A committed head as stored. */
  public record Committed(String node, long seq, String hash, Instant at) {}

  /** The heads committed for one node, oldest first. */
  public static List<AuditLog.Head> committed(StateStore store, String node) {
    return store.scan(prefix(node), null, 10_000_000, Committed.class).stream()
        .map(c -> new AuditLog.Head(c.node(), c.seq(), c.hash()))
        .toList();
  }
}
