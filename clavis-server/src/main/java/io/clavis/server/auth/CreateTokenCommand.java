package io.clavis.server.auth;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;

/** Stores a new token. */
public record CreateTokenCommand(TokenRecord token) implements Command {
  @Override
  public Object apply(StateStore.Transaction txn) {
    if (txn.read(TokenRecord.key(token.hash()), TokenRecord.class).isPresent()) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "token already exists");
    }
    txn.put(TokenRecord.key(token.hash()), token);
    return token;
  }
}
