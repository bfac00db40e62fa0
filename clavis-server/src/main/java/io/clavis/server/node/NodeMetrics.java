package io.clavis.server.node;

import io.clavis.server.audit.AuditTrail;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyService;
import io.clavis.server.kmip.KmipListener;
import io.clavis.server.metrics.MetricType;
import io.clavis.server.metrics.MetricsRegistry;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.seal.Seal;
import java.util.List;
import java.util.function.Supplier;

/**
 * The node's own gauges and counters: its Raft role, term and indexes, follower lag (leader only),
 * whether it is sealed or read-only, the key record cache, the audit queue and KMIP connections.
 * Each is read from its owner at scrape time.
 */
final class NodeMetrics {
  private static final List<String> ROLES = List.of("LEADER", "FOLLOWER", "CANDIDATE", "LISTENER");
  private static final String ROLE = "clavis_raft_role";
  private static final String LAG = "clavis_raft_follower_lag";
  private static final String SENT = "clavis_raft_entries_sent_total";

  private NodeMetrics() {}

  static void register(
      MetricsRegistry registry,
      RaftNode raft,
      Seal seal,
      KeyService keys,
      KeyMaterials materials,
      AuditTrail audit,
      Supplier<KmipListener> kmip) {
    registry.add(
        out -> {
          String current = raft.role();
          out.family(ROLE, MetricType.GAUGE, "1 for this node's current Raft role, else 0.");
          for (String role : ROLES) {
            out.sample(
                ROLE,
                role.equals(current) ? 1 : 0,
                "role",
                role.toLowerCase(java.util.Locale.ROOT));
          }
        });
    registry.add(
        out -> {
          out.family(
              SENT,
              MetricType.COUNTER,
              "Log entries of this node's writes (each holds one or more commands), by how they"
                  + " reached the leader: this node itself while it leads, or sent to it.");
          out.sample(SENT, raft.entriesSentAsLeader(), "via", "self");
          out.sample(SENT, raft.entriesSentToLeader(), "via", "client");
        });
    registry
        .gauge("clavis_raft_term", "The Raft term this node is in.", raft::currentTerm)
        .gauge(
            "clavis_raft_commit_index",
            "The highest Raft log index this node knows to be committed.",
            raft::commitIndex)
        .gauge(
            "clavis_raft_applied_index",
            "The highest Raft log index applied to this node's state.",
            raft::appliedIndex);
    registry.add(
        out -> {
          out.family(
              LAG,
              MetricType.GAUGE,
              "Committed entries a member has yet to commit, as the leader sees it (leader only).");
          raft.followerLag().forEach((member, lag) -> out.sample(LAG, lag, "follower", member));
        });
    registry
        .gauge(
            "clavis_read_only",
            "1 while the node is unsealed but without a Raft leader: crypto works, writes fail.",
            () -> seal.status() == Seal.Status.UNSEALED && !raft.hasLeader() ? 1 : 0)
        .gauge(
            "clavis_sealed",
            "1 while the node is sealed or not initialised and serves no keys.",
            () -> seal.status() == Seal.Status.UNSEALED ? 0 : 1)
        .counter(
            "clavis_key_cache_hits_total",
            "Key record lookups answered from the node's cache.",
            keys::recordCacheHits)
        .counter(
            "clavis_key_cache_misses_total",
            "Key record lookups that read the state store.",
            keys::recordCacheMisses)
        .gauge(
            "clavis_key_versions_unwrapped",
            "Key versions whose material this node holds unwrapped in memory (none while sealed).",
            materials::unwrappedVersions)
        .gauge(
            "clavis_audit_queue_depth",
            "Audit records waiting for the writer thread.",
            audit::queueDepth)
        .gauge(
            "clavis_kmip_connections",
            "KMIP connections open now.",
            () -> {
              KmipListener k = kmip.get();
              return k == null ? 0 : k.openConnections();
            });
  }
}
