package io.clavis.client;

import java.net.URI;

/**
 * Told of each final answer a {@link ClavisClient} receives: which server gave it and the node name
 * that server reported in its {@code Clavis-Node} header. For tools that count where requests went
 * (the load generator counts answers per node); set with {@link
 * ClavisClient.Builder#answerListener}.
 *
 * <p>Called on the thread that made the call, before the SDK method returns or throws, once per
 * call that got a final answer (success or error); answers that made the SDK move on to another
 * server (502, 503, 504) and calls that reached no server are not reported. It must be quick and
 * must not throw.
 */
@FunctionalInterface
public interface AnswerListener {
  /**
   * @param server the configured server URL that answered
   * @param node the node name of the {@code Clavis-Node} header, or null when it is missing
   * @param status the HTTP status of the answer
   */
  void answered(URI server, String node, int status);
}
