package io.clavis.server.key;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;

/**
 * Moves a key through its lifecycle. Destruction is only possible once the pending period is over,
 * and it erases the wrapped material of every version.
 */
public record ChangeKeyStateCommand(String keyId, Action action, Instant deletionTime, Instant at)
    implements Command {

  /** The lifecycle transitions. */
  public enum Action {
    ENABLE,
    DISABLE,
    SCHEDULE_DELETION,
    CANCEL_DELETION,
    DESTROY
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    KeyRecord key =
        txn.read(KeyRecord.key(keyId), KeyRecord.class)
            .orElseThrow(() -> ClavisException.notFound("key", keyId));
    KeyState from = key.state();
    KeyRecord next =
        switch (action) {
          case ENABLE -> {
            require(from == KeyState.ENABLED || from == KeyState.DISABLED, key);
            yield key.withState(KeyState.ENABLED, null, at);
          }
          case DISABLE -> {
            require(from == KeyState.ENABLED || from == KeyState.DISABLED, key);
            yield key.withState(KeyState.DISABLED, null, at);
          }
          case SCHEDULE_DELETION -> {
            require(from == KeyState.ENABLED || from == KeyState.DISABLED, key);
            yield key.withState(KeyState.PENDING_DELETION, deletionTime, at);
          }
          case CANCEL_DELETION -> {
            require(from == KeyState.PENDING_DELETION, key);
            yield key.withState(KeyState.ENABLED, null, at);
          }
          case DESTROY -> {
            require(from == KeyState.PENDING_DELETION, key);
            if (at.isBefore(key.deletionTime())) {
              throw new ClavisException(
                  ErrorCode.INVALID_STATE, "key " + keyId + " is not due for deletion yet");
            }
            for (int v = 1; v <= key.currentVersion(); v++) {
              String vk = KeyVersionRecord.key(keyId, v);
              txn.read(vk, KeyVersionRecord.class).ifPresent(r -> txn.put(vk, r.destroyed()));
            }
            yield key.withState(KeyState.DESTROYED, key.deletionTime(), at);
          }
        };
    txn.put(KeyRecord.key(keyId), next);
    return next;
  }

  private void require(boolean allowed, KeyRecord key) {
    if (!allowed) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE,
          "cannot "
              + action.name().toLowerCase().replace('_', ' ')
              + ": key "
              + key.id()
              + " is "
              + key.state());
    }
  }
}
