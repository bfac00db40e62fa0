package io.clavis.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The ordered list of nodes a client uses (its mapping) and which of them are down.
 *
 * <p>The first node that is not down is preferred; a node that failed is skipped until the
 * heartbeat finds it healthy again or, without a heartbeat, until {@code retryAfterNanos} has
 * passed, so the client returns to the preferred node once it is back. Nodes that are down are
 * still tried, last, when nothing else answers. Thread-safe.
 */
final class NodeSelector {
  private final LongSupplier nanoClock;
  private final long retryAfterNanos;
  private volatile List<URI> order;
  private volatile long revision;
  private volatile String mappingName;

  /** When each node that failed may be tried again first (nanoClock time). */
  private final Map<URI, Long> downUntil = new ConcurrentHashMap<>();

  NodeSelector(List<URI> servers) {
    this(servers, System::nanoTime, 5_000_000_000L);
  }

  NodeSelector(List<URI> servers, LongSupplier nanoClock, long retryAfterNanos) {
    this.order = checked(servers);
    this.nanoClock = nanoClock;
    this.retryAfterNanos = retryAfterNanos;
  }

  private static List<URI> checked(List<URI> servers) {
    Objects.requireNonNull(servers, "servers");
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one server is required");
    }
    LinkedHashSet<URI> unique = new LinkedHashSet<>(servers);
    if (unique.size() != servers.size()) {
      throw new IllegalArgumentException("duplicate server in " + servers);
    }
    return List.copyOf(servers);
  }

  /** Every node, in mapping order. */
  List<URI> servers() {
    return order;
  }

  /** The servers to try for the next request: nodes that are up in order, then the others. */
  List<URI> candidates() {
    List<URI> nodes = order;
    if (downUntil.isEmpty()) {
      return nodes;
    }
    long now = nanoClock.getAsLong();
    List<URI> up = new ArrayList<>(nodes.size());
    List<URI> down = new ArrayList<>(2);
    for (URI n : nodes) {
      Long until = downUntil.get(n);
      if (until == null || now - until >= 0) {
        up.add(n);
      } else {
        down.add(n);
      }
    }
    up.addAll(down);
    return up;
  }

  /** The node requests go to first now. */
  URI preferred() {
    return candidates().get(0);
  }

  /** Nodes currently skipped because they failed. */
  List<URI> down() {
    long now = nanoClock.getAsLong();
    return order.stream().filter(n -> downUntil.getOrDefault(n, now) - now > 0).toList();
  }

  /** The node answered (with any status that is not a reason to move on). */
  void reportSuccess(URI server) {
    if (!downUntil.isEmpty()) {
      downUntil.remove(server);
    }
  }

  /** The node could not be reached, timed out or answered 502/503/504. */
  void reportFailure(URI server) {
    downUntil.put(server, nanoClock.getAsLong() + retryAfterNanos);
  }

  /**
   * Adopts a mapping the server handed out, when it is newer than the one in use: the order changes
   * at once, nodes that are down stay down.
   *
   * @return whether the order changed
   */
  synchronized boolean adopt(String name, long newRevision, List<URI> nodes) {
    if (nodes.isEmpty() || (name.equals(mappingName) && newRevision <= revision)) {
      return false;
    }
    List<URI> next = checked(new ArrayList<>(new LinkedHashSet<>(nodes)));
    mappingName = name;
    revision = newRevision;
    boolean changed = !next.equals(order);
    order = next;
    downUntil.keySet().retainAll(next);
    return changed;
  }

  /** The mapping in use (name and revision), or null before any was received. */
  String mapping() {
    String n = mappingName;
    return n == null ? null : n + "@" + revision;
  }

  /** Whether an HTTP status means "this node cannot serve now, try another one". */
  static boolean isFailoverStatus(int status) {
    return status == 502 || status == 503 || status == 504;
  }
}
