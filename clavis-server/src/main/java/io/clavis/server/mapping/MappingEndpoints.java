package io.clavis.server.mapping;

import com.fasterxml.jackson.databind.node.NullNode;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.Method;
import io.clavis.server.http.RestServer.Routes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /v1/mappings} (managed with the {@code cluster} permissions) and the clients' heartbeat
 * {@code GET /v1/sys/heartbeat}, which answers this node's health and the caller's mapping.
 */
public final class MappingEndpoints {
  private final MappingService mappings;
  private final Supplier<Map<String, Object>> health;

  public MappingEndpoints(MappingService mappings, Supplier<Map<String, Object>> health) {
    this.mappings = mappings;
    this.health = health;
  }

  public void register(Routes routes) {
    routes.post(
        "/v1/mappings",
        Guard.tenancy("mapping.create", Verb.MANAGE, ResourceType.CLUSTER),
        r -> {
          MappingRecord m = mappings.create(r.body().text("name"), spec(r.body()), r.principal());
          r.audit("mapping", m.name());
          return ApiResponse.created(m);
        });
    routes.get(
        "/v1/mappings",
        Guard.tenancy("mapping.list", Verb.READ, ResourceType.CLUSTER),
        r -> ApiResponse.ok(Map.of("items", mappings.list())));
    routes.get(
        "/v1/mappings/{name}",
        Guard.tenancy("mapping.get", Verb.READ, ResourceType.CLUSTER),
        r -> ApiResponse.ok(mappings.get(r.pathParam("name"))));
    routes.add(
        Method.PUT,
        "/v1/mappings/{name}",
        Guard.tenancy("mapping.update", Verb.MANAGE, ResourceType.CLUSTER),
        r -> ApiResponse.ok(mappings.replace(r.pathParam("name"), spec(r.body()))));
    routes.delete(
        "/v1/mappings/{name}",
        Guard.tenancy("mapping.delete", Verb.MANAGE, ResourceType.CLUSTER),
        r -> {
          mappings.delete(r.pathParam("name"));
          return ApiResponse.noContent();
        });
    routes.get("/v1/sys/heartbeat", Guard.heartbeat("sys.heartbeat"), this::heartbeat);
  }

  /**
   * Health and mapping in one answer, so a client's background check costs one request. The mapping
   * is the one asked for by name (any authenticated caller may follow a named mapping), else the
   * one assigned to the caller, else null.
   */
  private ApiResponse heartbeat(ApiRequest r) {
    Map<String, Object> out = new LinkedHashMap<>(health.get());
    MappingRecord m =
        r.query("mapping")
            .map(mappings::get)
            .orElseGet(() -> mappings.assignedTo(r.principal()).orElse(null));
    out.put("mapping", m == null ? NullNode.getInstance() : clientView(m));
    return ApiResponse.ok(out);
  }

  /** What a client needs of a mapping: no assignments, no authorship. */
  private static Map<String, Object> clientView(MappingRecord m) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("name", m.name());
    v.put("revision", m.revision());
    v.put("nodes", m.nodes());
    return v;
  }

  private static MappingService.Spec spec(JsonBody b) {
    List<MappingRecord.Node> nodes = new ArrayList<>();
    for (JsonBody n : b.objectList("nodes", MappingService.MAX_NODES)) {
      nodes.add(
          new MappingRecord.Node(
              n.text("name"), n.text("address"), n.optionalText("externalAddress")));
    }
    return new MappingService.Spec(
        b.optionalText("description"),
        nodes,
        b.optionalStringList("groups", MappingService.MAX_ASSIGNEES),
        b.optionalStringList("services", MappingService.MAX_ASSIGNEES));
  }
}
