package io.clavis.server.http;

import io.clavis.server.access.AccessControl;
import io.clavis.server.access.Guard;
import io.clavis.server.access.Target;
import io.clavis.server.access.TargetRef;
import io.clavis.server.audit.AuditEvent;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.Principal;
import io.clavis.server.metrics.Outcome;
import io.clavis.server.metrics.Protocol;
import io.clavis.server.metrics.RequestMetrics;
import io.clavis.server.raft.Idempotency;
import io.clavis.server.seal.Seal;
import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS listener: Helidon SE routing to {@link Endpoint}s. Everything every endpoint needs
 * happens here once: request ids, body limits and JSON parsing, the seal check, authentication, and
 * turning exceptions into the uniform error body.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final String BEARER = "Bearer ";
  private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create(Idempotency.HEADER);
  private static final long MIN_PAYLOAD_BACKSTOP = 16L * 1024 * 1024;

  /** The operation label of requests that match no route (404, 405). */
  static final String UNROUTED = "unrouted";

  /** Collects the routes of every feature before the server starts. */
  public static final class Routes {
    private final List<Route> routes = new ArrayList<>();

    public Routes add(Method method, String path, Guard guard, Endpoint endpoint) {
      routes.add(new Route(method, path, guard, endpoint));
      return this;
    }

    public Routes get(String path, Guard guard, Endpoint endpoint) {
      return add(Method.GET, path, guard, endpoint);
    }

    public Routes post(String path, Guard guard, Endpoint endpoint) {
      return add(Method.POST, path, guard, endpoint);
    }

    public Routes delete(String path, Guard guard, Endpoint endpoint) {
      return add(Method.DELETE, path, guard, endpoint);
    }

    /** Every operation's guard by its name (for explaining decisions). */
    public Map<String, Guard> guards() {
      Map<String, Guard> out = new java.util.TreeMap<>();
      routes.forEach(r -> out.put(r.guard().operation(), r.guard()));
      return out;
    }
  }

  private record Route(Method method, String path, Guard guard, Endpoint endpoint) {}

  /** Listener settings. */
  public record Settings(
      String host,
      int port,
      long maxBodyBytes,
      String nodeName,
      PrivateKey tlsKey,
      List<X509Certificate> tlsChain) {}

  private final Settings settings;
  private final Seal seal;
  private final AccessControl access;
  private final AuditSink audit;
  private final RequestMetrics metrics;
  private final WebServer server;
  private final List<String> routeSummaries;

  /** Where each request's audit record goes. */
  @FunctionalInterface
  public interface AuditSink {
    /**
     * Records one request.
     *
     * @throws ClavisException AUDIT_UNAVAILABLE when the record cannot be written and the trail
     *     fails closed: the request must then not be acknowledged
     */
    void record(AuditEvent event);
  }

  public RestServer(
      Settings settings,
      Seal seal,
      AccessControl access,
      AuditSink audit,
      RequestMetrics metrics,
      Routes routes) {
    this.settings = settings;
    this.seal = seal;
    this.access = access;
    this.audit = audit;
    this.metrics = metrics;
    this.routeSummaries =
        routes.routes.stream().map(r -> r.method().text() + " " + r.path()).toList();
    Tls tls =
        Tls.builder()
            .privateKey(settings.tlsKey())
            .privateKeyCertChain(settings.tlsChain())
            // Client certificates are optional and not judged by the TLS layer: only joining
            // and activation use them, and those endpoints check them against the candidate
            // registry and the cluster CA themselves.
            .clientAuth(io.helidon.common.tls.TlsClientAuth.OPTIONAL)
            .trustAll(true)
            .build();
    this.server =
        WebServer.builder()
            .host(settings.host())
            .port(settings.port())
            .tls(tls)
            // Our own limit answers first with a JSON body, and Helidon then reads and drops the
            // rest of the body so that the client, still sending, does get that answer. This
            // limit is only a backstop against endless bodies: past it the connection is closed
            // (after the same JSON error, which a client still sending may miss).
            .maxPayloadSize(Math.max(settings.maxBodyBytes() * 16, MIN_PAYLOAD_BACKSTOP))
            .directHandlers(directHandlers())
            .shutdownHook(false)
            .routing(r -> routing(r, routes))
            .build();
  }

  public RestServer start() {
    server.start();
    return this;
  }

  public int port() {
    return server.port();
  }

  /** Every registered route as "METHOD path", in registration order (path parameters as {id}). */
  public List<String> routeSummaries() {
    return routeSummaries;
  }

  private void routing(HttpRouting.Builder r, Routes routes) {
    RouteTable<Route> table = new RouteTable<>();
    for (Route route : routes.routes) {
      table.add(route.method(), route.path(), route);
    }
    r.any(
        (req, res) -> {
          switch (table.find(req.prologue().method(), req.path().path())) {
            case RouteTable.Found<Route> found -> serve(found.route(), found.params(), req, res);
            case RouteTable.MethodNotAllowed<Route> m ->
                // Same path, other method: 405 rather than a misleading 404.
                sendError(
                    res,
                    newRequestId(),
                    new ClavisException(
                        ErrorCode.METHOD_NOT_ALLOWED,
                        req.prologue().method().text() + " is not allowed on this path"));
            case RouteTable.NotFound<Route> n ->
                sendError(
                    res,
                    newRequestId(),
                    new ClavisException(ErrorCode.NOT_FOUND, "no such endpoint: " + safePath(req)));
          }
        });
  }

  private void serve(
      Route route, Map<String, String> pathParams, ServerRequest req, ServerResponse res) {
    String requestId = newRequestId();
    long started = System.nanoTime();
    Guard guard = route.guard();
    Principal principal = null;
    Target target = null;
    ApiRequest request = null;
    int status;
    Object body;
    ClavisException error = null;
    try {
      if (guard.kind() != Guard.Kind.PUBLIC) {
        if (seal.status() != Seal.Status.UNSEALED) {
          throw seal.notUnsealed();
        }
        if (guard.kind() != Guard.Kind.ANONYMOUS) {
          // Asking TLS for a client certificate that was not sent costs an exception: only when
          // there is no token.
          String token = bearer(req);
          principal =
              access.authenticate(token, token == null ? ApiRequest.clientCertificate(req) : null);
        }
      }
      request = new ApiRequest(req, pathParams, requestId, readBody(req), principal, guard, access);
      if (guard.kind() == Guard.Kind.AUTHORIZED) {
        target = guard.target() == null ? Target.TENANCY : resolve(guard.target(), request);
        if (target != null) {
          access.authorize(principal, guard.operation(), guard.verb(), guard.resource(), target);
        }
      }
      ApiResponse response;
      String idempotencyKey = req.headers().first(IDEMPOTENCY_KEY).orElse(null);
      // Only an authenticated caller's writes: the key is scoped by who sent it.
      if (idempotencyKey == null || principal == null || route.method() == Method.GET) {
        response = route.endpoint().handle(request);
      } else {
        ApiRequest keyed = request;
        try (Idempotency.Scope scope =
            Idempotency.open(
                principal.id(),
                idempotencyKey,
                () ->
                    Idempotency.requestBytes(
                        route.method().text(),
                        req.path().rawPath() + "?" + req.query().rawValue(),
                        keyed.body().canonicalBytes()))) {
          try {
            response = route.endpoint().handle(request);
          } finally {
            // Rejections are repeated too, and say so.
            if (scope.replayed()) {
              res.header(Idempotency.REPLAYED_HEADER, "true");
            }
          }
        }
      }
      status = response.status();
      body = response.body();
      if (response.contentType() != null) {
        res.header(HeaderNames.CONTENT_TYPE, response.contentType());
        response.headers().forEach(res::header);
      }
    } catch (ClavisException e) {
      if (!e.code().isClientError()) {
        LOG.warn(
            "{} {} failed [{}]: {}",
            route.method().text(),
            route.path(),
            requestId,
            e.getMessage());
      }
      error = e;
      status = e.code().httpStatus();
      body = new ErrorBody(e.code().name(), e.getMessage(), requestId);
    } catch (RuntimeException e) {
      LOG.error("{} {} failed [{}]", route.method().text(), route.path(), requestId, e);
      error =
          new ClavisException(
              ErrorCode.INTERNAL, "internal error; see the server log for " + requestId);
      status = error.code().httpStatus();
      body = new ErrorBody(error.code().name(), error.getMessage(), requestId);
    }
    if (guard.audited()) {
      try {
        audit.record(auditEvent(req, requestId, started, guard, principal, target, request, error));
      } catch (ClavisException e) {
        status = e.code().httpStatus();
        body = new ErrorBody(e.code().name(), e.getMessage(), requestId);
      }
    }
    metrics.record(
        Protocol.REST,
        guard.operation(),
        Outcome.ofHttpStatus(status),
        body instanceof ErrorBody e ? e.code() : null,
        System.nanoTime() - started);
    send(res, requestId, status, body);
  }

  private Target resolve(TargetRef ref, ApiRequest request) {
    String id =
        switch (ref.source()) {
          case PATH -> request.pathParam(ref.field());
          case BODY -> request.body().optionalText(ref.field());
          case QUERY -> request.query(ref.field()).orElse(null);
        };
    return access.resolve(ref.kind(), id);
  }

  private AuditEvent auditEvent(
      ServerRequest req,
      String requestId,
      long started,
      Guard guard,
      Principal principal,
      Target target,
      ApiRequest request,
      ClavisException error) {
    Map<String, String> resources = new java.util.TreeMap<>();
    if (target != null) {
      resources.putAll(target.resources());
    }
    if (request != null) {
      resources.putAll(request.auditResources());
    }
    String result =
        error == null
            ? AuditEvent.ALLOWED
            : switch (error.code()) {
              case UNAUTHENTICATED, ACCOUNT_LOCKED, FORBIDDEN -> AuditEvent.DENIED;
              default -> AuditEvent.FAILED;
            };
    return new AuditEvent(
        java.time.Instant.now(),
        principal == null ? null : principal.name(),
        principal == null ? null : principal.id(),
        principal == null ? null : principal.authMethod(),
        clientAddress(req),
        "rest",
        guard.operation(),
        resources,
        result,
        error == null ? null : error.code().name(),
        requestId,
        (System.nanoTime() - started) / 1000,
        req.headers().first(HeaderNames.USER_AGENT).map(RestServer::clip).orElse(null));
  }

  private static String clientAddress(ServerRequest req) {
    try {
      return req.remotePeer().address() instanceof java.net.InetSocketAddress a
              && a.getAddress() != null
          ? a.getAddress().getHostAddress()
          : req.remotePeer().host();
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String clip(String s) {
    return s.length() > 200 ? s.substring(0, 200) : s;
  }

  private JsonBody readBody(ServerRequest req) {
    if (!req.content().hasEntity()) {
      return JsonBody.empty();
    }
    long limit = settings.maxBodyBytes();
    if (req.headers().contentLength().orElse(0) > limit) {
      throw tooLarge(limit);
    }
    try (InputStream in = req.content().inputStream()) {
      byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      if (bytes.length > limit) {
        throw tooLarge(limit);
      }
      return JsonSupport.parseObject(bytes);
    } catch (IOException | RuntimeException e) {
      if (e instanceof ClavisException ce) {
        throw ce;
      }
      throw new ClavisException(ErrorCode.MALFORMED_JSON, "request body could not be read");
    }
  }

  /** PAYLOAD_TOO_LARGE; a negative limit is not shown. */
  private static ClavisException tooLarge(long limit) {
    return new ClavisException(
        ErrorCode.PAYLOAD_TOO_LARGE,
        limit < 0
            ? "request body is too large"
            : "request body is over the limit of " + limit + " bytes");
  }

  /** The bearer token, or null when there is no Authorization header at all. */
  private static String bearer(ServerRequest req) {
    Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
    if (header.isEmpty()) {
      return null;
    }
    if (!header.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ClavisException(
          ErrorCode.UNAUTHENTICATED, "missing Authorization: Bearer <token> header");
    }
    return header.get().substring(BEARER.length()).trim();
  }

  private void send(ServerResponse res, String requestId, int status, Object body) {
    res.status(status);
    res.header("Clavis-Request-Id", requestId);
    res.header("Clavis-Node", settings.nodeName());
    if (body == null) {
      res.send();
      return;
    }
    if (!res.headers().contains(HeaderNames.CONTENT_TYPE) || body instanceof ErrorBody) {
      res.header(HeaderNames.CONTENT_TYPE, "application/json");
    }
    res.send(body instanceof byte[] raw ? raw : JsonSupport.write(body));
  }

  /** The answer to a request no route serves. */
  private void sendError(ServerResponse res, String requestId, ClavisException e) {
    metrics.record(
        Protocol.REST, UNROUTED, Outcome.ofHttpStatus(e.code().httpStatus()), e.code().name(), 0);
    send(
        res,
        requestId,
        e.code().httpStatus(),
        new ErrorBody(e.code().name(), e.getMessage(), requestId));
  }

  /** Requests Helidon rejects before routing get the uniform JSON error too. */
  private DirectHandlers directHandlers() {
    DirectHandlers.Builder b = DirectHandlers.builder();
    for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
      b.addHandler(type, this::directError);
    }
    return b.build();
  }

  /**
   * A malformed request (400), a body over the backstop (413) or a failure outside routing (500) as
   * the uniform error body; other statuses keep Helidon's default answer. Helidon's message is not
   * passed on: it may quote the request.
   */
  private DirectHandler.TransportResponse directError(
      DirectHandler.TransportRequest request,
      DirectHandler.EventType eventType,
      Status status,
      ServerResponseHeaders headers,
      String message) {
    ClavisException error =
        switch (status.code()) {
          case 400 -> ClavisException.invalid("malformed HTTP request");
          case 413 -> tooLarge(-1);
          case 500 -> new ClavisException(ErrorCode.INTERNAL, "internal error");
          default -> null;
        };
    if (error == null) {
      return DirectHandler.defaultHandler().handle(request, eventType, status, headers, message);
    }
    String requestId = newRequestId();
    return DirectHandler.TransportResponse.builder()
        .status(status)
        .headers(headers)
        .header(HeaderNames.CONTENT_TYPE, "application/json")
        .header(HeaderNames.create("Clavis-Request-Id"), requestId)
        .header(HeaderNames.create("Clavis-Node"), settings.nodeName())
        .entity(
            JsonSupport.write(new ErrorBody(error.code().name(), error.getMessage(), requestId)))
        .keepAlive(eventType.keepAlive())
        .build();
  }

  /** The uniform error body. */
  public record ErrorBody(String code, String message, String requestId) {}

  private static String safePath(ServerRequest req) {
    String p = req.path().rawPath();
    return p.length() > 100 ? p.substring(0, 100) + "..." : p;
  }

  private static String newRequestId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    server.stop();
  }
}
