package io.clavis.server.cluster;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** The replicated changes to the cluster's registry of candidates and members. */
public final class ClusterCommands {
  private ClusterCommands() {}

  static String removedKey(String name) {
    return "cluster/removed/" + name;
  }

  /** Announces a candidate; replaces an earlier announcement of the same name. */
  public record AddCandidate(Candidate candidate) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      if (txn.read(ClusterMember.key(candidate.name()), ClusterMember.class).isPresent()) {
        throw new ClavisException(
            ErrorCode.NAME_TAKEN, "a member named " + candidate.name() + " exists");
      }
      if (txn.read(removedKey(candidate.name()), String.class).isPresent()) {
        // Raft remembers a removed peer by name with its old address; a new node under the
        // same name could never be brought up to date.
        throw new ClavisException(
            ErrorCode.NAME_TAKEN,
            "the name "
                + candidate.name()
                + " belonged to a removed node; give the replacement a new name");
      }
      txn.put(Candidate.key(candidate.name()), candidate);
      return candidate;
    }
  }

  /** Records a candidate as a member once Raft has added it to the configuration. */
  public record AdmitMember(ClusterMember member) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      txn.delete(Candidate.key(member.name()));
      txn.put(ClusterMember.key(member.name()), member);
      return member;
    }
  }

  /** Forgets a member that was removed from the Raft configuration. */
  public record RemoveMember(String name) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      txn.delete(ClusterMember.key(name));
      txn.put(removedKey(name), name);
      return name;
    }
  }
}
