package io.clavis.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small blocking HTTP/1.1 client with a pool of keep-alive connections per server: one request at
 * a time per connection, as many connections as calls in flight.
 *
 * <p>The SDK sends many small requests from many threads; the JDK's {@code HttpClient} spends
 * several times the server's own CPU per request on its asynchronous machinery, which on a shared
 * machine halves what the server gets. Thread-safe.
 */
final class Http1Client implements AutoCloseable {
  /** A whole answer. Header names are case-insensitive. */
  record Response(int status, HttpHeaders headers, byte[] body) {}

  /** A request header line. */
  record Header(String name, String value) {}

  private static final int MAX_HEADER_LINE = 16 * 1024;
  private static final int MAX_HEADERS = 200;
  private static final int MAX_BODY = 512 * 1024 * 1024;
  private static final int MAX_IDLE_PER_SERVER = 256;

  private final SSLSocketFactory tls;
  private final int connectTimeoutMs;
  private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  Http1Client(SSLContext sslContext, Duration connectTimeout) {
    try {
      this.tls = (sslContext == null ? SSLContext.getDefault() : sslContext).getSocketFactory();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
    this.connectTimeoutMs = (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis());
  }

  /**
   * Sends one request to {@code server} and reads the whole answer.
   *
   * @param target the path and query, already encoded
   * @param body null for none
   * @throws IOException when the server cannot be reached or the exchange breaks; timeouts are
   *     {@link HttpConnectTimeoutException} and {@link HttpTimeoutException}
   */
  Response send(
      URI server, String method, String target, List<Header> headers, byte[] body, Duration timeout)
      throws IOException {
    String key = key(server);
    Connection c = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).pollFirst();
    if (c != null) {
      try {
        return exchange(key, c, true, server, method, target, headers, body, timeout);
      } catch (StaleConnectionException e) {
        // The server closed or reset a kept-alive connection before answering: a new connection,
        // once. (A write repeated this way carries the same Idempotency-Key.)
      }
    }
    return exchange(key, open(server), false, server, method, target, headers, body, timeout);
  }

  private Response exchange(
      String key,
      Connection c,
      boolean reused,
      URI server,
      String method,
      String target,
      List<Header> headers,
      byte[] body,
      Duration timeout)
      throws IOException {
    boolean keep = false;
    try {
      c.socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
      try {
        writeRequest(c.out, server, method, target, headers, body);
        c.in.mark(1);
        if (c.in.read() < 0) {
          throw new StaleConnectionException();
        }
        c.in.reset();
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        if (reused) {
          throw new StaleConnectionException();
        }
        throw e;
      }
      Response r = readResponse(c, method);
      keep = !"close".equalsIgnoreCase(r.headers().firstValue("Connection").orElse(""));
      return r;
    } catch (SocketTimeoutException e) {
      throw new HttpTimeoutException("request timed out after " + timeout.toMillis() + " ms");
    } finally {
      if (keep && !closed) {
        Deque<Connection> pool = idle.get(key);
        if (pool.size() < MAX_IDLE_PER_SERVER) {
          pool.offerFirst(c);
        } else {
          c.close();
        }
      } else {
        c.close();
      }
    }
  }

  private Connection open(URI server) throws IOException {
    boolean https = "https".equalsIgnoreCase(server.getScheme());
    String host = server.getHost();
    int port = server.getPort() > 0 ? server.getPort() : https ? 443 : 80;
    Socket raw = new Socket();
    try {
      raw.setTcpNoDelay(true);
      raw.connect(new InetSocketAddress(host, port), connectTimeoutMs);
      Socket s = raw;
      if (https) {
        SSLSocket ssl = (SSLSocket) tls.createSocket(raw, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        ssl.setSSLParameters(p);
        ssl.setSoTimeout(connectTimeoutMs);
        ssl.startHandshake();
        s = ssl;
      }
      return new Connection(s);
    } catch (SocketTimeoutException e) {
      raw.close();
      throw new HttpConnectTimeoutException(
          "connection to " + host + ":" + port + " timed out after " + connectTimeoutMs + " ms");
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private static void writeRequest(
      OutputStream out, URI server, String method, String target, List<Header> headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder(256);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(server.getRawAuthority()).append("\r\n");
    for (Header h : headers) {
      head.append(h.name()).append(": ").append(h.value()).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    out.flush();
  }

  private static Response readResponse(Connection c, String method) throws IOException {
    String status = readLine(c.in);
    if (!status.startsWith("HTTP/1.") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer");
    }
    int code;
    try {
      code = Integer.parseInt(status.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP status line");
    }
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int n = 0; ; n++) {
      String line = readLine(c.in);
      if (line.isEmpty()) {
        break;
      }
      if (n >= MAX_HEADERS) {
        throw new IOException("too many response headers");
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed response header");
      }
      headers
          .computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
          .add(line.substring(colon + 1).trim());
    }
    HttpHeaders h = HttpHeaders.of(headers, (name, value) -> true);
    byte[] body;
    if ("HEAD".equals(method) || code == 204 || code == 304 || code / 100 == 1) {
      body = new byte[0];
    } else if (h.firstValue("Transfer-Encoding")
        .map(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))
        .orElse(false)) {
      body = readChunked(c.in);
    } else if (h.firstValue("Content-Length").isPresent()) {
      long length;
      try {
        length = Long.parseLong(h.firstValue("Content-Length").get());
      } catch (NumberFormatException e) {
        throw new IOException("malformed Content-Length");
      }
      if (length < 0 || length > MAX_BODY) {
        throw new IOException("answer body too large");
      }
      body = c.in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("answer body cut short");
      }
    } else {
      body = readToEnd(c.in); // HTTP/1.0 style: the body ends with the connection
      headers.put("Connection", List.of("close"));
      h = HttpHeaders.of(headers, (name, value) -> true);
    }
    return new Response(code, h, body);
  }

  private static byte[] readChunked(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String line = readLine(in);
      int semicolon = line.indexOf(';');
      int size;
      try {
        size = Integer.parseInt((semicolon < 0 ? line : line.substring(0, semicolon)).trim(), 16);
      } catch (NumberFormatException e) {
        throw new IOException("malformed chunk size");
      }
      if (size < 0 || out.size() + (long) size > MAX_BODY) {
        throw new IOException("answer body too large");
      }
      if (size == 0) {
        while (!readLine(in).isEmpty()) {
          // trailers: ignored
        }
        return out.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length != size) {
        throw new EOFException("answer body cut short");
      }
      out.write(chunk);
      readLine(in);
    }
  }

  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) >= 0; ) {
      if (out.size() + (long) n > MAX_BODY) {
        throw new IOException("answer body too large");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** One line without its CRLF. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("answer cut short");
      }
      if (b == '\n') {
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == '\r') {
          sb.setLength(end - 1);
        }
        return sb.toString();
      }
      if (sb.length() >= MAX_HEADER_LINE) {
        throw new IOException("answer header line too long");
      }
      sb.append((char) b);
    }
  }

  private static String key(URI server) {
    return server.getScheme().toLowerCase(Locale.ROOT) + "://" + server.getRawAuthority();
  }

  /**
   * A kept-alive connection the server had closed or reset: the request got no answer byte on it.
   */
  private static final class StaleConnectionException extends EOFException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException() {
      super("connection closed by the server");
    }
  }

  private static final class Connection {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Deque<Connection> pool : idle.values()) {
      for (Connection c; (c = pool.pollFirst()) != null; ) {
        c.close();
      }
    }
  }
}
