package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code GET /v1/cluster}: every node as the answering node sees it. {@code leader}
 * is the leader's name (null while there is none), {@code term} the Raft term, {@code
 * caFingerprint} the SHA-256 fingerprint of the cluster CA, which joining nodes pin (null on
 * servers that do not report it yet).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterStatus(
    String leader, long term, String caFingerprint, List<ClusterNode> nodes) {
  public ClusterStatus {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
