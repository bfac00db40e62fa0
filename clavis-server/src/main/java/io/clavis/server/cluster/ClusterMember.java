package io.clavis.server.cluster;

import java.time.Instant;

/** A node admitted to the cluster, as replicated: where to reach it and what it runs. */
public record ClusterMember(
    String name, String apiAddress, String clusterAddress, String version, Instant joinedAt) {
  static final String PREFIX = "cluster/member/";

  public static String key(String name) {
    return PREFIX + name;
  }
}
