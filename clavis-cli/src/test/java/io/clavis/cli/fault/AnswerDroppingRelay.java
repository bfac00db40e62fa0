package io.clavis.cli.fault;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A TLS hop between a load balancer and one node that behaves like a node dying at the worst
 * moment, once: it passes HTTP/1.1 exchanges through, except that the answer to the first request
 * matching a predicate is read from the node and then thrown away, the balancer's connection closed
 * without a byte. The node has done the work; the balancer has no answer. What the balancer does
 * next (fail, or repeat the request elsewhere) is what the test looks at.
 *
 * <p>Enough HTTP for a balancer talking to Clavis: requests and answers carry a Content-Length (or
 * no body), no chunked bodies, no 1xx answers.
 */
final class AnswerDroppingRelay implements AutoCloseable {
  private static final int MAX_HEAD = 64 * 1024;

  private final ServerSocket listener;
  private final SSLContext clientTls;
  private final InetSocketAddress node;
  private final Predicate<String> dropAnswerTo;
  private final AtomicReference<String> dropped = new AtomicReference<>();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /**
   * @param serverTls what the balancer sees (a certificate it trusts)
   * @param clientTls how the relay connects to the node
   * @param dropAnswerTo tested on each request's head (request line and headers)
   */
  AnswerDroppingRelay(
      SSLContext serverTls,
      SSLContext clientTls,
      InetSocketAddress node,
      Predicate<String> dropAnswerTo)
      throws IOException {
    this.listener =
        serverTls
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.clientTls = clientTls;
    this.node = node;
    this.dropAnswerTo = dropAnswerTo;
    Thread.ofVirtual().name("relay-accept").start(this::accept);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The head of the request whose answer was dropped, or null while none was. */
  String droppedRequest() {
    return dropped.get();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket balancer = listener.accept();
        open.add(balancer);
        Thread.ofVirtual().name("relay").start(() -> relay(balancer));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket balancer) {
    Socket upstream = null;
    try (balancer) {
      upstream = clientTls.getSocketFactory().createSocket(node.getHostString(), node.getPort());
      open.add(upstream);
      exchange(balancer, upstream);
    } catch (IOException e) {
      // a peer went away: this connection ends here
    } finally {
      open.remove(balancer);
      if (upstream != null) {
        open.remove(upstream);
        closeQuietly(upstream);
      }
    }
  }

  /** Passes exchanges through until either side ends, or an answer is dropped. */
  private void exchange(Socket balancer, Socket upstream) throws IOException {
    InputStream fromBalancer = new BufferedInputStream(balancer.getInputStream());
    OutputStream toBalancer = balancer.getOutputStream();
    InputStream fromNode = new BufferedInputStream(upstream.getInputStream());
    OutputStream toNode = upstream.getOutputStream();
    while (true) {
      byte[] requestHead = head(fromBalancer);
      if (requestHead == null) {
        return;
      }
      String request = new String(requestHead, StandardCharsets.ISO_8859_1);
      toNode.write(requestHead);
      toNode.write(fromBalancer.readNBytes((int) contentLength(request)));
      toNode.flush();
      byte[] answerHead = head(fromNode);
      if (answerHead == null) {
        return;
      }
      String answer = new String(answerHead, StandardCharsets.ISO_8859_1);
      byte[] body =
          fromNode.readNBytes(hasNoBody(request, answer) ? 0 : (int) contentLength(answer));
      // Only a success is dropped: a refusal (503 while the node is read-only) made nothing.
      if (answer.startsWith("HTTP/1.1 2")
          && dropAnswerTo.test(request)
          && dropped.compareAndSet(null, request)) {
        return; // the node answered; the balancer hears nothing and sees the connection close
      }
      toBalancer.write(answerHead);
      toBalancer.write(body);
      toBalancer.flush();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** A message head through its blank line; null at a clean end of stream. */
  private static byte[] head(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        if (head.size() == 0) {
          return null;
        }
        throw new IOException("stream ended inside a message head");
      }
      head.write(b);
      matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
      if (head.size() > MAX_HEAD) {
        throw new IOException("message head too long");
      }
    }
    return head.toByteArray();
  }

  private static long contentLength(String head) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals("content-length")) {
        return Long.parseLong(line.substring(colon + 1).trim());
      }
    }
    return 0;
  }

  private static boolean hasNoBody(String request, String answer) {
    String status = answer.split(" ", 3)[1];
    return request.startsWith("HEAD ") || status.equals("204") || status.equals("304");
  }

  @Override
  public void close() throws IOException {
    listener.close();
    open.forEach(AnswerDroppingRelay::closeQuietly);
  }
}
