package io.clavis.server.vault;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** Adds a compartment under an existing parent; names are unique among siblings. */
public record CreateCompartmentCommand(Compartment compartment) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    if (compartment.parentId() != null
        && txn.read(Compartment.key(compartment.parentId()), Compartment.class).isEmpty()) {
      throw ClavisException.notFound("compartment", compartment.parentId());
    }
    String nameKey = Compartment.nameKey(compartment.parentId(), compartment.name());
    if (txn.read(nameKey, String.class).isPresent()) {
      throw new ClavisException(
          ErrorCode.NAME_TAKEN, "a compartment named " + compartment.name() + " exists there");
    }
    txn.put(Compartment.key(compartment.id()), compartment);
    txn.put(nameKey, compartment.id());
    return compartment;
  }
}
