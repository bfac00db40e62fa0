package io.clavis.server.vault;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.policy.PolicyRecord;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** Deletes an empty compartment: no child compartments, vaults or policies. */
public record DeleteCompartmentCommand(String id) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    Compartment c =
        txn.read(Compartment.key(id), Compartment.class)
            .orElseThrow(() -> ClavisException.notFound("compartment", id));
    if (c.parentId() == null) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "the tenancy root cannot be deleted");
    }
    if (!txn.scan("compartment-name/" + id + "/", 1, String.class).isEmpty()
        || !txn.scan("vault-name/" + id + "/", 1, String.class).isEmpty()
        || !txn.scan(PolicyRecord.compartmentPrefix(id), 1, String.class).isEmpty()) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE,
          "compartment "
              + c.name()
              + " is not empty: delete its compartments, vaults and policies first");
    }
    txn.delete(Compartment.key(id));
    txn.delete(Compartment.nameKey(c.parentId(), c.name()));
    return id;
  }
}
