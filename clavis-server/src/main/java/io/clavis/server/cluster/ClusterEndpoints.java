package io.clavis.server.cluster;

import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.RestServer.Access;
import io.clavis.server.http.RestServer.Routes;
import io.helidon.http.Method;
import java.util.Map;

/** {@code /v1/cluster}: status, candidates, join, activation, removal and roles. */
public final class ClusterEndpoints {
  private final ClusterService cluster;
  private final ClusterStatus status;

  public ClusterEndpoints(ClusterService cluster, ClusterStatus status) {
    this.cluster = cluster;
    this.status = status;
  }

  public void register(Routes routes) {
    routes.get("/v1/cluster", Access.AUTHENTICATED, r -> ApiResponse.ok(status.status()));
    routes.get(
        "/v1/cluster/candidates",
        Access.AUTHENTICATED,
        r -> ApiResponse.ok(Map.of("items", cluster.candidates())));
    routes.post("/v1/cluster/candidates", Access.AUTHENTICATED, this::addCandidate);
    // Joining and activation authenticate with TLS client certificates, not tokens.
    routes.post(
        "/v1/cluster/join",
        Access.PUBLIC,
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
        Access.PUBLIC,
        r -> ApiResponse.ok(cluster.activate(r.pathParam("name"), r.clientCertificate())));
    routes.add(
        Method.DELETE,
        "/v1/cluster/members/{name}",
        Access.AUTHENTICATED,
        r -> {
          cluster.removeNode(r.pathParam("name"));
          return ApiResponse.noContent();
        });
    routes.post(
        "/v1/cluster/members/{name}/role",
        Access.AUTHENTICATED,
        r -> {
          cluster.setRole(r.pathParam("name"), r.body().text("role"));
          return ApiResponse.ok(status.status());
        });
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
