package io.clavis.server.tls;

import static io.clavis.server.tls.TlsTesting.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.server.tls.TlsTesting.ClientAuth;
import io.clavis.server.tls.TlsTesting.Node;
import io.clavis.server.tls.TlsTesting.OneShotServer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The joining side: trusting a cluster only by its CA fingerprint. */
class PinnedCaTrustManagerTest {
  private final ClusterCa ca = ClusterCa.create("prod");
  private final Node controller = Node.issuedBy(ca, "node-a");

  @TempDir Path dir;

  /** The controller presents [leaf, CA] and asks for, but does not verify, client certs. */
  private SSLContext controllerContext(List<X509Certificate> chain) {
    return TlsTesting.context(controller.key(), chain, TlsTesting.ACCEPT_ANY_CLIENT);
  }

  @Test
  void joiningNodeTrustsThePinnedCaAndPresentsItsCandidateCertificate() throws Exception {
    NodeTls joining = NodeTls.loadOrCreate(dir, "node-b", List.of("127.0.0.1"));
    X509Certificate candidate = joining.serverChain().get(0);
    // What the operator reads on the joining node and types into the controller.
    String operatorCopy = Fingerprints.sha256(candidate).toLowerCase(Locale.ROOT);
    SSLContext client =
        PinnedCaTrustManager.clientContext(ca.fingerprint(), joining.serverKey(), candidate);

    try (OneShotServer s =
        new OneShotServer(
            controllerContext(List.of(controller.cert(), ca.certificate())), ClientAuth.WANT)) {
      assertThat(exchange(client, s.port())).isEqualTo(42);

      Certificate[] seen = s.awaitClientChain();
      assertThat(seen).hasSize(1);
      assertThat(Fingerprints.matches(operatorCopy, (X509Certificate) seen[0])).isTrue();
    }
  }

  @Test
  void fingerprintMayBeWrittenInAnyAcceptedForm() throws Exception {
    String fp = ca.fingerprint().replace(":", "").toLowerCase(Locale.ROOT);
    SSLContext client = PinnedCaTrustManager.clientContext("  " + fp + "\n", null, null);
    try (OneShotServer s =
        new OneShotServer(
            controllerContext(List.of(controller.cert(), ca.certificate())), ClientAuth.NONE)) {
      assertThat(exchange(client, s.port())).isEqualTo(42);
      assertThat(s.awaitClientChain()).isEmpty();
    }
  }

  @Test
  void serverOfAnotherCaIsRefused() throws Exception {
    ClusterCa otherCa = ClusterCa.create("prod");
    SSLContext client = PinnedCaTrustManager.clientContext(otherCa.fingerprint(), null, null);
    try (OneShotServer s =
        new OneShotServer(
            controllerContext(List.of(controller.cert(), ca.certificate())), ClientAuth.NONE)) {
      assertThatThrownBy(() -> exchange(client, s.port()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasStackTraceContaining("pinned CA fingerprint");
    }
  }

  @Test
  void serverSendingOnlyItsLeafIsRefused() throws Exception {
    SSLContext client = PinnedCaTrustManager.clientContext(ca.fingerprint(), null, null);
    try (OneShotServer s =
        new OneShotServer(controllerContext(List.of(controller.cert())), ClientAuth.NONE)) {
      assertThatThrownBy(() -> exchange(client, s.port()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasStackTraceContaining("pinned CA fingerprint");
    }
  }

  @Test
  void acceptsAValidChainAndRemembersTheCa() throws Exception {
    PinnedCaTrustManager tm = new PinnedCaTrustManager(ca.fingerprint());
    assertThat(tm.trustedCa()).isEmpty();
    assertThat(tm.fingerprint()).isEqualTo(ca.fingerprint());

    tm.checkServerTrusted(
        new X509Certificate[] {controller.cert(), ca.certificate()}, "ECDHE_ECDSA");
    tm.checkClientTrusted(new X509Certificate[] {controller.cert(), ca.certificate()}, "EC");

    assertThat(tm.trustedCa()).contains(ca.certificate());
    assertThat(tm.getAcceptedIssuers()).isEmpty();
  }

  @Test
  void refusesAForgedLeafNextToTheRealCaCertificate() {
    // An attacker can copy the public CA certificate, but not sign with its key.
    KeyPair attacker = CertSupport.ecKeyPair();
    X509Certificate forged =
        leaf(
            ca.certificate().getSubjectX500Principal(),
            attacker.getPublic(),
            attacker.getPrivate(),
            Instant.now().minusSeconds(60),
            Instant.now().plus(Duration.ofDays(1)),
            KeyPurposeId.id_kp_serverAuth);
    PinnedCaTrustManager tm = new PinnedCaTrustManager(ca.fingerprint());

    assertThatThrownBy(
            () -> tm.checkServerTrusted(new X509Certificate[] {forged, ca.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("does not validate");
    assertThat(tm.trustedCa()).isEmpty();
  }

  @Test
  void refusesAnExpiredLeaf() {
    X509Certificate expired =
        leaf(
            ca.certificate().getSubjectX500Principal(),
            CertSupport.ecKeyPair().getPublic(),
            ca.privateKey(),
            Instant.now().minus(Duration.ofDays(10)),
            Instant.now().minus(Duration.ofDays(1)),
            KeyPurposeId.id_kp_serverAuth);
    PinnedCaTrustManager tm = new PinnedCaTrustManager(ca.fingerprint());

    assertThatThrownBy(
            () -> tm.checkServerTrusted(new X509Certificate[] {expired, ca.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void refusesALeafNotMeantForTheRole() {
    X509Certificate clientOnly =
        leaf(
            ca.certificate().getSubjectX500Principal(),
            CertSupport.ecKeyPair().getPublic(),
            ca.privateKey(),
            Instant.now().minusSeconds(60),
            Instant.now().plus(Duration.ofDays(1)),
            KeyPurposeId.id_kp_clientAuth);
    PinnedCaTrustManager tm = new PinnedCaTrustManager(ca.fingerprint());
    X509Certificate[] chain = {clientOnly, ca.certificate()};

    assertThatThrownBy(() -> tm.checkServerTrusted(chain, "EC"))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("serverAuth");
    assertThatCode(() -> tm.checkClientTrusted(chain, "EC")).doesNotThrowAnyException();
  }

  @Test
  void refusesThePinnedCaPresentedAsTheLeafAndEmptyChains() {
    PinnedCaTrustManager tm = new PinnedCaTrustManager(ca.fingerprint());
    assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {ca.certificate()}, "EC"))
        .isInstanceOf(CertificateException.class);
    assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[0], "EC"))
        .isInstanceOf(CertificateException.class);
  }

  @Test
  void refusesMalformedFingerprintsAndHalfClientIdentities() {
    assertThatThrownBy(() -> new PinnedCaTrustManager("AB:CD"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PinnedCaTrustManager.clientContext(null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> PinnedCaTrustManager.clientContext(ca.fingerprint(), controller.key(), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static X509Certificate leaf(
      X500Principal issuer,
      PublicKey subjectKey,
      PrivateKey signingKey,
      Instant notBefore,
      Instant notAfter,
      KeyPurposeId purpose) {
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            CertSupport.serial(),
            Date.from(notBefore),
            Date.from(notAfter),
            new X500Principal("CN=node-a"),
            subjectKey);
    try {
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return CertSupport.sign(b, signingKey);
  }
}
