package io.clavis.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The client's background check: every interval it asks each node that is down whether it is
 * healthy again (so the client returns to its preferred node), and asks the preferred node for the
 * client's current mapping (so edits reach the client).
 */
final class Heartbeat implements AutoCloseable {
  private final NodeSelector nodes;
  private final HttpTransport transport;
  private final String mappingName;
  private final boolean externalAddresses;
  private final boolean authenticated;
  private final ScheduledExecutorService timer;
  private final Duration timeout;

  Heartbeat(
      NodeSelector nodes,
      HttpTransport transport,
      String mappingName,
      boolean externalAddresses,
      boolean authenticated,
      Duration timeout) {
    this.timeout = timeout;
    this.nodes = nodes;
    this.transport = transport;
    this.mappingName = mappingName;
    this.externalAddresses = externalAddresses;
    this.authenticated = authenticated;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "clavis-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  void start(Duration interval) {
    long ms = interval.toMillis();
    timer.scheduleWithFixedDelay(this::beatQuietly, ms, ms, TimeUnit.MILLISECONDS);
  }

  private void beatQuietly() {
    try {
      beat();
    } catch (RuntimeException e) {
      // A failed beat changes nothing; the next one tries again.
    }
  }

  /** One check: nodes that are down, then the mapping. */
  void beat() {
    for (URI down : nodes.down()) {
      JsonNode health =
          transport.probe(down, HttpTransport.Call.get("/v1/sys/health").anonymous(), timeout);
      if (health != null) {
        nodes.reportSuccess(down);
      }
    }
    if (authenticated) {
      refreshMapping(); // the heartbeat endpoint needs a token
    }
  }

  /** Asks the preferred node (then the others) for the mapping and adopts a newer one. */
  void refreshMapping() {
    HttpTransport.Call call =
        HttpTransport.Call.get("/v1/sys/heartbeat")
            .query(mappingName == null ? Map.of() : Map.of("mapping", mappingName));
    for (URI server : nodes.candidates()) {
      JsonNode beat = transport.probe(server, call, timeout);
      if (beat == null) {
        continue;
      }
      JsonNode mapping = beat.path("mapping");
      if (mapping.isObject()) {
        adopt(mapping);
      }
      return;
    }
  }

  private void adopt(JsonNode mapping) {
    List<URI> order = new ArrayList<>();
    for (JsonNode n : mapping.path("nodes")) {
      String external = n.path("externalAddress").asText(null);
      String address =
          externalAddresses && external != null ? external : n.path("address").asText(null);
      if (address != null) {
        try {
          order.add(URI.create(address));
        } catch (IllegalArgumentException e) {
          return; // the server checks addresses; never adopt half a mapping
        }
      }
    }
    nodes.adopt(mapping.path("name").asText(""), mapping.path("revision").asLong(), order);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
