package io.clavis.server.raft;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateJson;

/**
 * What applying a command answered: a result, or a deterministic rejection. {@code replayed} says
 * the answer is the stored one of an earlier request with the same idempotency key.
 */
public record CommandReply(
    JsonNode result, ErrorCode errorCode, String errorMessage, boolean replayed) {

  static CommandReply ok(Object result) {
    return new CommandReply(StateJson.MAPPER.valueToTree(result), null, null, false);
  }

  static CommandReply rejected(ClavisException e) {
    return new CommandReply(null, e.code(), e.getMessage(), false);
  }

  CommandReply asReplay() {
    return new CommandReply(result, errorCode, errorMessage, true);
  }

  /** The result as {@code type}, or the rejection rethrown. */
  public <T> T resultAs(Class<T> type) {
    if (errorCode != null) {
      throw new ClavisException(errorCode, errorMessage);
    }
    try {
      return StateJson.MAPPER.treeToValue(result, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("unreadable command result", e);
    }
  }
}
