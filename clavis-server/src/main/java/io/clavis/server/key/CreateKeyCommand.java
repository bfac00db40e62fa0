package io.clavis.server.key;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Vault;

/** Adds a key and its first version to a vault; names are unique within a vault. */
public record CreateKeyCommand(KeyRecord key, KeyVersionRecord firstVersion) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    Vault vault =
        txn.read(Vault.key(key.vaultId()), Vault.class)
            .orElseThrow(() -> ClavisException.notFound("vault", key.vaultId()));
    if (!vault.compartmentId().equals(key.compartmentId())) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "vault moved while the key was created");
    }
    String nameKey = KeyRecord.nameKey(key.vaultId(), key.name());
    if (txn.read(nameKey, String.class).isPresent()) {
      throw new ClavisException(
          ErrorCode.NAME_TAKEN, "a key named " + key.name() + " exists in vault " + key.vaultId());
    }
    txn.put(KeyRecord.key(key.id()), key);
    txn.put(nameKey, key.id());
    txn.put(KeyRecord.vaultIndexKey(key.vaultId(), key.id()), key.id());
    txn.put(KeyVersionRecord.key(key.id(), firstVersion.version()), firstVersion);
    return key;
  }
}
