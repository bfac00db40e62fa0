package io.clavis.server.mapping;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** The Raft commands that change mappings; names are unique. */
public final class MappingCommands {
  private MappingCommands() {}

  /** Adds a mapping. */
  public record Create(MappingRecord mapping) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      if (txn.read(MappingRecord.key(mapping.name()), MappingRecord.class).isPresent()) {
        throw new ClavisException(
            ErrorCode.NAME_TAKEN, "a mapping named " + mapping.name() + " exists");
      }
      txn.put(MappingRecord.key(mapping.name()), mapping);
      return mapping;
    }
  }

  /**
   * Replaces a mapping's nodes, assignments and description (as of {@code mapping.updatedAt()});
   * its revision goes up by one.
   */
  public record Replace(MappingRecord mapping) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      MappingRecord updated = read(txn, mapping.name()).replacedBy(mapping);
      txn.put(MappingRecord.key(mapping.name()), updated);
      return updated;
    }
  }

  /** Deletes a mapping; its clients keep their last copy. */
  public record Delete(String name) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      read(txn, name);
      txn.delete(MappingRecord.key(name));
      return name;
    }
  }

  private static MappingRecord read(StateStore.Transaction txn, String name) {
    return txn.read(MappingRecord.key(name), MappingRecord.class)
        .orElseThrow(() -> ClavisException.notFound("mapping", name));
  }
}
