package io.clavis.server.key;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;

/**
 * Moves a key through its lifecycle. REST destruction is only possible once the pending period is
 * over; KMIP's {@link Action#ERASE} destroys at once any key that is not in use. Both erase the
 * wrapped material of every version.
 */
public record ChangeKeyStateCommand(String keyId, Action action, Instant deletionTime, Instant at)
    implements Command {

  /** The lifecycle transitions. */
  public enum Action {
    ENABLE,
    DISABLE,
    SCHEDULE_DELETION,
    CANCEL_DELETION,
    DESTROY,
    /** KMIP Activate: a pre-active key comes into use. */
    ACTIVATE,
    /** KMIP Revoke for a reason other than compromise: a pre-active or enabled key is retired. */
    REVOKE,
    /** KMIP Revoke for a compromise: the key is never usable again, whatever its state. */
    COMPROMISE,
    /** KMIP Destroy: erases the material at once, refused while the key is in use (ENABLED). */
    ERASE
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
            eraseVersions(txn, key);
            yield key.withState(KeyState.DESTROYED, key.deletionTime(), at);
          }
          case ACTIVATE -> {
            require(from == KeyState.PRE_ACTIVE, key);
            yield key.withState(KeyState.ENABLED, null, at);
          }
          case REVOKE -> {
            require(from == KeyState.PRE_ACTIVE || from == KeyState.ENABLED, key);
            yield key.withState(KeyState.DISABLED, null, at);
          }
          case COMPROMISE -> {
            require(from != KeyState.DESTROYED && from != KeyState.COMPROMISED, key);
            yield key.withState(KeyState.COMPROMISED, null, at);
          }
          case ERASE -> {
            require(from != KeyState.ENABLED && from != KeyState.DESTROYED, key);
            eraseVersions(txn, key);
            yield key.withState(KeyState.DESTROYED, at, at);
          }
        };
    txn.put(KeyRecord.key(keyId), next);
    return next;
  }

  private void eraseVersions(StateStore.Transaction txn, KeyRecord key) {
    for (int v = 1; v <= key.currentVersion(); v++) {
      String vk = KeyVersionRecord.key(keyId, v);
      txn.read(vk, KeyVersionRecord.class).ifPresent(r -> txn.put(vk, r.destroyed()));
    }
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
