package io.clavis.server.identity;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Subject;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.Guard;
import io.clavis.server.error.ClavisException;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.JsonBody;
import io.clavis.server.http.RestServer.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code /v1/users}, {@code /v1/services}, {@code /v1/groups}, {@code /v1/auth/*} and token
 * revocation. Identities live in the tenancy: their permissions are granted there.
 */
public final class IdentityEndpoints {
  private static final int MAX_LIST = 1000;
  private static final Duration DEFAULT_TTL = Duration.ofHours(24);

  private final IdentityService identities;
  private final Function<Subject, List<String>> policiesNaming;

  /**
   * @param policiesNaming the policies whose statements name a subject: a principal or group they
   *     name cannot be deleted, or a later one of the same name would silently inherit the grants
   */
  public IdentityEndpoints(
      IdentityService identities, Function<Subject, List<String>> policiesNaming) {
    this.identities = identities;
    this.policiesNaming = policiesNaming;
  }

  private void checkUnreferenced(Subject subject, String what) {
    List<String> policies = policiesNaming.apply(subject);
    if (!policies.isEmpty()) {
      throw new ClavisException(
          io.clavis.server.error.ErrorCode.INVALID_STATE,
          what
              + " "
              + subject.name()
              + " is named in policies "
              + String.join(", ", policies)
              + "; remove it from their statements first");
    }
  }

  public void register(Routes routes) {
    routes.post("/v1/auth/login", Guard.anonymous("auth.login"), this::login);
    routes.get("/v1/auth/whoami", Guard.authenticated("auth.whoami"), r -> ok(whoami(r)));

    routes.post(
        "/v1/users", tenancy("user.create", Verb.MANAGE, ResourceType.USERS), this::createUser);
    routes.get(
        "/v1/users",
        tenancy("user.list", Verb.INSPECT, ResourceType.USERS),
        r -> ok(Map.of("items", identities.users().stream().map(this::view).toList())));
    routes.get(
        "/v1/users/{id}",
        tenancy("user.get", Verb.READ, ResourceType.USERS),
        r -> ok(view(identities.user(r.pathParam("id")))));
    routes.delete(
        "/v1/users/{id}",
        tenancy("user.delete", Verb.MANAGE, ResourceType.USERS),
        r -> {
          UserRecord u = identities.user(r.pathParam("id"));
          checkUnreferenced(Subject.user(u.name()), "user");
          return deletePrincipal(r, u.id());
        });
    routes.post(
        "/v1/users/{id}/password", Guard.authenticated("user.set-password"), this::setPassword);
    routes.post(
        "/v1/users/{id}/unlock",
        tenancy("user.unlock", Verb.MANAGE, ResourceType.USERS),
        r -> ok(view(identities.unlock(r.pathParam("id")))));
    routes.post(
        "/v1/users/{id}/tokens",
        tenancy("user.create-token", Verb.MANAGE, ResourceType.USERS),
        r -> issue(r, identities.user(r.pathParam("id")).id()));
    routes.get(
        "/v1/users/{id}/tokens",
        tenancy("user.list-tokens", Verb.INSPECT, ResourceType.USERS),
        r -> tokens(identities.user(r.pathParam("id")).id()));

    routes.post(
        "/v1/services",
        tenancy("service.create", Verb.MANAGE, ResourceType.SERVICES),
        this::createService);
    routes.get(
        "/v1/services",
        tenancy("service.list", Verb.INSPECT, ResourceType.SERVICES),
        r -> ok(Map.of("items", identities.services().stream().map(this::view).toList())));
    routes.get(
        "/v1/services/{id}",
        tenancy("service.get", Verb.READ, ResourceType.SERVICES),
        r -> ok(view(identities.service(r.pathParam("id")))));
    routes.delete(
        "/v1/services/{id}",
        tenancy("service.delete", Verb.MANAGE, ResourceType.SERVICES),
        r -> {
          ServiceRecord s = identities.service(r.pathParam("id"));
          checkUnreferenced(Subject.service(s.name()), "service");
          return deletePrincipal(r, s.id());
        });
    routes.post(
        "/v1/services/{id}/tokens",
        tenancy("service.create-token", Verb.MANAGE, ResourceType.SERVICES),
        r -> issue(r, identities.service(r.pathParam("id")).id()));
    routes.get(
        "/v1/services/{id}/tokens",
        tenancy("service.list-tokens", Verb.INSPECT, ResourceType.SERVICES),
        r -> tokens(identities.service(r.pathParam("id")).id()));

    routes.post(
        "/v1/groups", tenancy("group.create", Verb.MANAGE, ResourceType.GROUPS), this::createGroup);
    routes.get(
        "/v1/groups",
        tenancy("group.list", Verb.INSPECT, ResourceType.GROUPS),
        r -> {
          Map<String, List<String>> members = identities.membersByGroup();
          return ok(
              Map.of(
                  "items",
                  identities.groups().stream()
                      .map(g -> view(g, members.getOrDefault(g.name(), List.of())))
                      .toList()));
        });
    routes.get(
        "/v1/groups/{id}",
        tenancy("group.get", Verb.READ, ResourceType.GROUPS),
        r -> ok(view(identities.group(r.pathParam("id")))));
    routes.delete(
        "/v1/groups/{id}",
        tenancy("group.delete", Verb.MANAGE, ResourceType.GROUPS),
        r -> {
          GroupRecord g = identities.group(r.pathParam("id"));
          r.audit("groupId", g.id());
          if (!g.builtIn()) {
            checkUnreferenced(Subject.group(g.name()), "group");
          }
          identities.deleteGroup(g.id());
          return ApiResponse.noContent();
        });
    routes.post(
        "/v1/groups/{id}/members",
        tenancy("group.add-members", Verb.MANAGE, ResourceType.GROUPS),
        r ->
            ok(
                view(
                    identities.changeMembers(
                        r.pathParam("id"), r.body().stringList("members", MAX_LIST), true))));
    routes.delete(
        "/v1/groups/{id}/members/{member}",
        tenancy("group.remove-member", Verb.MANAGE, ResourceType.GROUPS),
        r ->
            ok(
                view(
                    identities.changeMembers(
                        r.pathParam("id"), List.of(r.pathParam("member")), false))));

    routes.delete("/v1/tokens/{id}", Guard.authenticated("token.revoke"), this::revoke);
  }

  private static Guard tenancy(String operation, Verb verb, ResourceType resource) {
    return Guard.tenancy(operation, verb, resource);
  }

  private static ApiResponse ok(Object body) {
    return ApiResponse.ok(body);
  }

  private ApiResponse login(ApiRequest r) {
    JsonBody b = r.body();
    String ttlText = b.optionalScalar("ttl");
    Duration ttl = ttlText == null ? IdentityService.LOGIN_TTL : TokenService.parseTtl(ttlText);
    String name = b.text("name");
    if (name.length() <= 128) {
      r.audit("userName", name);
    }
    TokenService.IssuedToken issued = identities.login(name, b.text("password"), ttl);
    r.audit("userId", issued.record().principalId());
    r.audit("tokenId", issued.record().id());
    return ApiResponse.created(TokenEndpoints.body(issued));
  }

  private Map<String, Object> whoami(ApiRequest r) {
    Principal p = r.principal();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("name", p.name());
    out.put("type", p.type().name().toLowerCase());
    out.put("groups", p.groups().stream().sorted().toList());
    out.put("authMethod", p.authMethod());
    out.put("tokenId", p.tokenId());
    return out;
  }

  private ApiResponse createUser(ApiRequest r) {
    JsonBody b = r.body();
    UserRecord u =
        identities.createUser(
            b.text("name"),
            b.optionalStringList("groups", MAX_LIST),
            b.optionalText("password"),
            r.principal());
    r.audit("userId", u.id());
    return ApiResponse.created(view(u));
  }

  private ApiResponse createService(ApiRequest r) {
    JsonBody b = r.body();
    ServiceRecord s =
        identities.createService(
            b.text("name"),
            b.optionalStringList("groups", MAX_LIST),
            b.optionalText("certificatePem"),
            r.principal());
    r.audit("serviceId", s.id());
    return ApiResponse.created(view(s));
  }

  private ApiResponse createGroup(ApiRequest r) {
    GroupRecord g =
        identities.createGroup(
            r.body().text("name"), r.body().optionalText("description"), r.principal());
    r.audit("groupId", g.id());
    return ApiResponse.created(view(g));
  }

  private ApiResponse deletePrincipal(ApiRequest r, String id) {
    r.audit("principalId", id);
    identities.deletePrincipal(id);
    return ApiResponse.noContent();
  }

  /**
   * A user may change their own password by giving the current one; changing another's needs manage
   * users.
   */
  private ApiResponse setPassword(ApiRequest r) {
    UserRecord u = identities.user(r.pathParam("id"));
    r.audit("userId", u.id());
    if (!u.id().equals(r.principal().id())) {
      r.requireInTenancy(Verb.MANAGE, ResourceType.USERS);
    } else if (!identities.passwordMatches(u, r.body().optionalText("currentPassword"))) {
      throw new ClavisException(
          io.clavis.server.error.ErrorCode.UNAUTHENTICATED,
          "currentPassword is required and must be the current password");
    }
    identities.setPassword(u.id(), r.body().text("password"));
    return ApiResponse.noContent();
  }

  private ApiResponse issue(ApiRequest r, String principalId) {
    String ttlText = r.body().optionalScalar("ttl");
    Duration ttl = ttlText == null ? DEFAULT_TTL : TokenService.parseTtl(ttlText);
    TokenService.IssuedToken issued =
        identities.issueToken(
            principalId, ttl, r.body().optionalText("description"), r.principal());
    r.audit("principalId", principalId);
    r.audit("tokenId", issued.record().id());
    return ApiResponse.created(TokenEndpoints.body(issued));
  }

  private ApiResponse tokens(String principalId) {
    return ok(Map.of("items", identities.tokensOf(principalId)));
  }

  /**
   * Anyone may revoke their own token; revoking another's needs manage users (or services for a
   * service's token); root tokens only root may revoke.
   */
  private ApiResponse revoke(ApiRequest r) {
    String id = r.pathParam("id");
    TokenRecord t = identities.token(id).orElseThrow(() -> ClavisException.notFound("token", id));
    r.audit("tokenId", t.id());
    Principal caller = r.principal();
    boolean own =
        t.id().equals(caller.tokenId())
            || (t.principalId() != null && t.principalId().equals(caller.id()));
    if (!own) {
      if (t.root() && !caller.root()) {
        throw ClavisException.notFound("token", id);
      }
      boolean service = t.principalId() != null && t.principalId().startsWith("service_");
      r.requireInTenancy(Verb.MANAGE, service ? ResourceType.SERVICES : ResourceType.USERS);
    }
    identities.revokeToken(t.id());
    return ApiResponse.noContent();
  }

  private Map<String, Object> view(UserRecord u) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", u.id());
    out.put("name", u.name());
    out.put("type", "user");
    out.put("groups", u.groups());
    out.put("hasPassword", u.passwordHash() != null);
    out.put("lockedUntil", u.lockedAt(java.time.Instant.now()) ? u.lockedUntil() : null);
    out.put("createdAt", u.createdAt());
    out.put("createdBy", u.createdBy());
    return out;
  }

  private Map<String, Object> view(ServiceRecord s) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", s.id());
    out.put("name", s.name());
    out.put("type", "service");
    out.put("groups", s.groups());
    out.put("certificateFingerprint", s.certificateFingerprint());
    out.put("createdAt", s.createdAt());
    out.put("createdBy", s.createdBy());
    return out;
  }

  private Map<String, Object> view(GroupRecord g) {
    return view(g, identities.members(g));
  }

  private Map<String, Object> view(GroupRecord g, List<String> members) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", g.id());
    out.put("name", g.name());
    out.put("description", g.description());
    out.put("builtIn", g.builtIn());
    out.put("members", members);
    out.put("createdAt", g.createdAt());
    out.put("createdBy", g.createdBy());
    return out;
  }
}
