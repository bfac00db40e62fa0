package io.clavis.server.kmip;

import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A raw KMIP client over TLS: sends TTLV, reads TTLV, and tells whether the server hung up. */
final class KmipTestClient implements AutoCloseable {
  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;

  private KmipTestClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  /** Connects (and shakes hands) presenting {@code identity}, or no certificate when null. */
  static KmipTestClient connect(int port, KmipTestIdentity identity, Path caPem) throws Exception {
    SSLContext ctx = context(identity, caPem, "TLSv1.3");
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port);
    s.setSoTimeout(15_000);
    s.startHandshake();
    return new KmipTestClient(s);
  }

  static SSLContext context(KmipTestIdentity identity, Path caPem, String protocol)
      throws Exception {
    KeyManagerFactory kmf = null;
    if (identity != null) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry(
          "client", identity.key(), new char[0], new X509Certificate[] {identity.certificate()});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, new char[0]);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", io.clavis.server.tls.NodeTls.readCertificates(caPem).get(0));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance(protocol);
    ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  TtlvStructure call(TtlvStructure request) throws IOException {
    send(request);
    return receive();
  }

  void send(TtlvStructure request) throws IOException {
    sendRaw(TtlvEncoder.encode(request));
  }

  void sendRaw(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one response message. */
  TtlvStructure receive() throws IOException {
    byte[] header = in.readNBytes(8);
    if (header.length < 8) {
      throw new EOFException("the server closed the connection");
    }
    long length =
        ((long) (header[4] & 0xFF) << 24)
            | ((header[5] & 0xFF) << 16)
            | ((header[6] & 0xFF) << 8)
            | (header[7] & 0xFF);
    byte[] message = Arrays.copyOf(header, (int) (8 + length));
    int read = in.readNBytes(message, 8, (int) length);
    if (read < length) {
      throw new EOFException("the response was cut short");
    }
    return TtlvDecoder.decode(message).as(TtlvStructure.class);
  }

  /** Whether the server closes the connection (without sending anything) within {@code wait}. */
  boolean closedByServer(Duration wait) throws IOException {
    socket.setSoTimeout((int) wait.toMillis());
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // reset or TLS alert: closed all the same
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
