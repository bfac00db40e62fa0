package io.clavis.server.identity;

import io.clavis.server.access.Guard;
import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/tokens}: a token for the caller itself. */
public final class TokenEndpoints {
  private static final Duration DEFAULT_TTL = Duration.ofHours(24);
  private final TokenService tokens;

  public TokenEndpoints(TokenService tokens) {
    this.tokens = tokens;
  }

  public void register(Routes routes) {
    routes.post("/v1/tokens", Guard.authenticated("token.create"), this::create);
  }

  private ApiResponse create(ApiRequest r) {
    String ttlText = r.body().optionalScalar("ttl");
    Principal caller = r.principal();
    // Without a ttl the default is shortened to what the caller's token has left; an explicit
    // one that reaches past it is refused.
    Duration ttl;
    if (ttlText == null) {
      ttl = tokens.withinCaller(caller, DEFAULT_TTL);
      if (ttl.isNegative() || ttl.isZero()) {
        ttl = Duration.ofSeconds(1);
      }
    } else {
      ttl = TokenService.parseTtl(ttlText);
      tokens.checkWithinCaller(caller, ttl);
    }
    // A token makes tokens for its own principal: root makes root tokens, a user or service more
    // tokens of its own.
    TokenService.IssuedToken issued =
        tokens.issue(
            ttl,
            r.body().optionalText("description"),
            caller,
            caller.root() ? null : caller.id(),
            caller.root());
    r.audit("tokenId", issued.record().id());
    return ApiResponse.created(body(issued));
  }

  /** The answer to every request that issues a token: the secret is shown this once. */
  static Map<String, Object> body(TokenService.IssuedToken issued) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", issued.secret());
    out.put("id", issued.record().id());
    out.put("expiresAt", issued.record().expiresAt());
    return out;
  }
}
