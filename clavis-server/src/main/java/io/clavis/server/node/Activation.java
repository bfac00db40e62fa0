package io.clavis.server.node;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node that has just joined asks the node that admitted it to add it to the Raft configuration,
 * now that its own Raft server runs, and keeps asking until that is done; then it forgets the
 * request.
 */
final class Activation {
  private static final Logger LOG = LoggerFactory.getLogger(Activation.class);
  private static final Duration RETRY = Duration.ofSeconds(1);

  private final NodeIdentity identity;
  private final Path dataDir;
  private final HttpClient http;
  private final Thread thread;
  private volatile boolean stopped;

  Activation(NodeIdentity identity, Path dataDir, SSLContext nodeTls) {
    this.identity = identity;
    this.dataDir = dataDir;
    this.http =
        HttpClient.newBuilder()
            .sslContext(nodeTls)
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.thread = Thread.ofVirtual().name("clavis-activation").unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  void stop() {
    stopped = true;
    thread.interrupt();
  }

  private void run() {
    URI uri =
        URI.create(identity.activateVia() + "/v1/cluster/members/" + identity.name() + "/activate");
    while (!stopped) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(90))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          identity.activated().save(dataDir);
          LOG.info("Node {} is a member of the cluster", identity.name());
          return;
        }
        LOG.warn(
            "Activation via {} refused ({}): {}", identity.activateVia(), r.statusCode(), r.body());
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        LOG.warn("Activation via {} failed: {}", identity.activateVia(), e.toString());
      }
      try {
        Thread.sleep(RETRY);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
