package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.State;
import io.clavis.server.error.ClavisException;
import io.clavis.server.key.ChangeKeyStateCommand;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyState;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Instant;
import java.util.Objects;

/**
 * A KMIP lifecycle transition of one object: Activate, Revoke, Destroy, or a date that was due.
 *
 * <p>The key's state moves through {@link ChangeKeyStateCommand} (so the key service's own rules
 * hold), and the KMIP record gets the matching dates and reason in the same entry. Everything is
 * checked here, against the state the entry is applied to; the proposer's own check is only a
 * courtesy that saves a round trip.
 *
 * @param keyId the Clavis key
 * @param transition what happens
 * @param at when, decided by the proposer
 * @param reason the revocation reason (Revoke only)
 * @param compromiseOccurrenceDate when the compromise happened (Revoke for a compromise only)
 * @param dueEntry the index entry that triggered a DUE transition, removed by it
 */
public record LifecycleCommand(
    String keyId,
    Transition transition,
    Instant at,
    KmipValue.RevocationReasonValue reason,
    Instant compromiseOccurrenceDate,
    String dueEntry)
    implements Command {

  /** The transitions. */
  public enum Transition {
    ACTIVATE,
    REVOKE,
    DESTROY,
    /** An Activation or Deactivation Date was reached. */
    DUE
  }

  public LifecycleCommand {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(transition, "transition");
    Objects.requireNonNull(at, "at");
  }

  @Override
  public Object apply(StateStore.Transaction txn) {
    try {
      return transition(txn);
    } catch (KmipObjectException e) {
      return refused(txn, e);
    } catch (ClavisException e) {
      return refused(txn, KmipObjectException.from(e));
    }
  }

  /** Changes nothing, except that a due entry that cannot be acted on is not tried again. */
  private KmipCommandResult refused(StateStore.Transaction txn, KmipObjectException e) {
    txn.discard();
    if (dueEntry != null) {
      txn.delete(dueEntry);
    }
    return KmipCommandResult.failed(e);
  }

  private KmipCommandResult transition(StateStore.Transaction txn) {
    if (dueEntry != null) {
      txn.delete(dueEntry);
    }
    KeyRecord key =
        txn.read(KeyRecord.key(keyId), KeyRecord.class)
            .orElseThrow(() -> KmipObjectException.notFound(keyId));
    KmipObjectRecord stored =
        txn.read(KmipObjectRecord.key(keyId), KmipObjectRecord.class).orElse(null);
    KmipObjectRecord record = stored != null ? stored : KmipObjectRecord.defaultsFor(key);
    State state = KmipMapping.state(key, record);
    switch (transition) {
      case ACTIVATE -> {
        if (key.state() != KeyState.PRE_ACTIVE) {
          throw wrongState(state, "only a Pre-Active object can be activated");
        }
        key = change(txn, ChangeKeyStateCommand.Action.ACTIVATE);
        record = record.withLifecycle(at, null, null, null, null, null);
      }
      case REVOKE -> {
        if (reason == null) {
          throw new KmipObjectException(ResultReason.MISSING_DATA, "Revoke needs a reason");
        }
        if (isCompromise(reason.code())) {
          if (state == State.COMPROMISED || state == State.DESTROYED_COMPROMISED) {
            throw wrongState(state, "the object is already compromised");
          }
          if (key.state() != KeyState.DESTROYED) {
            key = change(txn, ChangeKeyStateCommand.Action.COMPROMISE);
          }
          record =
              record.withLifecycle(
                  null,
                  null,
                  compromiseOccurrenceDate != null ? compromiseOccurrenceDate : at,
                  at,
                  null,
                  reason);
        } else {
          if (key.state() != KeyState.PRE_ACTIVE && key.state() != KeyState.ENABLED) {
            throw wrongState(state, "only a Pre-Active or Active object can be deactivated");
          }
          key = change(txn, ChangeKeyStateCommand.Action.REVOKE);
          record = record.withLifecycle(null, at, null, null, null, reason);
        }
      }
      case DESTROY -> {
        if (key.state() == KeyState.ENABLED) {
          throw wrongState(state, "an Active object cannot be destroyed: revoke it first");
        }
        if (key.state() == KeyState.DESTROYED) {
          throw new KmipObjectException(
              ResultReason.OBJECT_DESTROYED, "object " + keyId + " is already destroyed");
        }
        key = change(txn, ChangeKeyStateCommand.Action.ERASE);
        record = record.withLifecycle(null, null, null, null, at, null);
      }
      case DUE -> {
        boolean changed = false;
        if (key.state() == KeyState.PRE_ACTIVE
            && record.activationDate() != null
            && !at.isBefore(record.activationDate())) {
          key = change(txn, ChangeKeyStateCommand.Action.ACTIVATE);
          changed = true;
        }
        if ((key.state() == KeyState.PRE_ACTIVE || key.state() == KeyState.ENABLED)
            && record.deactivationDate() != null
            && !at.isBefore(record.deactivationDate())) {
          key = change(txn, ChangeKeyStateCommand.Action.REVOKE);
          changed = true;
        }
        if (!changed) {
          return KmipCommandResult.of(key, record);
        }
      }
      default -> throw new IllegalStateException(transition.name());
    }
    KmipObjectRecord updated = record.changedAt(at);
    KmipIndex.write(txn, stored, updated);
    return KmipCommandResult.of(key, updated);
  }

  private KeyRecord change(StateStore.Transaction txn, ChangeKeyStateCommand.Action action) {
    return (KeyRecord) new ChangeKeyStateCommand(keyId, action, null, at).apply(txn);
  }

  static boolean isCompromise(RevocationReasonCode code) {
    return code == RevocationReasonCode.KEY_COMPROMISE
        || code == RevocationReasonCode.CA_COMPROMISE;
  }

  private KmipObjectException wrongState(State state, String why) {
    return KmipObjectException.wrongState(
        "object " + keyId + " is " + state.kmipName() + ": " + why);
  }
}
