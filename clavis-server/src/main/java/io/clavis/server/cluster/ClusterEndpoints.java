package io.clavis.server.cluster;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.Method;
import io.clavis.server.http.RestServer.Routes;
import java.util.Map;

/**
 * {@code /v1/cluster}: status, candidates, join, activation, removal, roles and leadership
 * transfer.
 */
public final class ClusterEndpoints {
  private final ClusterService cluster;
  private final ClusterStatus status;

  public ClusterEndpoints(ClusterService cluster, ClusterStatus status) {
    this.cluster = cluster;
    this.status = status;
  }

  public void register(Routes routes) {
    routes.get(
        "/v1/cluster",
        Guard.tenancy("cluster.status", Verb.READ, ResourceType.CLUSTER),
        r -> ApiResponse.ok(status.status()));
    routes.get(
        "/v1/cluster/candidates",
        Guard.tenancy("cluster.list-candidates", Verb.READ, ResourceType.CLUSTER),
        r -> ApiResponse.ok(Map.of("items", cluster.candidates())));
    routes.post(
        "/v1/cluster/candidates",
        Guard.tenancy("cluster.add-candidate", Verb.MANAGE, ResourceType.CLUSTER),
        this::addCandidate);
    // Joining and activation authenticate with TLS client certificates, not tokens.
    routes.post(
        "/v1/cluster/join",
        Guard.open("cluster.join"),
        r ->
            ApiResponse.ok(
                cluster.join(
                    new ClusterService.JoinRequest(
                        r.body().text("name"),
                        r.body().text("version"),
                        r.body().optionalLong("timeMillis", 0L)),
                    r.clientCertificate())));
    routes.post(
        "/v1/cluster/members/{name}/activate",
        Guard.open("cluster.activate"),
        r -> ApiResponse.ok(cluster.activate(r.pathParam("name"), r.clientCertificate())));
    routes.add(
        Method.DELETE,
        "/v1/cluster/members/{name}",
        Guard.tenancy("cluster.remove-node", Verb.MANAGE, ResourceType.CLUSTER),
        r -> {
          cluster.removeNode(r.pathParam("name"));
          return ApiResponse.noContent();
        });
    routes.post(
        "/v1/cluster/members/{name}/role",
        Guard.tenancy("cluster.set-role", Verb.MANAGE, ResourceType.CLUSTER),
        r -> {
          cluster.setRole(r.pathParam("name"), r.body().text("role"));
          return ApiResponse.ok(status.status());
        });
    routes.post(
        "/v1/cluster/step-down",
        Guard.tenancy("cluster.step-down", Verb.MANAGE, ResourceType.CLUSTER),
        this::stepDown);
  }

  private ApiResponse stepDown(ApiRequest r) {
    // The transfer returns once this node knows the new leader, so the status shows it.
    cluster.transferLeadership(
        r.body().optionalText("to"), r.body().optionalText("from"), status.status());
    return ApiResponse.ok(status.status());
  }

  private ApiResponse addCandidate(ApiRequest r) {
    JsonBody b = r.body();
    return ApiResponse.created(
        cluster.addCandidate(
            b.text("name"),
            b.text("apiAddress"),
            b.text("clusterAddress"),
            b.text("fingerprint"),
            r.principal()));
  }
}
