package io.clavis.server.key;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;
import java.util.Map;

/** Changes a key's description, tags or rotation period; null fields stay as they are. */
public record UpdateKeyCommand(
    String keyId,
    String description,
    Map<String, String> tags,
    Integer rotationPeriodDays,
    Instant at)
    implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    KeyRecord key =
        txn.read(KeyRecord.key(keyId), KeyRecord.class)
            .orElseThrow(() -> ClavisException.notFound("key", keyId));
    if (key.state() == KeyState.DESTROYED) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "key " + keyId + " is DESTROYED");
    }
    KeyRecord updated =
        key.withDetails(
            description == null ? key.description() : description,
            tags == null ? key.tags() : tags,
            rotationPeriodDays == null ? key.rotationPeriodDays() : rotationPeriodDays,
            at);
    txn.put(KeyRecord.key(keyId), updated);
    return updated;
  }
}
