package io.clavis.server.seal;

import io.clavis.server.auth.TokenRecord;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;

/** The first command of a cluster: its seal, its root token and the tenancy compartment. */
public record InitializeCommand(SealConfig seal, TokenRecord rootToken, Compartment tenancy)
    implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    if (txn.read(SealConfig.KEY, SealConfig.class).isPresent()) {
      throw new ClavisException(ErrorCode.ALREADY_INITIALIZED, "Clavis is already initialised");
    }
    txn.put(SealConfig.KEY, seal);
    txn.put(TokenRecord.key(rootToken.hash()), rootToken);
    txn.put(Compartment.key(tenancy.id()), tenancy);
    return seal;
  }
}
