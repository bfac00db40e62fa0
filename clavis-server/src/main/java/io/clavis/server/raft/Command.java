package io.clavis.server.raft;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.clavis.server.audit.AuditHeadCommand;
import io.clavis.server.cluster.ClusterCommands;
import io.clavis.server.identity.IdentityCommands;
import io.clavis.server.key.ChangeKeyStateCommand;
import io.clavis.server.key.CreateKeyCommand;
import io.clavis.server.key.RotateKeyCommand;
import io.clavis.server.key.UpdateKeyCommand;
import io.clavis.server.kmip.objects.CreateObjectCommand;
import io.clavis.server.kmip.objects.DefaultVaultCommand;
import io.clavis.server.kmip.objects.EditAttributesCommand;
import io.clavis.server.kmip.objects.LifecycleCommand;
import io.clavis.server.kmip.objects.LinkedCreateCommand;
import io.clavis.server.mapping.MappingCommands;
import io.clavis.server.policy.PolicyCommands;
import io.clavis.server.seal.InitializeCommand;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.CreateCompartmentCommand;
import io.clavis.server.vault.CreateVaultCommand;
import io.clavis.server.vault.DeleteCompartmentCommand;

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
  @JsonSubTypes.Type(value = IdempotentCommand.class, name = "idempotent"),
  @JsonSubTypes.Type(value = CommandBatch.class, name = "batch"),
  @JsonSubTypes.Type(value = PurgeIdempotencyCommand.class, name = "purge-idempotency"),
  @JsonSubTypes.Type(value = IdentityCommands.CreateToken.class, name = "create-token"),
  @JsonSubTypes.Type(value = IdentityCommands.RevokeToken.class, name = "revoke-token"),
  @JsonSubTypes.Type(value = IdentityCommands.CreateUser.class, name = "create-user"),
  @JsonSubTypes.Type(value = IdentityCommands.CreateService.class, name = "create-service"),
  @JsonSubTypes.Type(value = IdentityCommands.CreateGroup.class, name = "create-group"),
  @JsonSubTypes.Type(value = IdentityCommands.DeletePrincipal.class, name = "delete-principal"),
  @JsonSubTypes.Type(value = IdentityCommands.DeleteGroup.class, name = "delete-group"),
  @JsonSubTypes.Type(value = IdentityCommands.ChangeMembership.class, name = "change-membership"),
  @JsonSubTypes.Type(value = IdentityCommands.SetPassword.class, name = "set-password"),
  @JsonSubTypes.Type(value = IdentityCommands.LoginFailed.class, name = "login-failed"),
  @JsonSubTypes.Type(value = IdentityCommands.LoggedIn.class, name = "logged-in"),
  @JsonSubTypes.Type(value = IdentityCommands.Unlock.class, name = "unlock-user"),
  @JsonSubTypes.Type(value = PolicyCommands.Create.class, name = "create-policy"),
  @JsonSubTypes.Type(value = PolicyCommands.Update.class, name = "update-policy"),
  @JsonSubTypes.Type(value = PolicyCommands.Delete.class, name = "delete-policy"),
  @JsonSubTypes.Type(value = AuditHeadCommand.class, name = "audit-head"),
  @JsonSubTypes.Type(value = MappingCommands.Create.class, name = "create-mapping"),
  @JsonSubTypes.Type(value = MappingCommands.Replace.class, name = "replace-mapping"),
  @JsonSubTypes.Type(value = MappingCommands.Delete.class, name = "delete-mapping"),
  @JsonSubTypes.Type(value = CreateCompartmentCommand.class, name = "create-compartment"),
  @JsonSubTypes.Type(value = DeleteCompartmentCommand.class, name = "delete-compartment"),
  @JsonSubTypes.Type(value = CreateVaultCommand.class, name = "create-vault"),
  @JsonSubTypes.Type(value = CreateKeyCommand.class, name = "create-key"),
  @JsonSubTypes.Type(value = RotateKeyCommand.class, name = "rotate-key"),
  @JsonSubTypes.Type(value = UpdateKeyCommand.class, name = "update-key"),
  @JsonSubTypes.Type(value = ChangeKeyStateCommand.class, name = "change-key-state"),
  @JsonSubTypes.Type(value = DefaultVaultCommand.class, name = "kmip-default-vault"),
  @JsonSubTypes.Type(value = CreateObjectCommand.class, name = "kmip-create-object"),
  @JsonSubTypes.Type(value = LifecycleCommand.class, name = "kmip-lifecycle"),
  @JsonSubTypes.Type(value = EditAttributesCommand.class, name = "kmip-edit-attributes"),
  @JsonSubTypes.Type(value = LinkedCreateCommand.class, name = "kmip-linked-create"),
  @JsonSubTypes.Type(value = ClusterCommands.AddCandidate.class, name = "add-candidate"),
  @JsonSubTypes.Type(value = ClusterCommands.AdmitMember.class, name = "admit-member"),
  @JsonSubTypes.Type(value = ClusterCommands.RemoveMember.class, name = "remove-member"),
})
public interface Command {
  /**
   * A command whose answer is never repeated for an {@code Idempotency-Key}: its request hands the
   * caller a secret that only the request knows (a token), which a stored answer cannot give back.
   * A repeat makes a new one instead.
   */
  interface Unrepeatable extends Command {}

  /** Applies the command; returns the result for the caller (serialised to JSON). */
  Object apply(StateStore.Transaction txn);
}
