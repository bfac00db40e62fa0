package io.clavis.server.http;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.access.AccessControl;
import io.clavis.server.access.Guard;
import io.clavis.server.access.TargetRef;
import io.clavis.server.error.ClavisException;
import io.clavis.server.identity.Principal;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A REST request as endpoints see it: parsed body, parameters, the caller and its rights. */
public final class ApiRequest {
  private final HttpExchange exchange;
  private final Map<String, String> pathParams;
  private final String requestId;
  private final JsonBody body;
  private final Principal principal;
  private final Guard guard;
  private final AccessControl access;
  private final Map<String, String> auditResources = new LinkedHashMap<>();

  ApiRequest(
      HttpExchange exchange,
      Map<String, String> pathParams,
      String requestId,
      JsonBody body,
      Principal principal,
      Guard guard,
      AccessControl access) {
    this.exchange = exchange;
    this.pathParams = pathParams;
    this.requestId = requestId;
    this.body = body;
    this.principal = principal;
    this.guard = guard;
    this.access = access;
  }

  public String requestId() {
    return requestId;
  }

  /**
   * Moves this request to a worker thread when it is being served on an I/O thread and {@code
   * heavy}: an I/O thread serves many connections and must not spend milliseconds on one. The
   * request is then served again from the start, so an endpoint calls this before it does anything;
   * on a worker thread it does nothing.
   */
  public void offloadIf(boolean heavy) {
    if (heavy && exchange.ioThread().inEventLoop()) {
      throw Offload.INSTANCE;
    }
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

  /**
   * For listings ({@link Guard.Kind#FILTERED}): whether the caller may see items of the route's
   * resource type in a compartment.
   */
  public boolean mayList(String compartmentId) {
    return mayList(guard.resource(), compartmentId);
  }

  /** For listings that hold several resource types. */
  public boolean mayList(ResourceType resource, String compartmentId) {
    return access.permits(principal(), guard.operation(), guard.verb(), resource, compartmentId);
  }

  /**
   * For endpoints that decide themselves (self-service): requires {@code verb} on {@code resource}
   * in the tenancy.
   */
  public void requireInTenancy(Verb verb, ResourceType resource) {
    access.authorize(
        principal(), guard.operation(), verb, resource, io.clavis.server.access.Target.TENANCY);
  }

  /**
   * For operations that act on a second resource: requires {@code verb} on {@code resource} where
   * the resource named by {@code id} lives. An id that names nothing checks nothing: the operation
   * itself then fails on it.
   */
  public void require(Verb verb, ResourceType resource, TargetRef.TargetKind kind, String id) {
    io.clavis.server.access.Target t = access.resolve(kind, id);
    if (t != null) {
      access.authorize(principal(), guard.operation(), verb, resource, t);
      t.resources().forEach((k, v) -> auditResources.put("source." + k, v));
    }
  }

  /** Adds an id to this request's audit record (for example the id of what it created). */
  public void audit(String resource, String id) {
    if (id != null) {
      auditResources.put(resource, id);
    }
  }

  Map<String, String> auditResources() {
    return auditResources;
  }

  /** The TLS client certificate the caller presented, or null. */
  public X509Certificate clientCertificate() {
    return exchange.clientCertificate();
  }

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  public Optional<String> query(String name) {
    return exchange.query(name);
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
