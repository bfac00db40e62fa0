package io.clavis.server.vault;

import io.clavis.server.common.Page;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Access;
import io.clavis.server.http.RestServer.Routes;
import java.util.Map;

/** {@code /v1/compartments} and {@code /v1/vaults}. */
public final class VaultEndpoints {
  private final VaultService vaults;

  public VaultEndpoints(VaultService vaults) {
    this.vaults = vaults;
  }

  public void register(Routes routes) {
    routes.post(
        "/v1/compartments",
        Access.AUTHENTICATED,
        r ->
            ApiResponse.created(
                vaults.createCompartment(
                    r.body().text("name"), r.body().optionalText("parentId"), r.principal())));
    routes.get(
        "/v1/compartments",
        Access.AUTHENTICATED,
        r -> ApiResponse.ok(Map.of("items", vaults.listCompartments())));
    routes.post(
        "/v1/vaults",
        Access.AUTHENTICATED,
        r ->
            ApiResponse.created(
                vaults.create(
                    r.body().text("name"), r.body().optionalText("compartmentId"), r.principal())));
    routes.get("/v1/vaults", Access.AUTHENTICATED, this::list);
    routes.get(
        "/v1/vaults/{id}",
        Access.AUTHENTICATED,
        r -> ApiResponse.ok(vaults.get(r.pathParam("id"))));
  }

  private ApiResponse list(ApiRequest r) {
    int limit = r.queryInt("limit", Page.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    return ApiResponse.ok(vaults.list(limit, r.query("page").orElse(null)));
  }
}
