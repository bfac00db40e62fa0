package io.clavis.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.util.IPAddress;

/**
 * The certificate authority of a cluster. It issues every node's certificate, which serves both
 * node-to-node mutual TLS (Raft over gRPC) and the REST API, so clients trust one CA for the whole
 * cluster.
 *
 * <p>Instances are immutable; the private key never leaves except through {@link #privateKey()} and
 * {@link #privateKeyPkcs8()} (for wrapping and replication).
 */
public final class ClusterCa {
  /** How long a CA created by {@link #create} is valid. */
  public static final Duration CA_VALIDITY = Duration.ofDays(3650);

  /** How far notBefore is back-dated, to tolerate clock skew between nodes. */
  static final Duration BACKDATE = Duration.ofHours(1);

  private final X509Certificate certificate;
  private final PrivateKey privateKey;

  private ClusterCa(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
  }

  /**
   * A new CA, {@code CN=Clavis CA <clusterName>}, with an EC P-256 key, valid for ten years,
   * basicConstraints CA pathLen 0 and keyUsage keyCertSign|cRLSign.
   */
  public static ClusterCa create(String clusterName) {
    Objects.requireNonNull(clusterName, "clusterName");
    KeyPair pair = CertSupport.ecKeyPair();
    X500Name name = CertSupport.cn("Clavis CA " + clusterName);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            CertSupport.serial(),
            Date.from(now.minus(BACKDATE)),
            Date.from(now.plus(CA_VALIDITY)),
            name,
            pair.getPublic());
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build CA certificate: " + e.getMessage(), e);
    }
    return new ClusterCa(CertSupport.sign(b, pair.getPrivate()), pair.getPrivate());
  }

  /**
   * An existing CA.
   *
   * @throws IllegalArgumentException if the certificate is not a CA certificate or the key is not
   *     its private key
   */
  public static ClusterCa load(X509Certificate cert, PrivateKey key) {
    Objects.requireNonNull(cert, "cert");
    Objects.requireNonNull(key, "key");
    if (cert.getBasicConstraints() < 0) {
      throw new IllegalArgumentException(
          "not a CA certificate: " + cert.getSubjectX500Principal().getName());
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && !usage[5]) {
      throw new IllegalArgumentException("CA certificate lacks keyUsage keyCertSign");
    }
    if (!CertSupport.keyPairMatches(key, cert.getPublicKey())) {
      throw new IllegalArgumentException("the private key does not belong to the CA certificate");
    }
    return new ClusterCa(cert, key);
  }

  /** {@link #load} with the private key as PKCS#8 DER, as {@link #privateKeyPkcs8()} returns. */
  public static ClusterCa fromPkcs8(X509Certificate cert, byte[] pkcs8) {
    Objects.requireNonNull(pkcs8, "pkcs8");
    String alg = cert.getPublicKey().getAlgorithm();
    try {
      PrivateKey key = KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return load(cert, key);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "bad PKCS#8 " + alg + " private key: " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public PrivateKey privateKey() {
    return privateKey;
  }

  /** The CA's private key as PKCS#8 DER (a fresh copy: wipe it after use). */
  public byte[] privateKeyPkcs8() {
    byte[] der = privateKey.getEncoded();
    if (der == null || !"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalStateException("the CA key cannot be exported as PKCS#8");
    }
    return der;
  }

  /** The CA certificate's SHA-256 fingerprint, as {@link Fingerprints#sha256} formats it. */
  public String fingerprint() {
    return Fingerprints.sha256(certificate);
  }

  /** The CA certificate as PEM, what clients and nodes are given to trust. */
  public String certificatePem() {
    return Pem.encode(certificate);
  }

  /**
   * Issues a node certificate: {@code CN=nodeName}, subjectAltNames from {@code hostNames} (IP
   * literals as iPAddress, anything else as dNSName; {@code nodeName} is not added implicitly),
   * extendedKeyUsage serverAuth+clientAuth, keyUsage digitalSignature|keyAgreement, basic
   * constraints CA:false, authority and subject key identifiers, a random 128-bit serial, valid
   * from an hour ago for {@code validity} (but never beyond the CA's own notAfter).
   */
  public X509Certificate issueNodeCertificate(
      String nodeName, PublicKey nodePublicKey, List<String> hostNames, Duration validity) {
    Objects.requireNonNull(nodePublicKey, "nodePublicKey");
    Objects.requireNonNull(hostNames, "hostNames");
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive: " + validity);
    }
    X500Name subject = CertSupport.cn(nodeName);
    Instant now = Instant.now();
    Instant notAfter = now.plus(validity);
    Instant caNotAfter = certificate.getNotAfter().toInstant();
    if (notAfter.isAfter(caNotAfter)) {
      notAfter = caNotAfter;
    }
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            certificate,
            CertSupport.serial(),
            Date.from(now.minus(BACKDATE)),
            Date.from(notAfter),
            subject,
            nodePublicKey);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
      b.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      List<GeneralName> sans = subjectAltNames(hostNames);
      if (!sans.isEmpty()) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(sans.toArray(new GeneralName[0])));
      }
      b.addExtension(
          Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(nodePublicKey));
    } catch (CertIOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot build node certificate: " + e.getMessage(), e);
    }
    return CertSupport.sign(b, privateKey);
  }

  /** IP literals (IPv6 with or without brackets) as iPAddress, other names as dNSName. */
  static List<GeneralName> subjectAltNames(List<String> hostNames) {
    List<GeneralName> sans = new ArrayList<>();
    for (String raw : hostNames) {
      if (raw == null || raw.isBlank()) {
        throw new IllegalArgumentException("blank host name");
      }
      String h = raw.strip();
      if (h.startsWith("[") && h.endsWith("]")) {
        h = h.substring(1, h.length() - 1);
      }
      GeneralName name =
          IPAddress.isValid(h)
              ? new GeneralName(GeneralName.iPAddress, h)
              : new GeneralName(GeneralName.dNSName, h);
      if (!sans.contains(name)) {
        sans.add(name);
      }
    }
    return sans;
  }

  @Override
  public String toString() {
    return "ClusterCa["
        + certificate.getSubjectX500Principal().getName()
        + ", "
        + fingerprint()
        + "]";
  }
}
