package io.clavis.server.kmip;

import io.clavis.server.access.AccessControl;
import io.clavis.server.http.RestServer;
import io.clavis.server.metrics.RequestMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The KMIP listener: TTLV over TLS 1.2 or 1.3 on the node's KMIP port, with the same key and
 * certificate chain as the REST listener, one virtual thread per connection and many requests per
 * connection.
 *
 * <p>A client certificate is required, but the TLS layer accepts any (as the REST listener does):
 * what makes a client someone is that the certificate's fingerprint is registered for a service,
 * which the message layer checks on every request, so that deleting a service ends its access on
 * open connections too. Connections beyond {@link KmipLimits#maxConnections()} are closed as soon
 * as they are accepted, before any TLS work.
 */
public final class KmipListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KmipListener.class);
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final int BACKLOG = 256;

  /**
   * Where and how to listen.
   *
   * @param host the address to bind
   * @param port the port; 0 for any free port ({@link #port()} tells which)
   * @param tlsKey the server's private key
   * @param tlsChain its certificate chain, leaf first
   * @param limits what one peer may cost
   */
  public record Settings(
      String host, int port, PrivateKey tlsKey, List<X509Certificate> tlsChain, KmipLimits limits) {
    public Settings {
      tlsChain = List.copyOf(tlsChain);
    }
  }

  private final Settings settings;
  private final KmipRequestProcessor processor;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong accepted = new AtomicLong();
  private volatile SSLServerSocket server;
  private volatile boolean closed;
  private Thread acceptor;

  /**
   * A listener (not yet started).
   *
   * @param availability null when the node serves requests, else why not (a sealed node answers
   *     every item with Operation Failed and that reason)
   * @param audit where each batch item's audit record goes
   * @param metrics where each batch item is counted
   */
  public KmipListener(
      Settings settings,
      KmipDispatcher dispatcher,
      AccessControl access,
      RestServer.AuditSink audit,
      RequestMetrics metrics,
      Supplier<String> availability) {
    this.settings = settings;
    this.processor =
        new KmipRequestProcessor(
            dispatcher,
            access,
            new KmipAudit(audit, metrics),
            availability::get,
            settings.limits().decoder());
    this.slots = new Semaphore(settings.limits().maxConnections());
  }

  /** Binds the port and starts accepting connections. */
  public KmipListener start() throws IOException {
    SSLServerSocket s;
    try {
      s = (SSLServerSocket) context().getServerSocketFactory().createServerSocket();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot set up TLS for the KMIP listener: " + e.getMessage(), e);
    }
    SSLParameters params = s.getSSLParameters();
    params.setProtocols(PROTOCOLS);
    params.setNeedClientAuth(true);
    s.setSSLParameters(params);
    s.setReuseAddress(true);
    try {
      s.bind(
          new InetSocketAddress(InetAddress.getByName(settings.host()), settings.port()), BACKLOG);
    } catch (IOException e) {
      s.close();
      throw new IOException(
          "cannot listen for KMIP on "
              + settings.host()
              + ":"
              + settings.port()
              + ": "
              + e.getMessage(),
          e);
    }
    server = s;
    acceptor = Thread.ofPlatform().name("kmip-accept").daemon(true).start(this::acceptLoop);
    LOG.info("KMIP listening on {}:{}", settings.host(), port());
    return this;
  }

  /** The bound port. */
  public int port() {
    return server.getLocalPort();
  }

  /** Connections open now (for tests and metrics). */
  public int openConnections() {
    return open.size();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("KMIP accept failed: {}", e.toString());
          pause(); // e.g. out of file descriptors: do not spin
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        LOG.debug("KMIP connection limit of {} reached", settings.limits().maxConnections());
        closeQuietly(socket);
        continue;
      }
      open.add(socket);
      Runnable done =
          () -> {
            open.remove(socket);
            slots.release();
          };
      try {
        Thread.ofVirtual()
            .name("kmip-" + accepted.incrementAndGet())
            .start(new KmipConnection((SSLSocket) socket, processor, settings.limits(), done));
      } catch (RuntimeException e) {
        done.run();
        closeQuietly(socket);
        LOG.error("KMIP connection not started", e);
      }
      if (closed) {
        closeQuietly(socket); // raced with close(): do not leave it behind
      }
    }
  }

  private SSLContext context() throws GeneralSecurityException, IOException {
    char[] password = new char[0];
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "kmip", settings.tlsKey(), password, settings.tlsChain().toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), new TrustManager[] {ANY_CLIENT}, null);
    return ctx;
  }

  /**
   * Accepts any client certificate chain: the handshake still proves the client holds the
   * certificate's key, and whose certificate it is, is decided by its registered fingerprint.
   */
  private static final X509TrustManager ANY_CLIENT =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
          throw new java.security.cert.CertificateException("a server trust manager only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() {
    closed = true;
    ServerSocket s = server;
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        LOG.debug("closing the KMIP server socket: {}", e.toString());
      }
    }
    open.forEach(KmipListener::closeQuietly);
    if (acceptor != null) {
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
