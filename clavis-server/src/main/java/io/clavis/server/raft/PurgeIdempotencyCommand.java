package io.clavis.server.raft;

import io.clavis.server.state.StateStore;
import java.time.Instant;

/**
 * Drops stored idempotent answers whose time has passed, oldest first, at most {@code limit} of
 * them per entry so that one log entry stays small.
 */
public record PurgeIdempotencyCommand(Instant now, int limit) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    int purged = 0;
    for (IdempotentCommand.Expiry e :
        txn.scan(IdempotentCommand.EXPIRY_PREFIX, limit, IdempotentCommand.Expiry.class)) {
      if (e.expiresAt().isAfter(now)) {
        break;
      }
      txn.delete(IdempotentCommand.PREFIX + e.name());
      txn.delete(IdempotentCommand.expiryKey(e.expiresAt(), e.name()));
      purged++;
    }
    return purged;
  }
}
