package io.clavis.server.kmip.objects;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.CreateVaultCommand;
import io.clavis.server.vault.Vault;
import java.util.Optional;

/**
 * Makes sure the KMIP endpoint's default vault exists, and answers it.
 *
 * <p>Nodes that see no default vault each propose one with an id of their own; the log orders the
 * proposals, the first creates the vault and records it under {@code kmip-vault/...}, and every
 * later one finds that record and answers the same vault. So however many nodes race, the cluster
 * ends with one. A vault of that name made earlier over REST is adopted rather than refused.
 */
public record DefaultVaultCommand(Vault candidate) implements Command {

  static String pointerKey(String compartmentId, String name) {
    return "kmip-vault/" + compartmentId + "/" + name;
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    String pointer = pointerKey(candidate.compartmentId(), candidate.name());
    Optional<Vault> existing =
        txn.read(pointer, String.class).flatMap(id -> txn.read(Vault.key(id), Vault.class));
    if (existing.isPresent()) {
      return result(existing.get());
    }
    Vault vault;
    try {
      vault = (Vault) new CreateVaultCommand(candidate).apply(txn);
    } catch (ClavisException e) {
      if (e.code() != ErrorCode.NAME_TAKEN) {
        throw e;
      }
      vault =
          txn.scan("vault/", Integer.MAX_VALUE, Vault.class).stream()
              .filter(
                  v ->
                      v.name().equals(candidate.name())
                          && v.compartmentId().equals(candidate.compartmentId()))
              .findFirst()
              .orElseThrow(() -> e);
    }
    txn.put(pointer, vault.id());
    return result(vault);
  }

  private static KmipCommandResult result(Vault vault) {
    return new KmipCommandResult(null, null, vault, null, null, null, null);
  }
}
