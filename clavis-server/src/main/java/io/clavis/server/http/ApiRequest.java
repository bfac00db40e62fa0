package io.clavis.server.http;

import io.clavis.server.auth.Principal;
import io.clavis.server.error.ClavisException;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** A REST request as endpoints see it: parsed body, parameters and the caller. */
public final class ApiRequest {
  private final ServerRequest request;
  private final String requestId;
  private final JsonBody body;
  private final Principal principal;

  ApiRequest(ServerRequest request, String requestId, JsonBody body, Principal principal) {
    this.request = request;
    this.requestId = requestId;
    this.body = body;
    this.principal = principal;
  }

  public String requestId() {
    return requestId;
  }

  public JsonBody body() {
    return body;
  }

  /** The authenticated caller; endpoints that are public have none. */
  public Principal principal() {
    if (principal == null) {
      throw new IllegalStateException("endpoint is not authenticated");
    }
    return principal;
  }

  /** The TLS client certificate the caller presented, or null. */
  public java.security.cert.X509Certificate clientCertificate() {
    return request
        .remotePeer()
        .tlsCertificates()
        .filter(c -> c.length > 0 && c[0] instanceof java.security.cert.X509Certificate)
        .map(c -> (java.security.cert.X509Certificate) c[0])
        .orElse(null);
  }

  public String pathParam(String name) {
    return request.path().pathParameters().get(name);
  }

  public Optional<String> query(String name) {
    return request.query().first(name).asOptional();
  }

  public int queryInt(String name, int defaultValue, int min, int max) {
    Optional<String> v = query(name);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw ClavisException.invalid(name + " must be a whole number from " + min + " to " + max);
  }

  public Integer optionalQueryInt(String name, int min, int max) {
    return query(name).isPresent() ? queryInt(name, min, min, max) : null;
  }
}
