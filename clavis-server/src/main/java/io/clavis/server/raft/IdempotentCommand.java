package io.clavis.server.raft;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateStore;
import java.time.Instant;
import java.util.Optional;

/**
 * A command sent under a client's idempotency key: applied once, and answered from the stored
 * answer when the same request comes again (through any node) before the answer expires.
 *
 * @param name caller, key and position of the command in its request
 * @param fingerprint digest of the request; the same key with another request is refused
 * @param at when the command was submitted (decides expiry deterministically)
 * @param expiresAt until when a repeat is answered from the stored answer
 * @param command the write itself
 */
public record IdempotentCommand(
    String name, String fingerprint, Instant at, Instant expiresAt, Command command)
    implements Command {

  static final String PREFIX = "idem/";
  static final String EXPIRY_PREFIX = "idem-expiry/";

  /** The stored answer of the first request. */
  record Answer(String fingerprint, Instant expiresAt, CommandReply reply) {}

  /** The entry of the expiry index: an answer to drop once its time has passed. */
  record Expiry(String name, Instant expiresAt) {}

  @Override
  public Object apply(StateStore.Transaction txn) {
    // The state machine calls applyOnce; a nested use would lose the stored answer.
    throw new IllegalStateException("an idempotent command is applied by the state machine");
  }

  /** The answer for this command: stored, or computed by {@code fresh} and stored. */
  CommandReply applyOnce(
      StateStore.Transaction txn, java.util.function.Function<Command, CommandReply> fresh) {
    Optional<Answer> earlier =
        txn.read(PREFIX + name, Answer.class).filter(a -> a.expiresAt().isAfter(at));
    if (earlier.isPresent()) {
      if (!earlier.get().fingerprint().equals(fingerprint)) {
        return CommandReply.rejected(
            new ClavisException(
                ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "this "
                    + Idempotency.HEADER
                    + " was already used for a different request; use a new key"));
      }
      return earlier.get().reply().asReplay();
    }
    CommandReply reply = fresh.apply(command);
    txn.put(PREFIX + name, new Answer(fingerprint, expiresAt, reply));
    txn.put(expiryKey(expiresAt, name), new Expiry(name, expiresAt));
    return reply;
  }

  static String expiryKey(Instant expiresAt, String name) {
    return EXPIRY_PREFIX + String.format("%019d", expiresAt.toEpochMilli()) + "/" + name;
  }
}
