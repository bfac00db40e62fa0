package io.clavis.server.auth;

import io.clavis.server.http.ApiRequest;
import io.clavis.server.http.ApiResponse;
import io.clavis.server.http.RestServer.Access;
import io.clavis.server.http.RestServer.Routes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code POST /v1/tokens}. */
public final class TokenEndpoints {
  private static final Duration DEFAULT_TTL = Duration.ofHours(24);
  private final TokenService tokens;

  public TokenEndpoints(TokenService tokens) {
    this.tokens = tokens;
  }

  public void register(Routes routes) {
    routes.post("/v1/tokens", Access.AUTHENTICATED, this::create);
  }

  private ApiResponse create(ApiRequest r) {
    String ttlText = r.body().optionalScalar("ttl");
    Duration ttl = ttlText == null ? DEFAULT_TTL : TokenService.parseTtl(ttlText);
    TokenService.IssuedToken issued =
        tokens.issue(ttl, r.body().optionalText("description"), r.principal());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token", issued.secret());
    out.put("id", issued.record().id());
    out.put("expiresAt", issued.record().expiresAt());
    return ApiResponse.created(out);
  }
}
