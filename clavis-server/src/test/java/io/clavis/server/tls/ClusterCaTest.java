package io.clavis.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCaTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final ClusterCa ca = ClusterCa.create("prod");

  @Test
  void caCertificateIsASelfSignedP256CaWithPathLenZero() throws Exception {
    X509Certificate c = ca.certificate();

    c.verify(c.getPublicKey());
    assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=Clavis CA prod");
    assertThat(c.getIssuerX500Principal()).isEqualTo(c.getSubjectX500Principal());
    assertThat(c.getBasicConstraints()).isZero();
    boolean[] ku = c.getKeyUsage();
    assertThat(ku[5]).as("keyCertSign").isTrue();
    assertThat(ku[6]).as("cRLSign").isTrue();
    assertThat(ku[0]).as("digitalSignature").isFalse();
    assertThat(c.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(c.getPublicKey().toString()).contains("secp256r1");
    assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
    assertThat(c.getNotAfter().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofDays(3650)), within(1, ChronoUnit.MINUTES));
    assertThat(ca.privateKey().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void nodeCertificateVerifiesAgainstTheCaAndCarriesSansAndEkus() throws Exception {
    KeyPair node = CertSupport.ecKeyPair();
    List<String> hosts = List.of("node-a.example", "localhost", "10.1.2.3", "::1", "[fe80::1]");

    X509Certificate cert =
        ca.issueNodeCertificate("node-a", node.getPublic(), hosts, Duration.ofDays(90));

    cert.verify(ca.certificate().getPublicKey());
    cert.checkValidity();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=node-a");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
    assertThat(cert.getPublicKey()).isEqualTo(node.getPublic());
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "node-a.example"),
            List.of(2, "localhost"),
            List.of(7, "10.1.2.3"),
            List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(7, "fe80:0:0:0:0:0:0:1"));
    assertThat(cert.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
    boolean[] ku = cert.getKeyUsage();
    assertThat(ku[0]).as("digitalSignature").isTrue();
    assertThat(ku[4]).as("keyAgreement").isTrue();
    assertThat(ku[5]).as("keyCertSign").isFalse();
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getNotBefore().toInstant())
        .isCloseTo(Instant.now().minus(Duration.ofHours(1)), within(1, ChronoUnit.MINUTES));
    assertThat(cert.getNotAfter().toInstant())
        .isCloseTo(Instant.now().plus(Duration.ofDays(90)), within(1, ChronoUnit.MINUTES));
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128).isGreaterThan(64);

    byte[] aki =
        AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(cert.getExtensionValue("2.5.29.35")).getOctets())
            .getKeyIdentifier();
    byte[] caSki =
        SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ca.certificate().getExtensionValue("2.5.29.14"))
                    .getOctets())
            .getKeyIdentifier();
    assertThat(aki).isEqualTo(caSki);
  }

  @Test
  void onlyTheGivenHostNamesBecomeSans() throws Exception {
    X509Certificate cert =
        ca.issueNodeCertificate(
            "node-b", CertSupport.ecKeyPair().getPublic(), List.of("10.0.0.2"), Duration.ofDays(1));
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(7, "10.0.0.2"));

    X509Certificate none =
        ca.issueNodeCertificate(
            "node-c", CertSupport.ecKeyPair().getPublic(), List.of(), Duration.ofDays(1));
    assertThat(none.getSubjectAlternativeNames()).isNull();
  }

  @Test
  void serialsAreRandom() {
    KeyPair node = CertSupport.ecKeyPair();
    BigInteger a =
        ca.issueNodeCertificate("n", node.getPublic(), List.of(), Duration.ofDays(1))
            .getSerialNumber();
    BigInteger b =
        ca.issueNodeCertificate("n", node.getPublic(), List.of(), Duration.ofDays(1))
            .getSerialNumber();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void validityIsCappedAtTheCasAndMustBePositive() {
    KeyPair node = CertSupport.ecKeyPair();
    X509Certificate cert =
        ca.issueNodeCertificate("n", node.getPublic(), List.of(), Duration.ofDays(365 * 20));
    assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());

    assertThatThrownBy(
            () -> ca.issueNodeCertificate("n", node.getPublic(), List.of(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ca.issueNodeCertificate(" ", node.getPublic(), List.of(), Duration.ofDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void pkcs8RoundTripSignsEquivalently() throws Exception {
    byte[] pkcs8 = ca.privateKeyPkcs8();
    ClusterCa restored = ClusterCa.fromPkcs8(ca.certificate(), pkcs8);

    assertThat(restored.fingerprint()).isEqualTo(ca.fingerprint());
    assertThat(restored.privateKey().getEncoded()).isEqualTo(ca.privateKey().getEncoded());
    // A certificate the restored CA issues verifies against the original CA certificate.
    X509Certificate cert =
        restored.issueNodeCertificate(
            "node-r",
            CertSupport.ecKeyPair().getPublic(),
            List.of("localhost"),
            Duration.ofDays(1));
    cert.verify(ca.certificate().getPublicKey());
    // And a raw signature by the restored key verifies with the CA's public key.
    byte[] data = "clavis".getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("SHA256withECDSA");
    s.initSign(restored.privateKey());
    s.update(data);
    byte[] sig = s.sign();
    Signature v = Signature.getInstance("SHA256withECDSA");
    v.initVerify(ca.certificate().getPublicKey());
    v.update(data);
    assertThat(v.verify(sig)).isTrue();
    // Each call hands out a fresh copy that the caller may wipe.
    Arrays.fill(pkcs8, (byte) 0);
    assertThat(ca.privateKeyPkcs8()).isNotEqualTo(pkcs8);
  }

  @Test
  void loadChecksTheKeyAndTheCaFlag() {
    ClusterCa other = ClusterCa.create("other");
    assertThatCode(() -> ClusterCa.load(ca.certificate(), ca.privateKey()))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> ClusterCa.load(ca.certificate(), other.privateKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private key");
    assertThatThrownBy(() -> ClusterCa.fromPkcs8(ca.certificate(), other.privateKeyPkcs8()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterCa.fromPkcs8(ca.certificate(), new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class);

    KeyPair node = CertSupport.ecKeyPair();
    X509Certificate leaf =
        ca.issueNodeCertificate("n", node.getPublic(), List.of(), Duration.ofDays(1));
    assertThatThrownBy(() -> ClusterCa.load(leaf, node.getPrivate()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CA");
  }

  @Test
  void opensslVerifiesTheIssuedCertificate(@TempDir Path dir) throws Exception {
    Path openssl = Path.of("/usr/bin/openssl");
    Assumptions.assumeTrue(Files.isExecutable(openssl), "openssl is not installed");
    X509Certificate cert =
        ca.issueNodeCertificate(
            "node-a",
            CertSupport.ecKeyPair().getPublic(),
            List.of("localhost"),
            Duration.ofDays(1));
    Path caPem = dir.resolve("ca.pem");
    Path certPem = dir.resolve("node.pem");
    Files.writeString(caPem, Pem.certificate(ca.certificate()));
    Files.writeString(certPem, Pem.certificate(cert));

    Process p =
        new ProcessBuilder(
                openssl.toString(),
                "verify",
                "-CAfile",
                caPem.toString(),
                "-purpose",
                "sslserver",
                "-verify_hostname",
                "localhost",
                certPem.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains(": OK");
  }
}
