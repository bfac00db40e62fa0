package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;
import java.util.Objects;

/**
 * Applies one {@link AttributeEdit} to an object's KMIP record. A key created over REST gets its
 * first record here, starting from what KMIP saw of it until then.
 */
public record EditAttributesCommand(String keyId, AttributeEdit edit, Instant at)
    implements Command {

  public EditAttributesCommand {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(edit, "edit");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    try {
      KeyRecord key =
          txn.read(KeyRecord.key(keyId), KeyRecord.class)
              .orElseThrow(() -> KmipObjectException.notFound(keyId));
      if (key.state() == KeyState.DESTROYED) {
        throw new KmipObjectException(
            ResultReason.OBJECT_DESTROYED, "object " + keyId + " is destroyed");
      }
      KmipObjectRecord stored =
          txn.read(KmipObjectRecord.key(keyId), KmipObjectRecord.class).orElse(null);
      AttributeEdit.Result r =
          edit.applyTo(stored != null ? stored : KmipObjectRecord.defaultsFor(key));
      KmipObjectRecord updated = r.record().changedAt(at);
      KmipIndex.write(txn, stored, updated);
      return new KmipCommandResult(key, updated, null, r.attribute(), r.index(), null, null);
    } catch (KmipObjectException e) {
      txn.discard();
      return KmipCommandResult.failed(e);
    }
  }
}
