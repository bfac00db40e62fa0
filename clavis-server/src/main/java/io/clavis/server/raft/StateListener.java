package io.clavis.server.raft;

/** Told after each applied command, so caches derived from the state can drop stale entries. */
@FunctionalInterface
public interface StateListener {
  void applied(Command command);
}
