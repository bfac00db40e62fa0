package io.clavis.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.server.testing.TestNode;
import io.clavis.server.testing.TestNode.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Requests that no well-behaved HTTP client sends (bad percent-encoding, absurd lengths), written
 * byte for byte over TLS on a connection of their own.
 */
final class RawHttp {
  private RawHttp() {}

  static Response send(TestNode node, String request) throws Exception {
    try (Connection c = open(node)) {
      c.write(request);
      return c.read();
    }
  }

  /** A TLS connection of its own to the node's API. */
  static Connection open(TestNode node) throws IOException {
    SSLSocketFactory factory =
        TestNode.httpClient(node.node().caCertPath()).sslContext().getSocketFactory();
    URI uri = node.node().apiUri();
    SSLSocket socket = (SSLSocket) factory.createSocket(uri.getHost(), uri.getPort());
    socket.setSoTimeout(10_000);
    return new Connection(socket);
  }

  /** Requests written and responses read in the order the test says. */
  static final class Connection implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;

    private Connection(SSLSocket socket) throws IOException {
      this.socket = socket;
      this.in = new java.io.BufferedInputStream(socket.getInputStream());
    }

    void write(String bytes) throws IOException {
      socket.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
    }

    /** The next response. */
    Response read() throws IOException {
      return parse(readOneResponse(in));
    }

    /** The next response's head alone: the answer to a HEAD request, which has no body. */
    Response readHead() throws IOException {
      return parse(readHeadBytes(in));
    }

    /** Whether the server closed the connection (waits up to the socket timeout for it). */
    boolean closedByServer() throws IOException {
      try {
        return in.read() < 0;
      } catch (javax.net.ssl.SSLException | java.net.SocketException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** The head and the Content-Length body of one response (the server may keep the line open). */
  private static byte[] readOneResponse(InputStream in) throws IOException {
    byte[] head = readHeadBytes(in);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(head);
    Matcher m =
        Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$")
            .matcher(out.toString(StandardCharsets.ISO_8859_1));
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    out.write(in.readNBytes(length));
    return out.toByteArray();
  }

  /** Bytes up to and including the blank line that ends a head (fewer if the stream ends). */
  private static byte[] readHeadBytes(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  /** Parses one HTTP/1.1 response with a Content-Length body. */
  private static Response parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    assertThat(end).as("a complete HTTP response: %s", text).isPositive();
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    byte[] body = Arrays.copyOfRange(raw, end + 4, raw.length);
    JsonNode json = body.length == 0 ? null : new ObjectMapper().readTree(body);
    return new Response(status, json, HttpHeaders.of(headers, (a, b) -> true), body);
  }
}
