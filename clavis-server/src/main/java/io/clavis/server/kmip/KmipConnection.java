package io.clavis.server.kmip;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection, on its own virtual thread: the TLS handshake (a client certificate is
 * required), then request after request until the client closes, stays idle too long, sends bytes
 * that cannot be a KMIP message, or fails authentication. Nothing a peer sends escapes as an
 * exception: every failure ends in a KMIP answer or a closed connection, logged at debug.
 */
final class KmipConnection implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(KmipConnection.class);

  private final SSLSocket socket;
  private final KmipRequestProcessor processor;
  private final KmipLimits limits;
  private final Runnable onClose;

  KmipConnection(
      SSLSocket socket, KmipRequestProcessor processor, KmipLimits limits, Runnable onClose) {
    this.socket = socket;
    this.processor = processor;
    this.limits = limits;
    this.onClose = onClose;
  }

  @Override
  public void run() {
    String peer = address();
    try (socket) {
      socket.setSoTimeout((int) limits.handshakeTimeout().toMillis());
      socket.startHandshake();
      X509Certificate certificate = clientCertificate();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      KmipFrameReader frames = new KmipFrameReader(socket, in, limits);
      while (true) {
        byte[] frame = frames.next();
        if (frame == null) {
          LOG.debug("KMIP client {} closed the connection", peer);
          return;
        }
        KmipRequestProcessor.Outcome outcome = processor.process(frame, certificate, peer);
        if (outcome.response() != null) {
          out.write(outcome.response());
          out.flush();
        }
        if (outcome.close()) {
          LOG.debug("KMIP connection from {} closed after the answer", peer);
          return;
        }
      }
    } catch (KmipFrameReader.MalformedFrameException e) {
      LOG.debug("KMIP connection from {} closed: {}", peer, e.getMessage());
    } catch (SocketTimeoutException e) {
      LOG.debug("KMIP connection from {} timed out: {}", peer, e.getMessage());
    } catch (EOFException e) {
      LOG.debug("KMIP connection from {} ended inside a message", peer);
    } catch (SSLException e) {
      LOG.debug("KMIP TLS with {} failed: {}", peer, e.getMessage());
    } catch (IOException e) {
      LOG.debug("KMIP connection from {} failed: {}", peer, e.toString());
    } catch (RuntimeException e) {
      LOG.error("KMIP connection from {} failed", peer, e);
    } finally {
      onClose.run();
    }
  }

  /** The certificate the client proved it holds; the handshake requires one. */
  private X509Certificate clientCertificate() throws IOException {
    Certificate[] chain = socket.getSession().getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new SSLException("the client presented no X.509 certificate");
    }
    return leaf;
  }

  private String address() {
    return socket.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
        ? a.getAddress().getHostAddress()
        : String.valueOf(socket.getRemoteSocketAddress());
  }
}
