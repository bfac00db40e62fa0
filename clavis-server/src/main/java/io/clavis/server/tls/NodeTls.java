package io.clavis.server.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's TLS identity under {@code DATA/tls}: a CA (generated on first start unless the
 * operator supplies certificates) and a server certificate for the API, ECDSA P-256 because
 * ECDHE-ECDSA handshakes are the cheapest. The CA is a {@link ClusterCa}: the node that creates it
 * can issue certificates for other nodes with it ({@link #clusterCa()}).
 */
public final class NodeTls {
  public static final String CA_CERT = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String SERVER_CERT = "server.pem";
  public static final String SERVER_KEY = "server-key.pem";

  /** Validity of the server certificate created on first start. */
  static final Duration SERVER_VALIDITY = Duration.ofDays(825);

  private final Path caCert;
  private final Path caKey;
  private final PrivateKey serverKey;
  private final List<X509Certificate> serverChain;

  private NodeTls(
      Path caCert, Path caKey, PrivateKey serverKey, List<X509Certificate> serverChain) {
    this.caCert = caCert;
    this.caKey = caKey;
    this.serverKey = serverKey;
    this.serverChain = serverChain;
  }

  public Path caCertPath() {
    return caCert;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  /**
   * The server certificate followed by the rest of its chain up to and including the CA certificate
   * of {@value #CA_CERT}, so that clients pinning the CA by fingerprint (see {@link
   * PinnedCaTrustManager}) can find it in the handshake.
   */
  public List<X509Certificate> serverChain() {
    return serverChain;
  }

  /** The CA certificate clients of this node trust. */
  public X509Certificate caCertificate() throws IOException {
    return readCertificates(caCert).get(0);
  }

  /** The CA with its private key, if this node holds the key ({@value #CA_KEY}). */
  public Optional<ClusterCa> clusterCa() throws IOException {
    if (!Files.exists(caKey)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ClusterCa.load(caCertificate(), readPrivateKey(caKey)));
    } catch (IllegalArgumentException e) {
      throw new IOException("bad CA in " + caKey.getParent() + ": " + e.getMessage(), e);
    }
  }

  /** Loads the node's TLS files, creating a CA and server certificate if there are none. */
  public static NodeTls loadOrCreate(Path tlsDir, String nodeName, List<String> hostNames)
      throws IOException {
    Files.createDirectories(tlsDir);
    Path caCert = tlsDir.resolve(CA_CERT);
    Path caKey = tlsDir.resolve(CA_KEY);
    Path serverCert = tlsDir.resolve(SERVER_CERT);
    Path serverKey = tlsDir.resolve(SERVER_KEY);
    if (!Files.exists(serverCert) || !Files.exists(serverKey)) {
      ClusterCa ca = ClusterCa.create(nodeName);
      KeyPair serverPair = CertSupport.ecKeyPair();
      X509Certificate server =
          ca.issueNodeCertificate(nodeName, serverPair.getPublic(), hostNames, SERVER_VALIDITY);
      Pem.writeAtomically(caCert, Pem.encode(ca.certificate()), false);
      Pem.writeAtomically(caKey, Pem.encodePrivateKey(ca.privateKey()), true);
      Pem.writeAtomically(serverKey, Pem.encodePrivateKey(serverPair.getPrivate()), true);
      Pem.writeAtomically(serverCert, Pem.encode(server), false);
    }
    List<X509Certificate> chain = new ArrayList<>(readCertificates(serverCert));
    if (Files.exists(caCert)) {
      X509Certificate ca = readCertificates(caCert).get(0);
      X509Certificate last = chain.get(chain.size() - 1);
      if (!chain.contains(ca)
          && last.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        chain.add(ca);
      }
    }
    return new NodeTls(caCert, caKey, readPrivateKey(serverKey), List.copyOf(chain));
  }

  /** Host names and addresses the server certificate should cover by default. */
  public static List<String> defaultHostNames(String bindHost) {
    List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
    try {
      String local = InetAddress.getLocalHost().getHostName();
      if (!names.contains(local)) {
        names.add(local);
      }
    } catch (IOException e) {
      // No resolvable host name: loopback names are enough.
    }
    if (bindHost != null && !bindHost.equals("0.0.0.0") && !names.contains(bindHost)) {
      names.add(bindHost);
    }
    return names;
  }

  /** Every certificate in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> out;
    try {
      out = Pem.certificates(Files.readString(file));
    } catch (IOException e) {
      if (e instanceof java.nio.file.NoSuchFileException) {
        throw e;
      }
      throw new IOException("bad certificate in " + file, e);
    }
    if (out.isEmpty()) {
      throw new IOException("no certificate in " + file);
    }
    return out;
  }

  /** A PEM private key (PKCS#8 or traditional). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    String pem = Files.readString(file);
    try {
      return Pem.privateKey(pem);
    } catch (IOException e) {
      throw new IOException("no private key in " + file, e);
    }
  }
}
