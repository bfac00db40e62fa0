package io.clavis.server.raft;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.clavis.server.auth.CreateTokenCommand;
import io.clavis.server.cluster.ClusterCommands;
import io.clavis.server.key.ChangeKeyStateCommand;
import io.clavis.server.key.CreateKeyCommand;
import io.clavis.server.key.RotateKeyCommand;
import io.clavis.server.key.UpdateKeyCommand;
import io.clavis.server.seal.InitializeCommand;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.CreateCompartmentCommand;
import io.clavis.server.vault.CreateVaultCommand;

/**
 * A mutation of the replicated state: one entry in the Raft log.
 *
 * <p>A command carries everything that is not deterministic (ids, times, freshly generated and
 * already wrapped key material), so that every node applying it reaches the same state. {@link
 * #apply} validates against the current state and either writes or rejects with a {@link
 * io.clavis.server.error.ClavisException}; a rejection is deterministic too and changes nothing.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = InitializeCommand.class, name = "initialize"),
  @JsonSubTypes.Type(value = CreateTokenCommand.class, name = "create-token"),
  @JsonSubTypes.Type(value = CreateCompartmentCommand.class, name = "create-compartment"),
  @JsonSubTypes.Type(value = CreateVaultCommand.class, name = "create-vault"),
  @JsonSubTypes.Type(value = CreateKeyCommand.class, name = "create-key"),
  @JsonSubTypes.Type(value = RotateKeyCommand.class, name = "rotate-key"),
  @JsonSubTypes.Type(value = UpdateKeyCommand.class, name = "update-key"),
  @JsonSubTypes.Type(value = ChangeKeyStateCommand.class, name = "change-key-state"),
  @JsonSubTypes.Type(value = ClusterCommands.AddCandidate.class, name = "add-candidate"),
  @JsonSubTypes.Type(value = ClusterCommands.AdmitMember.class, name = "admit-member"),
  @JsonSubTypes.Type(value = ClusterCommands.RemoveMember.class, name = "remove-member"),
})
public interface Command {
  /** Applies the command; returns the result for the caller (serialised to JSON). */
  Object apply(StateStore.Transaction txn);
}
