package io.clavis.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Chooses the order in which the configured servers are tried for one request.
 *
 * <p>Today the policy is simple: the server that answered last (the "preferred" one) is tried
 * first, then the other servers in the configured order. A failure of the preferred server drops
 * the preference, so the next request starts again from the configured order. This is the single
 * place where high-availability logic (heartbeats, leader hints) will grow. Thread-safe.
 */
final class NodeSelector {
  private final List<URI> servers;
  private final AtomicReference<URI> preferred = new AtomicReference<>();

  NodeSelector(List<URI> servers) {
    Objects.requireNonNull(servers, "servers");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server is required");
    }
    LinkedHashSet<URI> unique = new LinkedHashSet<>(servers);
    if (unique.size() != servers.size()) {
      throw new IllegalArgumentException("duplicate server in " + servers);
    }
    this.servers = List.copyOf(servers);
  }

  /** Every configured server, in configured order. */
  List<URI> servers() {
    return servers;
  }

  /** The servers to try for the next request, best first; always contains every server. */
  List<URI> candidates() {
    URI first = preferred.get();
    if (first == null) {
      return servers;
    }
    List<URI> order = new ArrayList<>(servers.size());
    order.add(first);
    for (URI s : servers) {
      if (!s.equals(first)) {
        order.add(s);
      }
    }
    return order;
  }

  /** The server answered (with any status that is not a reason to move on). */
  void reportSuccess(URI server) {
    preferred.set(server.equals(servers.get(0)) ? null : server);
  }

  /** The server could not be reached, timed out or answered 502/503/504. */
  void reportFailure(URI server) {
    preferred.compareAndSet(server, null);
  }

  /** Whether an HTTP status means "this node cannot serve now, try another one". */
  static boolean isFailoverStatus(int status) {
    return status == 502 || status == 503 || status == 504;
  }
}
