package io.clavis.server.kmip.objects;

import io.clavis.server.error.ClavisException;
import io.clavis.server.key.CreateKeyCommand;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyVersionRecord;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;

/**
 * Adds a managed object created or registered over KMIP: a Clavis key (with its first version,
 * material already wrapped) and its KMIP record, in one entry.
 *
 * <p>The key's Clavis name is its first KMIP Name when that is a valid Clavis name not yet taken in
 * the vault, otherwise one derived from the key id. Deciding this here, against the state the entry
 * is applied to, keeps it deterministic: KMIP names need not be unique, Clavis names must.
 */
public record CreateObjectCommand(
    KeyRecord key, KeyVersionRecord firstVersion, KmipObjectRecord object) implements Command {

  @Override
  public Object apply(StateStore.Transaction txn) {
    KeyRecord named = key;
    if (txn.read(KeyRecord.nameKey(key.vaultId(), key.name()), String.class).isPresent()) {
      named = renamed(key, fallbackName(key.id()));
    }
    try {
      new CreateKeyCommand(named, firstVersion).apply(txn);
    } catch (ClavisException e) {
      txn.discard();
      return KmipCommandResult.failed(KmipObjectException.from(e));
    }
    KmipIndex.write(txn, null, object);
    for (Instant due : new Instant[] {object.activationDate(), object.deactivationDate()}) {
      if (due != null && due.isAfter(key.createdAt())) {
        txn.put(KmipIndex.dueKey(due, key.id()), key.id());
      }
    }
    return KmipCommandResult.of(named, object);
  }

  /** A Clavis name for an object whose KMIP name cannot be one: {@code kmip-<id>}. */
  static String fallbackName(String keyId) {
    return "kmip-" + keyId.substring(keyId.indexOf('_') + 1);
  }

  private static KeyRecord renamed(KeyRecord k, String name) {
    return new KeyRecord(
        k.id(),
        k.vaultId(),
        k.compartmentId(),
        name,
        k.description(),
        k.tags(),
        k.algorithm(),
        k.state(),
        k.currentVersion(),
        k.rotationPeriodDays(),
        k.lastRotatedAt(),
        k.deletionTime(),
        k.createdAt(),
        k.updatedAt(),
        k.createdBy());
  }
}
