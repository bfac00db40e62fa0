package io.clavis.server.seal;

import io.clavis.server.cluster.ClusterCaRecord;
import io.clavis.server.cluster.ClusterMember;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.TokenRecord;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;

/**
 * The first command of a cluster: its seal, its root token, the tenancy compartment, the node that
 * founded it and the cluster CA.
 */
public record InitializeCommand(
    SealConfig seal,
    TokenRecord rootToken,
    Compartment tenancy,
    ClusterMember founder,
    ClusterCaRecord clusterCa)
    implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    if (txn.read(SealConfig.KEY, SealConfig.class).isPresent()) {
      throw new ClavisException(ErrorCode.ALREADY_INITIALIZED, "Clavis is already initialised");
    }
    txn.put(SealConfig.KEY, seal);
    txn.put(TokenRecord.key(rootToken.hash()), rootToken);
    txn.put(TokenRecord.idKey(rootToken.id()), rootToken.hash());
    txn.put(Compartment.key(tenancy.id()), tenancy);
    if (founder != null) {
      txn.put(ClusterMember.key(founder.name()), founder);
    }
    if (clusterCa != null) {
      txn.put(ClusterCaRecord.KEY, clusterCa);
    }
    return seal;
  }
}
