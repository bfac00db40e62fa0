package io.clavis.server.policy;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;
import java.time.Instant;
import java.util.List;

/**
 * The Raft commands that change policies. Statements are parsed and checked against the state
 * before they are submitted; here only what can change between the check and the apply is checked
 * again.
 */
public final class PolicyCommands {
  private PolicyCommands() {}

  /** Marker: applying one of these makes compiled policies stale. */
  public interface Change extends Command {}

  /** Adds a policy; names are unique. */
  public record Create(PolicyRecord policy) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      if (txn.read(Compartment.key(policy.compartmentId()), Compartment.class).isEmpty()) {
        throw ClavisException.notFound("compartment", policy.compartmentId());
      }
      if (policy.name().equals(PolicyRecord.BUILT_IN.name())
          || txn.read(PolicyRecord.nameKey(policy.name()), String.class).isPresent()) {
        throw new ClavisException(
            ErrorCode.NAME_TAKEN, "a policy named " + policy.name() + " exists");
      }
      txn.put(PolicyRecord.key(policy.id()), policy);
      txn.put(PolicyRecord.nameKey(policy.name()), policy.id());
      txn.put(PolicyRecord.compartmentKey(policy.compartmentId(), policy.id()), policy.id());
      return policy;
    }
  }

  /** Replaces a policy's statements (and description). */
  public record Update(String id, List<String> statements, String description, Instant at)
      implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      PolicyRecord p = read(txn, id);
      PolicyRecord updated = p.withStatements(statements, description, at);
      txn.put(PolicyRecord.key(id), updated);
      return updated;
    }
  }

  /** Deletes a policy. */
  public record Delete(String id) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      PolicyRecord p = read(txn, id);
      txn.delete(PolicyRecord.key(id));
      txn.delete(PolicyRecord.nameKey(p.name()));
      txn.delete(PolicyRecord.compartmentKey(p.compartmentId(), id));
      return id;
    }
  }

  private static PolicyRecord read(StateStore.Transaction txn, String id) {
    return txn.read(PolicyRecord.key(id), PolicyRecord.class)
        .orElseThrow(() -> ClavisException.notFound("policy", id));
  }
}
