package io.clavis.server.tls;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

/** Fixtures for the TLS tests: node identities and a one-connection TLS server on loopback. */
final class TlsTesting {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final int TIMEOUT_MS = (int) TIMEOUT.toMillis();
  static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

  private TlsTesting() {}

  /** A node key and the certificate a CA issued for it. */
  record Node(PrivateKey key, X509Certificate cert, X509Certificate ca) {
    static Node issuedBy(ClusterCa ca, String name, List<String> hostNames) {
      KeyPair pair = CertSupport.ecKeyPair();
      return new Node(
          pair.getPrivate(),
          ca.issueNodeCertificate(name, pair.getPublic(), hostNames, Duration.ofDays(30)),
          ca.certificate());
    }

    static Node issuedBy(ClusterCa ca, String name) {
      return issuedBy(ca, name, LOOPBACK);
    }

    SSLContext mutualContext() {
      return ClusterTls.mutualContext(key, cert, ca);
    }
  }

  /** A context presenting {@code chain} (or nothing) and trusting with {@code trust}. */
  static SSLContext context(PrivateKey key, List<X509Certificate> chain, X509TrustManager trust) {
    return CertSupport.tlsContext(key == null ? null : CertSupport.keyManagers(key, chain), trust);
  }

  /** Trusts any client certificate: a join endpoint that checks fingerprints afterwards. */
  static final X509TrustManager ACCEPT_ANY_CLIENT =
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
            throws java.security.cert.CertificateException {
          throw new java.security.cert.CertificateException("client-side use not intended");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      };

  enum ClientAuth {
    NONE,
    WANT,
    NEED
  }

  /**
   * A TLS server on 127.0.0.1 (ephemeral port) that accepts a single connection, reads one byte and
   * answers it plus one, then reports the client's certificates, or the failure.
   */
  static final class OneShotServer implements AutoCloseable {
    private final SSLServerSocket socket;
    private final CompletableFuture<Certificate[]> result = new CompletableFuture<>();
    private final Thread thread;

    OneShotServer(SSLContext ctx, ClientAuth auth) throws IOException {
      socket =
          (SSLServerSocket)
              ctx.getServerSocketFactory()
                  .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
      socket.setSoTimeout(TIMEOUT_MS);
      switch (auth) {
        case NEED -> socket.setNeedClientAuth(true);
        case WANT -> socket.setWantClientAuth(true);
        case NONE -> socket.setNeedClientAuth(false);
      }
      thread = Thread.ofPlatform().daemon().name("tls-test-server").start(this::serve);
    }

    private void serve() {
      try (SSLSocket s = (SSLSocket) socket.accept()) {
        s.setSoTimeout(TIMEOUT_MS);
        s.startHandshake();
        InputStream in = s.getInputStream();
        int b = in.read();
        if (b < 0) {
          throw new EOFException("client closed the connection");
        }
        OutputStream out = s.getOutputStream();
        out.write(b + 1);
        out.flush();
        Certificate[] peer;
        try {
          peer = s.getSession().getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
          peer = new Certificate[0];
        }
        result.complete(peer);
      } catch (Throwable t) {
        result.completeExceptionally(t);
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    /** The client's certificate chain (empty if it sent none) once the exchange succeeded. */
    Certificate[] awaitClientChain() throws Exception {
      return result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The reason the server side failed. */
    Throwable awaitFailure() throws InterruptedException, TimeoutException {
      try {
        Certificate[] peer = result.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        throw new AssertionError(
            "the server accepted a client presenting " + peer.length + " certs");
      } catch (ExecutionException e) {
        return e.getCause();
      }
    }

    @Override
    public void close() throws Exception {
      socket.close();
      thread.join(TIMEOUT);
    }
  }

  /** Connects to 127.0.0.1:port, sends 41 and returns the byte the server answers. */
  static int exchange(SSLContext ctx, int port) throws IOException {
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      s.setSoTimeout(TIMEOUT_MS);
      s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
      s.startHandshake();
      s.getOutputStream().write(41);
      s.getOutputStream().flush();
      int r = s.getInputStream().read();
      if (r < 0) {
        throw new EOFException("the server closed the connection");
      }
      return r;
    }
  }
}
