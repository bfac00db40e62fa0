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
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API over the HTTPS listener: routes requests to {@link Endpoint}s. Everything every
 * endpoint needs happens here once: request ids, JSON parsing, the seal check, authentication,
 * authorisation, the audit record, and turning exceptions into the uniform error body.
 *
 * <p>Endpoints that only compute on what this node holds (the crypto operations) run on the
 * connection's I/O thread: no hand-off on the hot path. All others may block (Raft commits) and run
 * on a virtual thread each, as does a crypto request its endpoint finds heavy ({@link
 * ApiRequest#offloadIf}). Either way the answer leaves when the request's audit record is written
 * (fail-closed trail), without a thread waiting for it.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final String BEARER = "Bearer ";
  private static final long MIN_PAYLOAD_BACKSTOP = 16L * 1024 * 1024;
  private static final String JSON = "application/json";

  /** The operation label of requests that match no route (404, 405). */
  static final String UNROUTED = "unrouted";

  /** Collects the routes of every feature before the server starts. */
  public static final class Routes {
    private final List<Route> routes;
    private final boolean nonBlocking;

    public Routes() {
      this(new ArrayList<>(), false);
    }

    private Routes(List<Route> routes, boolean nonBlocking) {
      this.routes = routes;
      this.nonBlocking = nonBlocking;
    }

    /**
     * Registration for endpoints that never block (no Raft, no waiting on other threads, no remote
     * calls): they are served on the I/O threads.
     */
    public Routes nonBlocking() {
      return new Routes(routes, true);
    }

    public Routes add(Method method, String path, Guard guard, Endpoint endpoint) {
      routes.add(new Route(method, path, guard, endpoint, nonBlocking));
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

  private record Route(
      Method method, String path, Guard guard, Endpoint endpoint, boolean nonBlocking) {}

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
  private final RouteTable<Route> table = new RouteTable<>();
  private final List<String> routeSummaries;
  private final ExecutorService workers =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("rest-", 0).factory());
  private final HttpListener listener;

  /** Where each request's audit record goes. */
  @FunctionalInterface
  public interface AuditSink {
    /** How long a request waits for its record before it is refused AUDIT_UNAVAILABLE. */
    Duration WAIT = Duration.ofSeconds(10);

    /**
     * Records one request, waiting for the record to be written when the trail fails closed.
     *
     * @throws ClavisException AUDIT_UNAVAILABLE when the record cannot be written and the trail
     *     fails closed: the request must then not be acknowledged
     */
    void record(AuditEvent event);

    /**
     * Records one request without waiting: the future completes when the request may be
     * acknowledged, or fails with AUDIT_UNAVAILABLE when it must not be. Dependent stages must not
     * run on the thread that completes it (use the *Async variants). Sinks that may wait override
     * this; the default records synchronously.
     */
    default CompletableFuture<Void> recordAsync(AuditEvent event) {
      try {
        record(event);
        return CompletableFuture.completedFuture(null);
      } catch (ClavisException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    /**
     * Records one request from an I/O thread, like {@link #recordAsync}, in a group with the other
     * records this thread makes before {@code loop} runs its next task (one write for a round of
     * requests, no hand-over to another thread). {@code loop} is the calling thread's event loop.
     */
    default CompletableFuture<Void> recordInRound(AuditEvent event, Executor loop) {
      return recordAsync(event);
    }
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
    for (Route route : routes.routes) {
      table.add(route.method(), route.path(), route);
    }
    int maxBody = (int) Math.min(Integer.MAX_VALUE - 8, settings.maxBodyBytes());
    this.listener =
        new HttpListener(
            new HttpListener.Settings(
                settings.host(),
                settings.port(),
                settings.tlsKey(),
                settings.tlsChain(),
                maxBody,
                // Past the limit a body is still read (and dropped) so that a client still
                // sending does get the JSON error; this backstop ends that for endless bodies.
                Math.max(settings.maxBodyBytes() * 16, MIN_PAYLOAD_BACKSTOP)),
            this::dispatch);
  }

  public RestServer start() {
    listener.start();
    return this;
  }

  public int port() {
    return listener.port();
  }

  /** Every registered route as "METHOD path", in registration order (path parameters as {id}). */
  public List<String> routeSummaries() {
    return routeSummaries;
  }

  /** Called on the connection's I/O thread with each whole request. */
  private void dispatch(HttpExchange exchange) {
    answeringBugs(exchange, () -> route(exchange));
  }

  /** Runs a step of handling; a failure in it (a bug) answers 500 rather than leave no answer. */
  private void answeringBugs(HttpExchange exchange, Runnable step) {
    try {
      step.run();
    } catch (RuntimeException | StackOverflowError e) {
      internalError(exchange, e);
    }
  }

  private void route(HttpExchange exchange) {
    ClavisException rejection = exchange.rejection();
    // A body over the limit still goes through its route: the caller is authenticated first and
    // the refusal audited like any other; a malformed request has no route to go through.
    if (rejection != null && rejection.code() != ErrorCode.PAYLOAD_TOO_LARGE) {
      sendError(exchange, rejection);
      return;
    }
    RouteTable.Lookup<Route> lookup;
    try {
      lookup = table.find(Method.of(exchange.methodText()), exchange.path());
    } catch (ClavisException e) {
      sendError(exchange, e);
      return;
    }
    switch (lookup) {
      case RouteTable.Found<Route> found -> {
        if (found.route().nonBlocking()) {
          serve(found.route(), found.params(), exchange);
        } else {
          onWorker(exchange, () -> serve(found.route(), found.params(), exchange));
        }
      }
      case RouteTable.MethodNotAllowed<Route> m ->
          // Same path, other method: 405 rather than a misleading 404.
          sendError(
              exchange,
              new ClavisException(
                  ErrorCode.METHOD_NOT_ALLOWED,
                  clip(exchange.methodText(), 20) + " is not allowed on this path"));
      case RouteTable.NotFound<Route> n ->
          sendError(
              exchange,
              new ClavisException(
                  ErrorCode.NOT_FOUND, "no such endpoint: " + clip(exchange.rawPath(), 100)));
    }
  }

  /** Serves a request on a virtual thread; while the server stops, answers 503 instead. */
  private void onWorker(HttpExchange exchange, Runnable serving) {
    try {
      workers.execute(() -> answeringBugs(exchange, serving));
    } catch (RejectedExecutionException e) {
      sendError(exchange, new ClavisException(ErrorCode.UNAVAILABLE, "the node is shutting down"));
    }
  }

  private void serve(Route route, Map<String, String> pathParams, HttpExchange exchange) {
    String requestId = newRequestId();
    long started = System.nanoTime();
    Guard guard = route.guard();
    Map<String, String> headers = new LinkedHashMap<>();
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
          String token = bearer(exchange);
          principal =
              access.authenticate(token, token == null ? exchange.clientCertificate() : null);
        }
      }
      request =
          new ApiRequest(
              exchange, pathParams, requestId, readBody(exchange), principal, guard, access);
      if (guard.kind() == Guard.Kind.AUTHORIZED) {
        target = guard.target() == null ? Target.TENANCY : resolve(guard.target(), request);
        if (target != null) {
          access.authorize(principal, guard.operation(), guard.verb(), guard.resource(), target);
        }
      }
      ApiResponse response;
      String idempotencyKey = exchange.header(Idempotency.HEADER).orElse(null);
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
                        exchange.rawPath() + "?" + exchange.rawQuery(),
                        keyed.body().canonicalBytesMasking(Idempotency.UNFINGERPRINTED_FIELDS)))) {
          try {
            response = route.endpoint().handle(request);
          } finally {
            // Rejections are repeated too, and say so.
            if (scope.replayed()) {
              headers.put(Idempotency.REPLAYED_HEADER, "true");
            }
          }
        }
      }
      status = response.status();
      body = response.body();
      if (response.contentType() != null) {
        headers.put("Content-Type", response.contentType());
        headers.putAll(response.headers());
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
    } catch (Offload o) {
      onWorker(exchange, () -> serve(route, pathParams, exchange));
      return;
    } catch (RuntimeException e) {
      LOG.error("{} {} failed [{}]", route.method().text(), route.path(), requestId, e);
      error = new ClavisException(ErrorCode.INTERNAL, internalMessage(requestId));
      status = error.code().httpStatus();
      body = new ErrorBody(error.code().name(), error.getMessage(), requestId);
    }
    Answer answer = new Answer(requestId, started, guard.operation(), status, headers, body);
    if (!guard.audited()) {
      finish(exchange, answer);
      return;
    }
    EventExecutor io = exchange.ioThread();
    CompletableFuture<Void> recorded;
    try {
      AuditEvent event =
          auditEvent(exchange, requestId, started, guard, principal, target, request, error);
      recorded = io.inEventLoop() ? audit.recordInRound(event, io) : audit.recordAsync(event);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    if (recorded.isDone()) {
      finishAudited(exchange, answer, recorded);
      return;
    }
    CompletableFuture<Void> waiting = recorded;
    ScheduledFuture<?> timer =
        io.schedule(
            () -> waiting.completeExceptionally(auditTimeout()),
            AuditSink.WAIT.toMillis(),
            TimeUnit.MILLISECONDS);
    recorded.whenCompleteAsync(
        (ok, failure) -> {
          timer.cancel(false);
          answeringBugs(exchange, () -> finishAudited(exchange, answer, waiting));
        },
        io);
  }

  private void finishAudited(
      HttpExchange exchange, Answer answer, CompletableFuture<Void> recorded) {
    Throwable failure = recorded.isCompletedExceptionally() ? recorded.exceptionNow() : null;
    finish(exchange, failure == null ? answer : answer.auditFailed(failure));
  }

  private static ClavisException auditTimeout() {
    return new ClavisException(
        ErrorCode.AUDIT_UNAVAILABLE,
        "the audit record was not written in time, so the request is not acknowledged; see the"
            + " server log");
  }

  /** What a routed request answers. */
  private record Answer(
      String requestId,
      long started,
      String operation,
      int status,
      Map<String, String> headers,
      Object body) {
    /** The answer when the audit record could not be written: the request is not acknowledged. */
    Answer auditFailed(Throwable failure) {
      ClavisException e =
          failure instanceof ClavisException ce
              ? ce
              : new ClavisException(
                  ErrorCode.AUDIT_UNAVAILABLE, "the audit trail cannot be written");
      return new Answer(
          requestId,
          started,
          operation,
          e.code().httpStatus(),
          Map.of(),
          new ErrorBody(e.code().name(), e.getMessage(), requestId));
    }
  }

  private void finish(HttpExchange exchange, Answer answer) {
    metrics.record(
        Protocol.REST,
        answer.operation(),
        Outcome.ofHttpStatus(answer.status()),
        answer.body() instanceof ErrorBody e ? e.code() : null,
        System.nanoTime() - answer.started());
    send(exchange, answer.requestId(), answer.status(), answer.headers(), answer.body());
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
      HttpExchange exchange,
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
        exchange.clientAddress(),
        "rest",
        guard.operation(),
        resources,
        result,
        error == null ? null : error.code().name(),
        requestId,
        (System.nanoTime() - started) / 1000,
        exchange
            .header("User-Agent")
            .map(ua -> ua.length() > 200 ? ua.substring(0, 200) : ua)
            .orElse(null));
  }

  /** Text quoted in a message, cut to {@code max} characters and marked when cut. */
  private static String clip(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "..." : s;
  }

  private static JsonBody readBody(HttpExchange exchange) {
    if (exchange.rejection() != null) {
      throw exchange.rejection();
    }
    byte[] bytes = exchange.body();
    return bytes == null ? JsonBody.empty() : JsonSupport.parseObject(bytes);
  }

  /** The bearer token, or null when there is no Authorization header at all. */
  private static String bearer(HttpExchange exchange) {
    String header = exchange.header("Authorization").orElse(null);
    if (header == null) {
      return null;
    }
    if (!header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new ClavisException(
          ErrorCode.UNAUTHENTICATED, "missing Authorization: Bearer <token> header");
    }
    return header.substring(BEARER.length()).trim();
  }

  private void send(
      HttpExchange exchange,
      String requestId,
      int status,
      Map<String, String> headers,
      Object body) {
    Map<String, String> out = new LinkedHashMap<>(headers);
    out.put("Clavis-Request-Id", requestId);
    out.put("Clavis-Node", settings.nodeName());
    byte[] bytes = null;
    if (body != null) {
      if (!out.containsKey("Content-Type") || body instanceof ErrorBody) {
        out.put("Content-Type", JSON);
      }
      bytes = body instanceof byte[] raw ? raw : JsonSupport.write(body);
    }
    exchange.respond(status, out, bytes);
  }

  /** The answer to a request no route serves, or that the listener refused. */
  private void sendError(HttpExchange exchange, ClavisException e) {
    String requestId = newRequestId();
    metrics.record(
        Protocol.REST, UNROUTED, Outcome.ofHttpStatus(e.code().httpStatus()), e.code().name(), 0);
    send(
        exchange,
        requestId,
        e.code().httpStatus(),
        Map.of(),
        new ErrorBody(e.code().name(), e.getMessage(), requestId));
  }

  private static String internalMessage(String requestId) {
    return "internal error; see the server log for " + requestId;
  }

  /** The uniform error body. */
  public record ErrorBody(String code, String message, String requestId) {}

  /**
   * The answer when handling itself failed (a bug): a 500 with the uniform body, built without
   * anything that could fail the same way. Ignored when the request has its answer already.
   */
  private void internalError(HttpExchange exchange, Throwable e) {
    String requestId = newRequestId();
    LOG.error(
        "{} {} failed [{}]",
        clip(exchange.methodText(), 20),
        clip(exchange.rawPath(), 100),
        requestId,
        e);
    // By hand: the failure may have been in JSON writing.
    String body =
        "{\"code\":\"INTERNAL\",\"message\":\""
            + internalMessage(requestId)
            + "\",\"requestId\":\""
            + requestId
            + "\"}";
    exchange.respond(
        500,
        Map.of(
            "Content-Type",
            JSON,
            "Clavis-Request-Id",
            requestId,
            "Clavis-Node",
            settings.nodeName()),
        body.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  private static String newRequestId() {
    byte[] b = new byte[12];
    ThreadLocalRandom.current().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @Override
  public void close() {
    // New connections first, then the requests in progress (they answer through the I/O threads),
    // then the I/O threads.
    listener.stopAccepting();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("requests still running at shutdown are abandoned");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listener.close();
  }
}
