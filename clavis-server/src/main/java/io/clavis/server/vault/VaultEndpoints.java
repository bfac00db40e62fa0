package io.clavis.server.vault;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.access.TargetRef;
import io.clavis.server.common.Page;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
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
        Guard.on(
            "compartment.create",
            Verb.MANAGE,
            ResourceType.COMPARTMENTS,
            TargetRef.body(TargetRef.TargetKind.COMPARTMENT, "parentId")),
        r ->
            ApiResponse.created(
                vaults.createCompartment(
                    r.body().text("name"), r.body().optionalText("parentId"), r.principal())));
    routes.get(
        "/v1/compartments",
        Guard.filtered("compartment.list", Verb.INSPECT, ResourceType.COMPARTMENTS),
        r ->
            ApiResponse.ok(
                Map.of(
                    "items",
                    vaults.listCompartments().stream().filter(c -> r.mayList(c.id())).toList())));
    routes.get(
        "/v1/compartments/{id}",
        Guard.on(
            "compartment.get",
            Verb.READ,
            ResourceType.COMPARTMENTS,
            TargetRef.path(TargetRef.TargetKind.COMPARTMENT, "id")),
        r -> ApiResponse.ok(vaults.compartment(r.pathParam("id"))));
    routes.delete(
        "/v1/compartments/{id}",
        Guard.on(
            "compartment.delete",
            Verb.MANAGE,
            ResourceType.COMPARTMENTS,
            TargetRef.path(TargetRef.TargetKind.COMPARTMENT_PARENT, "id")),
        r -> {
          vaults.deleteCompartment(r.pathParam("id"));
          return ApiResponse.noContent();
        });
    routes.post(
        "/v1/vaults",
        Guard.on(
            "vault.create",
            Verb.MANAGE,
            ResourceType.VAULTS,
            TargetRef.body(TargetRef.TargetKind.COMPARTMENT, "compartmentId")),
        r ->
            ApiResponse.created(
                vaults.create(
                    r.body().text("name"), r.body().optionalText("compartmentId"), r.principal())));
    routes.get(
        "/v1/vaults", Guard.filtered("vault.list", Verb.INSPECT, ResourceType.VAULTS), this::list);
    routes.get(
        "/v1/vaults/{id}",
        Guard.on(
            "vault.get",
            Verb.READ,
            ResourceType.VAULTS,
            TargetRef.path(TargetRef.TargetKind.VAULT, "id")),
        r -> ApiResponse.ok(vaults.get(r.pathParam("id"))));
  }

  private ApiResponse list(ApiRequest r) {
    int limit = r.queryInt("limit", Page.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    Page<Vault> page = vaults.list(limit, r.query("page").orElse(null));
    return ApiResponse.ok(
        new Page<>(
            page.items().stream().filter(v -> r.mayList(v.compartmentId())).toList(),
            page.nextPage()));
  }
}
