package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * An ordered list of nodes handed to clients ({@code /v1/mappings}): they use the first healthy
 * node and fail over down the list. Assigned to groups and services.
 *
 * @param revision 1 when created, one more with every change
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Mapping(
    String name,
    String description,
    List<Node> nodes,
    List<String> groups,
    List<String> services,
    long revision,
    Instant createdAt,
    Instant updatedAt,
    String createdBy) {

  public Mapping {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    groups = groups == null ? List.of() : List.copyOf(groups);
    services = services == null ? List.of() : List.copyOf(services);
  }

  /**
   * One node of a mapping.
   *
   * @param address the URL clients inside the nodes' network use, such as {@code
   *     https://10.0.0.5:8443}
   * @param externalAddress the URL clients outside use (NAT, a cloud load balancer), or null
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Node(String name, String address, String externalAddress) {
    public Node(String name, String address) {
      this(name, address, null);
    }
  }
}
