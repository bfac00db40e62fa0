package io.clavis.cli.server;

import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.NodeConfig;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** A node started from the command line: closed cleanly on SIGTERM or Ctrl-C. */
final class RunningNode {
  private final ClavisNode node;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private RunningNode(ClavisNode node) {
    this.node = node;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "clavis-shutdown"));
  }

  static RunningNode start(NodeConfig config) throws IOException {
    return new RunningNode(ClavisNode.start(config));
  }

  ClavisNode node() {
    return node;
  }

  /** Blocks until the JVM is asked to stop and the node has closed. */
  void awaitStop() throws InterruptedException {
    stopped.await();
  }
}
