package io.clavis.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.raft.RaftNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * {@code GET /v1/cluster}: every node as this node sees it. Other nodes are asked for their health
 * in parallel with a short timeout, which also measures their clock offset; a node that does not
 * answer is DOWN.
 */
public final class ClusterStatus {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(1500);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RaftNode raft;
  private final ClusterService cluster;
  private final Supplier<SSLContext> tls;
  private final Supplier<Map<String, Object>> localHealth;
  private volatile HttpClient http;

  public ClusterStatus(
      RaftNode raft,
      ClusterService cluster,
      Supplier<SSLContext> tls,
      Supplier<Map<String, Object>> localHealth) {
    this.raft = raft;
    this.cluster = cluster;
    this.tls = tls;
    this.localHealth = localHealth;
  }

  /** One node's line in the status. */
  public record NodeStatus(
      String name,
      String role,
      String apiAddress,
      String clusterAddress,
      String state,
      Long appliedIndex,
      Long lag,
      Long clockOffsetMs,
      String version) {}

  /** The whole answer. */
  public record Status(String leader, long term, String caFingerprint, List<NodeStatus> nodes) {}

  public Status status() {
    String leader = raft.leaderName();
    Map<String, ClusterMember> registry = new LinkedHashMap<>();
    for (ClusterMember m : cluster.members()) {
      registry.put(m.name(), m);
    }
    List<RaftNode.Member> configured = raft.members();
    Map<String, CompletableFuture<Probe>> probes = new LinkedHashMap<>();
    for (RaftNode.Member m : configured) {
      ClusterMember reg = registry.get(m.name());
      if (m.name().equals(raft.name())) {
        probes.put(m.name(), CompletableFuture.completedFuture(Probe.of(localHealth.get(), 0)));
      } else if (reg != null) {
        probes.put(m.name(), probe(reg.apiAddress()));
      } else {
        probes.put(m.name(), CompletableFuture.completedFuture(null));
      }
    }
    long maxApplied = 0;
    Map<String, Probe> results = new LinkedHashMap<>();
    for (var e : probes.entrySet()) {
      Probe p = e.getValue().join();
      results.put(e.getKey(), p);
      if (p != null && p.appliedIndex() != null) {
        maxApplied = Math.max(maxApplied, p.appliedIndex());
      }
    }
    List<NodeStatus> nodes = new ArrayList<>();
    for (RaftNode.Member m : configured) {
      ClusterMember reg = registry.get(m.name());
      Probe p = results.get(m.name());
      String role = m.name().equals(leader) ? "LEADER" : m.listener() ? "LISTENER" : "FOLLOWER";
      String state;
      if (reg == null) {
        state = "JOINING";
      } else if (p == null) {
        state = "DOWN";
      } else {
        state = p.mode();
      }
      nodes.add(
          new NodeStatus(
              m.name(),
              role,
              reg == null ? null : reg.apiAddress(),
              m.clusterAddress(),
              state,
              p == null ? null : p.appliedIndex(),
              p == null || p.appliedIndex() == null ? null : maxApplied - p.appliedIndex(),
              p == null ? null : p.clockOffsetMs(),
              p == null ? (reg == null ? null : reg.version()) : p.version()));
    }
    for (Candidate c : cluster.candidates()) {
      if (configured.stream().noneMatch(m -> m.name().equals(c.name()))) {
        nodes.add(
            new NodeStatus(
                c.name(),
                "CANDIDATE",
                c.apiAddress(),
                c.clusterAddress(),
                "JOINING",
                null,
                null,
                null,
                null));
      }
    }
    return new Status(leader, raft.currentTerm(), cluster.caFingerprint(), nodes);
  }

  private record Probe(String mode, Long appliedIndex, Long clockOffsetMs, String version) {
    static Probe of(Map<String, Object> health, long clockOffsetMs) {
      Object applied = health.get("appliedIndex");
      return new Probe(
          String.valueOf(health.get("mode")),
          applied instanceof Number n ? n.longValue() : null,
          clockOffsetMs,
          String.valueOf(health.get("version")));
    }
  }

  private CompletableFuture<Probe> probe(String apiAddress) {
    long sent = System.currentTimeMillis();
    HttpRequest req =
        HttpRequest.newBuilder(URI.create(apiAddress + "/v1/sys/health"))
            .timeout(PROBE_TIMEOUT)
            .GET()
            .build();
    return client()
        .sendAsync(req, HttpResponse.BodyHandlers.ofByteArray())
        .thenApply(
            r -> {
              long received = System.currentTimeMillis();
              try {
                JsonNode h = JSON.readTree(r.body());
                long remote = h.path("time").asLong(0);
                Long offset = remote == 0 ? null : remote - (sent + received) / 2;
                return new Probe(
                    h.path("mode").asText("UNKNOWN"),
                    h.has("appliedIndex") ? h.get("appliedIndex").asLong() : null,
                    offset,
                    h.path("version").asText(null));
              } catch (java.io.IOException e) {
                return null;
              }
            })
        .exceptionally(e -> null);
  }

  private HttpClient client() {
    HttpClient c = http;
    if (c == null) {
      c =
          HttpClient.newBuilder()
              .sslContext(tls.get())
              .connectTimeout(PROBE_TIMEOUT)
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      http = c;
    }
    return c;
  }
}
