package io.clavis.server.http;

import io.clavis.server.error.ClavisException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * One request as the listener read it off a connection (head and whole body), and the way back: its
 * answer is given once, from any thread, with {@link #respond}.
 */
public final class HttpExchange {
  private static final int MAX_QUERY_PARAMETERS = 64;

  private final HttpConnection connection;
  private final ChannelHandlerContext ctx;
  private final String method;
  private final String uri;
  private final HttpHeaders headers;
  private final byte[] body;
  private final boolean keepAlive;
  private final ClavisException rejection;
  private QueryStringDecoder decoded;

  HttpExchange(
      HttpConnection connection,
      ChannelHandlerContext ctx,
      String method,
      String uri,
      HttpHeaders headers,
      byte[] body,
      boolean keepAlive,
      ClavisException rejection) {
    this.connection = connection;
    this.ctx = ctx;
    this.method = method;
    this.uri = uri;
    this.headers = headers;
    this.body = body;
    this.keepAlive = keepAlive;
    this.rejection = rejection;
  }

  /** The method as sent. */
  public String methodText() {
    return method;
  }

  /** The path as sent, without the query. */
  public String rawPath() {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }

  /** The query as sent (without '?'), empty when there is none. */
  public String rawQuery() {
    int q = uri.indexOf('?');
    return q < 0 ? "" : uri.substring(q + 1);
  }

  /**
   * The percent-decoded path.
   *
   * @throws ClavisException INVALID_ARGUMENT for a malformed escape
   */
  public String path() {
    return decoded().path();
  }

  /**
   * The first value of a query parameter.
   *
   * @throws ClavisException INVALID_ARGUMENT for a malformed escape
   */
  public Optional<String> query(String name) {
    List<String> values = decoded().parameters().get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  private QueryStringDecoder decoded() {
    if (decoded == null) {
      try {
        // ';' is part of a value, not a separator: as the JDK and most servers read a query.
        QueryStringDecoder d =
            new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, MAX_QUERY_PARAMETERS, true);
        d.path(); // both decoded now, so that a malformed escape fails here
        d.parameters();
        decoded = d;
      } catch (IllegalArgumentException e) {
        throw ClavisException.invalid("the request path or query is not validly percent-encoded");
      }
    }
    return decoded;
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The body; null when the request had none. */
  byte[] body() {
    return body;
  }

  /**
   * Why the listener refused the request while reading it (malformed, or a body over the limit), or
   * null.
   */
  ClavisException rejection() {
    return rejection;
  }

  /** The client's IP address as text, or null. */
  public String clientAddress() {
    SocketAddress a = ctx.channel().remoteAddress();
    return a instanceof InetSocketAddress i && i.getAddress() != null
        ? i.getAddress().getHostAddress()
        : null;
  }

  /** The TLS client certificate the caller presented, or null. */
  public X509Certificate clientCertificate() {
    SslHandler tls = ctx.pipeline().get(SslHandler.class);
    if (tls == null) {
      return null;
    }
    try {
      Certificate[] chain = tls.engine().getSession().getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate c ? c : null;
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  /** This connection's I/O thread, for tasks and timers. */
  EventExecutor ioThread() {
    return ctx.executor();
  }

  /**
   * Sends the answer (status, headers, body or null) and lets the connection go on to its next
   * request. Safe from any thread; only the first call counts.
   */
  void respond(int status, Map<String, String> responseHeaders, byte[] responseBody) {
    connection.respond(this, status, responseHeaders, responseBody, keepAlive);
  }
}
