package io.clavis.server.mapping;

import java.time.Instant;
import java.util.List;

/**
 * An ordered list of nodes that clients use: the first is preferred, the others are tried in order
 * when it cannot serve. Assigned to groups and services, whose clients receive it with every
 * heartbeat.
 *
 * @param revision 1 when created, one more with every change; clients compare it to their copy
 */
public record MappingRecord(
    String name,
    String description,
    List<Node> nodes,
    List<String> groups,
    List<String> services,
    long revision,
    Instant createdAt,
    Instant updatedAt,
    String createdBy) {

  public MappingRecord {
    nodes = List.copyOf(nodes);
    groups = List.copyOf(groups);
    services = List.copyOf(services);
  }

  /**
   * One node of a mapping.
   *
   * @param name the node's name (as in {@code GET /v1/cluster}); a label, not checked against it
   * @param address the URL clients inside the network use
   * @param externalAddress the URL clients outside use (NAT, a cloud load balancer); may be null
   */
  public record Node(String name, String address, String externalAddress) {}

  static final String PREFIX = "mapping/";

  static String key(String name) {
    return PREFIX + name;
  }

  /** This mapping with {@code next}'s content, one revision later. */
  MappingRecord replacedBy(MappingRecord next) {
    return new MappingRecord(
        name,
        next.description,
        next.nodes,
        next.groups,
        next.services,
        revision + 1,
        createdAt,
        next.updatedAt,
        createdBy);
  }
}
