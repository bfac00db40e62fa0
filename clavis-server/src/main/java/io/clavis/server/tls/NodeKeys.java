package io.clavis.server.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;

/**
 * A node's own key pair and cluster certificates, kept in its TLS directory:
 *
 * <ul>
 *   <li>{@value #NODE_KEY}: the EC P-256 private key, PKCS#8 PEM, mode 0600, created once;
 *   <li>{@value #CANDIDATE_CERT}: a self-signed certificate for that key, which an operator
 *       fingerprints before the node joins and which the node presents while joining;
 *   <li>{@value #NODE_CERT} and {@value #CLUSTER_CA_CERT}: the certificate the cluster CA issued
 *       for the key, and the CA certificate, once the node has joined.
 * </ul>
 *
 * <p>The private key never changes, so the certificate a node is issued while joining matches the
 * key it fingerprinted. Methods are thread-safe.
 */
public final class NodeKeys {
  public static final String NODE_KEY = "node-key.pem";
  public static final String CANDIDATE_CERT = "candidate.pem";
  public static final String NODE_CERT = "node.pem";
  public static final String CLUSTER_CA_CERT = "cluster-ca.pem";

  /** Validity of a candidate certificate; an expiring one is replaced by a new one. */
  static final Duration CANDIDATE_VALIDITY = Duration.ofDays(365);

  private static final Duration CANDIDATE_RENEW_BEFORE = Duration.ofDays(1);

  private final Path dir;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private X509Certificate nodeCert;
  private X509Certificate caCert;

  private NodeKeys(Path dir, PrivateKey privateKey, PublicKey publicKey) {
    this.dir = dir;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * Loads the node key from {@code tlsDir}, creating it (and the directory, mode 0700) on first
   * use, together with any cluster certificates already installed.
   */
  public static NodeKeys loadOrCreate(Path tlsDir) throws IOException {
    if (!Files.isDirectory(tlsDir)) {
      if (Pem.isPosix()) {
        Files.createDirectories(
            tlsDir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(tlsDir);
      }
    }
    Path keyFile = tlsDir.resolve(NODE_KEY);
    if (!Files.exists(keyFile)) {
      KeyPair pair = CertSupport.ecKeyPair();
      // If another process created the key meanwhile, we load theirs below.
      Pem.createAtomically(keyFile, Pem.encodePrivateKey(pair.getPrivate()), true);
    } else if (Pem.isPosix() && !Files.getPosixFilePermissions(keyFile).equals(Pem.SECRET_MODE)) {
      Files.setPosixFilePermissions(keyFile, Pem.SECRET_MODE);
    }
    PrivateKey key;
    PublicKey pub;
    try {
      key = Pem.privateKey(Files.readString(keyFile));
      pub = CertSupport.ecPublicKey(key);
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("bad node key " + keyFile + ": " + e.getMessage(), e);
    }
    NodeKeys keys = new NodeKeys(tlsDir, key, pub);
    keys.loadInstalled();
    return keys;
  }

  private void loadInstalled() throws IOException {
    Path node = dir.resolve(NODE_CERT);
    Path ca = dir.resolve(CLUSTER_CA_CERT);
    if (Files.exists(node) && Files.exists(ca)) {
      X509Certificate n = NodeTls.readCertificates(node).get(0);
      X509Certificate c = NodeTls.readCertificates(ca).get(0);
      if (!CertSupport.sameKey(n.getPublicKey(), publicKey)) {
        throw new IOException(node + " is not a certificate for " + dir.resolve(NODE_KEY));
      }
      nodeCert = n;
      caCert = c;
    }
  }

  /** The TLS directory. */
  public Path directory() {
    return dir;
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /**
   * The node's self-signed candidate certificate ({@code CN=nodeName}), stored in {@value
   * #CANDIDATE_CERT}. It is created once and reused, unless the stored one has another subject, is
   * for another key or is about to expire.
   */
  public synchronized X509Certificate candidateCertificate(String nodeName) throws IOException {
    X500Principal subject = new X500Principal(CertSupport.cn(nodeName).getEncoded());
    Path file = dir.resolve(CANDIDATE_CERT);
    if (Files.exists(file)) {
      X509Certificate stored = NodeTls.readCertificates(file).get(0);
      boolean fresh =
          stored.getNotAfter().toInstant().isAfter(Instant.now().plus(CANDIDATE_RENEW_BEFORE));
      if (fresh
          && stored.getSubjectX500Principal().equals(subject)
          && CertSupport.sameKey(stored.getPublicKey(), publicKey)) {
        return stored;
      }
    }
    X509Certificate cert = selfSigned(nodeName);
    Pem.writeAtomically(file, Pem.encode(cert), false);
    return cert;
  }

  private X509Certificate selfSigned(String nodeName) {
    X500Name name = CertSupport.cn(nodeName);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            CertSupport.serial(),
            Date.from(now.minus(ClusterCa.BACKDATE)),
            Date.from(now.plus(CANDIDATE_VALIDITY)),
            name,
            publicKey);
    try {
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
      b.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new JcaX509ExtensionUtils().createSubjectKeyIdentifier(publicKey));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build candidate certificate: " + e.getMessage(), e);
    }
    return CertSupport.sign(b, privateKey);
  }

  /**
   * Installs the certificate the cluster CA issued for this node's key, and the CA certificate:
   * {@value #CLUSTER_CA_CERT} first, then {@value #NODE_CERT}, each atomically.
   *
   * @throws IllegalArgumentException if {@code nodeCert} is not for this node's key or not signed
   *     by {@code caCert}
   */
  public synchronized void installClusterCertificates(
      X509Certificate nodeCert, X509Certificate caCert) throws IOException {
    Objects.requireNonNull(nodeCert, "nodeCert");
    Objects.requireNonNull(caCert, "caCert");
    if (!CertSupport.sameKey(nodeCert.getPublicKey(), publicKey)) {
      throw new IllegalArgumentException("the node certificate is not for this node's key");
    }
    if (caCert.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "not a CA certificate: " + caCert.getSubjectX500Principal());
    }
    try {
      nodeCert.verify(caCert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the node certificate is not signed by the CA", e);
    }
    Pem.writeAtomically(dir.resolve(CLUSTER_CA_CERT), Pem.encode(caCert), false);
    Pem.writeAtomically(dir.resolve(NODE_CERT), Pem.encode(nodeCert), false);
    this.caCert = caCert;
    this.nodeCert = nodeCert;
  }

  /** The installed node certificate, if the node has joined a cluster. */
  public synchronized Optional<X509Certificate> nodeCertificate() {
    return Optional.ofNullable(nodeCert);
  }

  /** The installed cluster CA certificate, if the node has joined a cluster. */
  public synchronized Optional<X509Certificate> clusterCaCertificate() {
    return Optional.ofNullable(caCert);
  }

  /** The node certificate followed by the CA certificate, what a TLS server should present. */
  public synchronized Optional<List<X509Certificate>> nodeCertificateChain() {
    return nodeCert == null ? Optional.empty() : Optional.of(List.of(nodeCert, caCert));
  }

  /** The SHA-256 fingerprint of the candidate certificate for {@code nodeName}. */
  public String candidateFingerprint(String nodeName) throws IOException {
    return Fingerprints.sha256(candidateCertificate(nodeName));
  }
}
