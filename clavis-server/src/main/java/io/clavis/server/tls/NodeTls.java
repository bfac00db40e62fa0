package io.clavis.server.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The node's TLS identity under {@code DATA/tls}: a CA (generated on first start unless the
 * operator supplies certificates) and a server certificate for the API, ECDSA P-256 because
 * ECDHE-ECDSA handshakes are the cheapest.
 */
public final class NodeTls {
  public static final String CA_CERT = "ca.pem";
  public static final String CA_KEY = "ca-key.pem";
  public static final String SERVER_CERT = "server.pem";
  public static final String SERVER_KEY = "server-key.pem";

  private final Path caCert;
  private final PrivateKey serverKey;
  private final List<X509Certificate> serverChain;

  private NodeTls(Path caCert, PrivateKey serverKey, List<X509Certificate> serverChain) {
    this.caCert = caCert;
    this.serverKey = serverKey;
    this.serverChain = serverChain;
  }

  public Path caCertPath() {
    return caCert;
  }

  public PrivateKey serverKey() {
    return serverKey;
  }

  public List<X509Certificate> serverChain() {
    return serverChain;
  }

  /** Loads the node's TLS files, creating a CA and server certificate if there are none. */
  public static NodeTls loadOrCreate(Path tlsDir, String nodeName, List<String> hostNames)
      throws IOException {
    Files.createDirectories(tlsDir);
    Path caCert = tlsDir.resolve(CA_CERT);
    Path serverCert = tlsDir.resolve(SERVER_CERT);
    Path serverKey = tlsDir.resolve(SERVER_KEY);
    try {
      if (!Files.exists(serverCert) || !Files.exists(serverKey)) {
        KeyPair caPair = ecKeyPair();
        X509Certificate ca = caCertificate(caPair, "Clavis CA " + nodeName);
        KeyPair serverPair = ecKeyPair();
        X509Certificate server = serverCertificate(serverPair, ca, caPair, nodeName, hostNames);
        writePem(caCert, ca, false);
        writePem(tlsDir.resolve(CA_KEY), caPair.getPrivate(), true);
        writePem(serverCert, server, false);
        writePem(serverKey, serverPair.getPrivate(), true);
      }
      return new NodeTls(caCert, readPrivateKey(serverKey), readCertificates(serverCert));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot set up TLS in " + tlsDir + ": " + e.getMessage(), e);
    }
  }

  private static KeyPair ecKeyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate caCertificate(KeyPair pair, String cn)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    X500Name name = new X500Name("CN=" + cn);
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(3650))),
            name,
            pair.getPublic());
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    b.addExtension(
        Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
    return sign(b, pair.getPrivate());
  }

  private static X509Certificate serverCertificate(
      KeyPair pair, X509Certificate ca, KeyPair caPair, String nodeName, List<String> hostNames)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            ca,
            serial(),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(825))),
            new X500Name("CN=" + nodeName),
            pair.getPublic());
    List<GeneralName> sans = new ArrayList<>();
    for (String h : hostNames) {
      boolean ip = h.matches("[0-9.]+") || h.contains(":");
      sans.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h));
    }
    JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    b.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(sans.toArray(new GeneralName[0])));
    b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
    return sign(b, caPair.getPrivate());
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

  private static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key)
      throws GeneralSecurityException, OperatorCreationException {
    X509CertificateHolder holder =
        b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static BigInteger serial() {
    return new BigInteger(128, new java.security.SecureRandom()).abs().add(BigInteger.ONE);
  }

  private static void writePem(Path file, Object value, boolean secret) throws IOException {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      w.writeObject(value instanceof PrivateKey pk ? new JcaPKCS8Generator(pk, null) : value);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(tmp, sw.toString());
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Every certificate in a PEM file, in order. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(file)))) {
      Object o;
      while ((o = p.readObject()) != null) {
        if (o instanceof X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("bad certificate in " + file, e);
    }
    if (out.isEmpty()) {
      throw new IOException("no certificate in " + file);
    }
    return out;
  }

  /** A PEM private key (PKCS#8 or traditional). */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try (PEMParser p = new PEMParser(new StringReader(Files.readString(file)))) {
      Object o = p.readObject();
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      if (o instanceof PrivateKeyInfo info) {
        return conv.getPrivateKey(info);
      }
      if (o instanceof PEMKeyPair pair) {
        return conv.getPrivateKey(pair.getPrivateKeyInfo());
      }
      throw new IOException("no private key in " + file);
    }
  }
}
