package io.clavis.server.key;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;

/**
 * Adds version {@code newVersion.version()} and makes it current. The proposer wrapped the new
 * material for exactly that version number, so the command is refused if another rotation got there
 * first; the proposer then retries with the next number.
 */
public record RotateKeyCommand(KeyVersionRecord newVersion, Instant at) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    KeyRecord key =
        txn.read(KeyRecord.key(newVersion.keyId()), KeyRecord.class)
            .orElseThrow(() -> ClavisException.notFound("key", newVersion.keyId()));
    if (key.state() != KeyState.ENABLED && key.state() != KeyState.DISABLED) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE, "key " + key.id() + " is " + key.state() + ": cannot rotate");
    }
    if (newVersion.version() != key.currentVersion() + 1) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "ROTATION_RACE");
    }
    KeyRecord rotated = key.withNewVersion(newVersion.version(), at);
    txn.put(KeyRecord.key(key.id()), rotated);
    txn.put(KeyVersionRecord.key(key.id(), newVersion.version()), newVersion);
    return rotated;
  }
}
