package io.clavis.server.raft;

import io.clavis.server.state.StateStore;
import java.util.List;

/**
 * Several commands proposed together as one log entry (group commit): the state machine applies
 * them in order, each on its own, so a rejected command changes nothing and the others still apply;
 * the entry answers with one reply per command, in the same order.
 */
public record CommandBatch(List<Command> commands) implements Command {
  public CommandBatch {
    commands = List.copyOf(commands);
    for (Command c : commands) {
      if (c instanceof CommandBatch) {
        throw new IllegalArgumentException("a batch cannot hold a batch");
      }
    }
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    // The state machine applies the commands one by one; a nested use would merge their writes.
    throw new IllegalStateException("a batch is applied by the state machine");
  }
}
