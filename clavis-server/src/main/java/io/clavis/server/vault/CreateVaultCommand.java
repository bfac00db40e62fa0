package io.clavis.server.vault;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** Adds a vault to a compartment; vault names are unique within a compartment. */
public record CreateVaultCommand(Vault vault) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    if (txn.read(Compartment.key(vault.compartmentId()), Compartment.class).isEmpty()) {
      throw ClavisException.notFound("compartment", vault.compartmentId());
    }
    String nameKey = Vault.nameKey(vault.compartmentId(), vault.name());
    if (txn.read(nameKey, String.class).isPresent()) {
      throw new ClavisException(
          ErrorCode.NAME_TAKEN, "a vault named " + vault.name() + " exists in that compartment");
    }
    txn.put(Vault.key(vault.id()), vault);
    txn.put(nameKey, vault.id());
    return vault;
  }
}
