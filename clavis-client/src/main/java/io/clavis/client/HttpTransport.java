package io.clavis.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLContext;

/**
 * Sends one JSON request, trying the servers in the order given by the {@link NodeSelector}:
 * connection failures, timeouts and HTTP 502/503/504 move on to the next server; any other answer
 * is final. Thread-safe.
 */
final class HttpTransport implements AutoCloseable {
  static final String REQUEST_ID_HEADER = "Clavis-Request-Id";
  static final String NODE_HEADER = "Clavis-Node";
  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  private final Http1Client http;
  private final NodeSelector nodes;
  private final String token;
  private final Duration requestTimeout;
  private final ObjectMapper mapper;
  private final String userAgent;
  private final AnswerListener answerListener;

  HttpTransport(
      NodeSelector nodes,
      String token,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration requestTimeout,
      ObjectMapper mapper,
      String userAgent,
      AnswerListener answerListener) {
    this.http = new Http1Client(sslContext, connectTimeout);
    this.nodes = nodes;
    this.token = token;
    this.requestTimeout = requestTimeout;
    this.mapper = mapper;
    this.userAgent = userAgent;
    this.answerListener = answerListener;
  }

  /** A request: method, path under the server URL (starting with {@code /v1/}), query, body. */
  record Call(
      String method,
      String path,
      Map<String, String> query,
      JsonNode body,
      boolean authenticated,
      Set<Integer> acceptedErrorStatuses) {

    static Call get(String path) {
      return new Call("GET", path, Map.of(), null, true, Set.of());
    }

    static Call post(String path, JsonNode body) {
      return new Call("POST", path, Map.of(), body, true, Set.of());
    }

    static Call put(String path, JsonNode body) {
      return new Call("PUT", path, Map.of(), body, true, Set.of());
    }

    static Call delete(String path) {
      return new Call("DELETE", path, Map.of(), null, true, Set.of());
    }

    Call query(Map<String, String> q) {
      return new Call(method, path, q, body, authenticated, acceptedErrorStatuses);
    }

    Call anonymous() {
      return new Call(method, path, query, body, false, acceptedErrorStatuses);
    }

    Call accepting(Set<Integer> statuses) {
      return new Call(method, path, query, body, authenticated, statuses);
    }
  }

  /**
   * Sends the call and returns the JSON body of the answer ({@link MissingNode} when empty).
   *
   * @throws ClavisException for an error answer, or when no server could be reached
   */
  JsonNode send(Call call) {
    Answer a = exchange(call, "application/json");
    return decode(a.server(), a.status(), a.response().body(), a.requestId());
  }

  /** A text answer: its body as UTF-8 and its headers. */
  record TextAnswer(String text, HttpHeaders headers) {}

  /**
   * Sends the call and returns the body of the answer as text, for endpoints that answer with
   * something other than JSON (error answers are still JSON and become exceptions).
   *
   * @param accept the media types asked for
   * @throws ClavisException for an error answer, or when no server could be reached
   */
  TextAnswer sendText(Call call, String accept) {
    Answer a = exchange(call, accept);
    byte[] body = a.response().body();
    return new TextAnswer(
        body == null ? "" : new String(body, StandardCharsets.UTF_8), a.response().headers());
  }

  /**
   * Sends the call to one server only, for the heartbeat: the JSON of a 2xx answer, or null for
   * anything else (unreachable, an error answer). Changes nothing in the node selector.
   */
  JsonNode probe(URI server, Call call, Duration timeout) {
    try {
      Http1Client.Response response =
          send(server, call, encode(call), "application/json", null, timeout);
      if (response.status() / 100 != 2) {
        return null;
      }
      return decode(server, response.status(), response.body(), null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The answer of the server that gave a final answer. */
  private record Answer(URI server, int status, Http1Client.Response response, String requestId) {}

  private Answer exchange(Call call, String accept) {
    byte[] body = encode(call);
    // One key for every attempt: a write that reached a node before its answer was lost is not
    // made twice when the next node is asked.
    String idempotencyKey = "GET".equals(call.method()) ? null : newIdempotencyKey();
    List<URI> tried = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    ClavisException lastAnswer = null;
    Exception lastFailure = null;
    for (URI server : nodes.candidates()) {
      Http1Client.Response response;
      try {
        response = send(server, call, body, accept, idempotencyKey, requestTimeout);
      } catch (IOException e) {
        nodes.reportFailure(server);
        tried.add(server);
        reasons.add(Errors.describe(e));
        lastFailure = e;
        continue;
      }
      int status = response.status();
      String requestId = response.headers().firstValue(REQUEST_ID_HEADER).orElse(null);
      boolean ok = status / 100 == 2 || call.acceptedErrorStatuses().contains(status);
      if (!ok && NodeSelector.isFailoverStatus(status)) {
        nodes.reportFailure(server);
        tried.add(server);
        ClavisException e = Errors.fromResponse(mapper, status, response.body(), requestId);
        reasons.add(e.getMessage() + " (" + e.code() + ")");
        lastAnswer = e;
        continue;
      }
      nodes.reportSuccess(server);
      if (answerListener != null) {
        answerListener.answered(
            server, response.headers().firstValue(NODE_HEADER).orElse(null), status);
      }
      if (!ok) {
        throw Errors.fromResponse(mapper, status, response.body(), requestId);
      }
      return new Answer(server, status, response, requestId);
    }
    if (lastAnswer != null) {
      // some node answered (sealed, read-only...): that answer says more than "unreachable"
      if (tried.size() > 1) {
        lastAnswer.addSuppressed(Errors.unreachable(tried, reasons, lastFailure));
      }
      throw lastAnswer;
    }
    throw Errors.unreachable(tried, reasons, lastFailure);
  }

  private byte[] encode(Call call) {
    if (call.body() == null) {
      return "GET".equals(call.method()) || "DELETE".equals(call.method()) ? null : EMPTY_OBJECT;
    }
    try {
      return mapper.writeValueAsBytes(call.body());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode request", e);
    }
  }

  private JsonNode decode(URI server, int status, byte[] body, String requestId) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = mapper.readTree(body);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      // no cause: the parser's message may quote the body, which can hold plaintext
      throw new ClavisException(
          status, "INVALID_RESPONSE", "the answer of " + server + " is not JSON", requestId);
    }
  }

  private static String newIdempotencyKey() {
    // Unique, not secret: the server scopes keys by caller.
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Long.toHexString(r.nextLong()) + Long.toHexString(r.nextLong());
  }

  private Http1Client.Response send(
      URI server, Call call, byte[] body, String accept, String idempotencyKey, Duration timeout)
      throws IOException {
    List<Http1Client.Header> headers = new ArrayList<>(6);
    headers.add(new Http1Client.Header("Accept", accept));
    headers.add(new Http1Client.Header("User-Agent", userAgent));
    if (call.authenticated() && token != null) {
      headers.add(new Http1Client.Header("Authorization", "Bearer " + token));
      if (idempotencyKey != null) {
        headers.add(new Http1Client.Header(IDEMPOTENCY_KEY_HEADER, idempotencyKey));
      }
    }
    if (body != null) {
      headers.add(new Http1Client.Header("Content-Type", "application/json"));
    }
    URI target = uri(server, call.path(), call.query());
    String pathAndQuery =
        target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    return http.send(server, call.method(), pathAndQuery, headers, body, timeout);
  }

  static URI uri(URI server, String path, Map<String, String> query) {
    String base = server.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    StringBuilder sb = new StringBuilder(base).append(path);
    char sep = '?';
    for (Map.Entry<String, String> q : query.entrySet()) {
      if (q.getValue() == null) {
        continue;
      }
      sb.append(sep)
          .append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
      sep = '&';
    }
    return URI.create(sb.toString());
  }

  /** Percent-encodes one path segment (an id): everything but RFC 3986 unreserved characters. */
  static String segment(String value) {
    if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException("invalid id: '" + value + "'");
    }
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  @Override
  public void close() {
    http.close();
  }
}
