package io.clavis.server.policy;

import io.clavis.core.policy.AttachedStatement;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.AccessController;
import io.clavis.server.access.Guard;
import io.clavis.server.access.Target;
import io.clavis.server.access.TargetRef;
import io.clavis.server.error.ClavisException;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.Method;
import io.clavis.server.http.RestServer.Routes;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code /v1/policies} and {@code POST /v1/policies/explain}. */
public final class PolicyEndpoints {
  private final PolicyService policies;
  private final IdentityService identities;
  private final AccessController access;
  private final Supplier<Map<String, Guard>> guards;

  public PolicyEndpoints(
      PolicyService policies,
      IdentityService identities,
      AccessController access,
      Supplier<Map<String, Guard>> guards) {
    this.policies = policies;
    this.identities = identities;
    this.access = access;
    this.guards = guards;
  }

  public void register(Routes routes) {
    routes.post(
        "/v1/policies",
        Guard.on(
            "policy.create",
            Verb.MANAGE,
            ResourceType.POLICIES,
            TargetRef.body(TargetRef.TargetKind.COMPARTMENT, "compartmentId")),
        this::create);
    routes.get(
        "/v1/policies",
        Guard.filtered("policy.list", Verb.INSPECT, ResourceType.POLICIES),
        r ->
            ApiResponse.ok(
                Map.of(
                    "items",
                    policies.list().stream().filter(p -> r.mayList(p.compartmentId())).toList())));
    routes.get(
        "/v1/policies/{id}",
        Guard.on("policy.get", Verb.READ, ResourceType.POLICIES, policyInPath()),
        r -> ApiResponse.ok(policies.get(r.pathParam("id"))));
    routes.add(
        Method.PUT,
        "/v1/policies/{id}",
        Guard.on("policy.update", Verb.MANAGE, ResourceType.POLICIES, policyInPath()),
        r ->
            ApiResponse.ok(
                policies.update(
                    r.pathParam("id"),
                    r.body().stringList("statements", PolicyService.MAX_STATEMENTS),
                    r.body().optionalText("description"))));
    routes.delete(
        "/v1/policies/{id}",
        Guard.on("policy.delete", Verb.MANAGE, ResourceType.POLICIES, policyInPath()),
        r -> {
          policies.delete(r.pathParam("id"));
          return ApiResponse.noContent();
        });
    routes.post(
        "/v1/policies/explain",
        Guard.tenancy("policy.explain", Verb.READ, ResourceType.POLICIES),
        this::explain);
  }

  private static TargetRef policyInPath() {
    return TargetRef.path(TargetRef.TargetKind.POLICY, "id");
  }

  private ApiResponse create(ApiRequest r) {
    JsonBody b = r.body();
    PolicyRecord p =
        policies.create(
            b.text("name"),
            b.optionalText("compartmentId"),
            b.optionalText("description"),
            b.stringList("statements", PolicyService.MAX_STATEMENTS),
            r.principal());
    r.audit("policyId", p.id());
    return ApiResponse.created(p);
  }

  /**
   * Says which statement lets a principal do an operation on a resource, or that none does. The
   * operation is one of the names the audit trail uses ({@code key.encrypt}); the resource is the
   * id the operation would name (a key, vault, compartment or policy), absent for tenancy-wide
   * operations.
   */
  private ApiResponse explain(ApiRequest r) {
    JsonBody b = r.body();
    Principal principal = identities.requirePrincipal(b.text("principal"));
    String operation = b.text("operation");
    Guard guard = guards.get().get(operation);
    if (guard == null) {
      throw ClavisException.invalid(
          "unknown operation '"
              + (operation.length() > 60 ? operation.substring(0, 60) + "..." : operation)
              + "'; operations are named as in the audit trail, such as key.encrypt");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("principal", principal.name());
    out.put("principalType", principal.type().name().toLowerCase());
    out.put("groups", principal.groups().stream().sorted().toList());
    out.put("operation", operation);
    if (guard.kind() != Guard.Kind.AUTHORIZED && guard.kind() != Guard.Kind.FILTERED) {
      out.put("allowed", true);
      out.put(
          "reason",
          guard.kind() == Guard.Kind.PUBLIC || guard.kind() == Guard.Kind.ANONYMOUS
              ? "the operation needs no authentication"
              : "any authenticated principal may call it; it checks anything further itself");
      return ApiResponse.ok(out);
    }
    String resource = b.optionalText("resource");
    // Tenancy-wide operations are decided in the tenancy whatever resource is named; a listing
    // is decided per compartment.
    Target target =
        guard.kind() == Guard.Kind.FILTERED
            ? (resource == null
                ? Target.TENANCY
                : access.resolve(TargetRef.TargetKind.COMPARTMENT, resource))
            : guard.target() == null
                ? Target.TENANCY
                : access.resolve(guard.target().kind(), resource);
    if (target == null) {
      throw ClavisException.invalid("resource names nothing the operation could act on");
    }
    out.put("permission", guard.permission());
    out.put("compartmentId", target.compartmentId());
    Optional<AttachedStatement> by = access.explain(principal, guard, target);
    out.put("allowed", by.isPresent());
    if (by.isPresent()) {
      AttachedStatement s = by.get();
      Map<String, Object> st = new LinkedHashMap<>();
      st.put("policyId", s.policyId());
      st.put("policyName", s.policyName());
      st.put("index", s.index() + 1);
      st.put("text", s.statement().canonical());
      out.put("statement", st);
      out.put("reason", "allowed by statement " + (s.index() + 1) + " of policy " + s.policyName());
    } else {
      out.put(
          "reason",
          "no statement allows "
              + principal.name()
              + " to "
              + guard.permission()
              + " there; access is denied by default");
    }
    return ApiResponse.ok(out);
  }
}
