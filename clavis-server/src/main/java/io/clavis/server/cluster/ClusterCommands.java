package io.clavis.server.cluster;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** The replicated changes to the cluster's registry of candidates and members. */
public final class ClusterCommands {
  private ClusterCommands() {}

  /** Announces a candidate; replaces an earlier announcement of the same name. */
  public record AddCandidate(Candidate candidate) implements Command {
    @Override
    public Object apply(StateStore.Transaction txn) {
      if (txn.read(ClusterMember.key(candidate.name()), ClusterMember.class).isPresent()) {
        throw new ClavisException(
            ErrorCode.NAME_TAKEN, "a member named " + candidate.name() + " exists");
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
      return name;
    }
  }
}
