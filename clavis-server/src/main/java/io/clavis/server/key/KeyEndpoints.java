package io.clavis.server.key;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.access.TargetRef;
import io.clavis.server.common.Page;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.Method;
import io.clavis.server.http.RestServer.Routes;
import java.util.function.Function;

/** Key management: {@code /v1/keys} and the lifecycle actions under {@code /v1/keys/{id}}. */
public final class KeyEndpoints {
  private final KeyService keys;

  public KeyEndpoints(KeyService keys) {
    this.keys = keys;
  }

  public void register(Routes routes) {
    routes.post(
        "/v1/keys",
        Guard.on(
            "key.create",
            Verb.MANAGE,
            ResourceType.KEYS,
            TargetRef.body(TargetRef.TargetKind.VAULT, "vaultId")),
        this::create);
    routes.get("/v1/keys", Guard.filtered("key.list", Verb.INSPECT, ResourceType.KEYS), this::list);
    routes.get(
        "/v1/keys/{id}",
        Guard.on("key.get", Verb.READ, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        r -> withVersions(keys.get(r.pathParam("id"))));
    routes.add(
        Method.PATCH,
        "/v1/keys/{id}",
        Guard.on("key.update", Verb.MANAGE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        this::update);
    action(routes, "rotate", keys::rotate);
    action(routes, "enable", keys::enable);
    action(routes, "disable", keys::disable);
    action(routes, "cancel-deletion", keys::cancelDeletion);
    routes.post(
        "/v1/keys/{id}/schedule-deletion",
        Guard.on("key.schedule-deletion", Verb.MANAGE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        r ->
            withVersions(
                keys.scheduleDeletion(
                    r.pathParam("id"),
                    r.body()
                        .optionalInt(
                            "pendingDays",
                            KeyService.MIN_PENDING_DAYS,
                            KeyService.MAX_PENDING_DAYS))));
  }

  private void action(Routes routes, String name, Function<String, KeyRecord> operation) {
    routes.post(
        "/v1/keys/{id}/" + name,
        Guard.on("key." + name, Verb.MANAGE, ResourceType.KEYS, TargetRef.KEY_IN_PATH),
        r -> withVersions(operation.apply(r.pathParam("id"))));
  }

  private ApiResponse withVersions(KeyRecord key) {
    return ApiResponse.ok(KeyView.of(key, keys.versions(key.id())));
  }

  private ApiResponse create(ApiRequest r) {
    JsonBody b = r.body();
    KeyService.Created created =
        keys.create(
            new KeyService.CreateRequest(
                b.text("vaultId"),
                b.text("name"),
                b.text("algorithm"),
                b.optionalText("description"),
                b.optionalStringMap("tags"),
                b.optionalInt("rotationPeriodDays", 0, KeyService.MAX_ROTATION_DAYS)),
            r.principal());
    r.audit("keyId", created.key().id());
    return new ApiResponse(201, KeyView.of(created.key(), created.versions()));
  }

  private ApiResponse list(ApiRequest r) {
    int limit = r.queryInt("limit", Page.DEFAULT_LIMIT, 1, Page.MAX_LIMIT);
    Page<KeyRecord> page =
        keys.list(r.query("vaultId").orElse(null), limit, r.query("page").orElse(null));
    return ApiResponse.ok(
        new Page<>(
            page.items().stream()
                .filter(k -> r.mayList(k.compartmentId()))
                .map(k -> KeyView.of(k, null))
                .toList(),
            page.nextPage()));
  }

  private ApiResponse update(ApiRequest r) {
    JsonBody b = r.body();
    KeyRecord key =
        keys.update(
            r.pathParam("id"),
            b.optionalText("description"),
            b.optionalStringMap("tags"),
            b.optionalInt("rotationPeriodDays", 0, KeyService.MAX_ROTATION_DAYS));
    return withVersions(key);
  }
}
