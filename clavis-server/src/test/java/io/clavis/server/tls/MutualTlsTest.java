package io.clavis.server.tls;

import static io.clavis.server.tls.TlsTesting.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.server.tls.TlsTesting.ClientAuth;
import io.clavis.server.tls.TlsTesting.Node;
import io.clavis.server.tls.TlsTesting.OneShotServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Node-to-node TLS with {@link ClusterTls#mutualContext}, over real loopback sockets. */
class MutualTlsTest {
  private final ClusterCa ca = ClusterCa.create("prod");
  private final ClusterCa otherCa = ClusterCa.create("prod");
  private final Node server = Node.issuedBy(ca, "node-a");

  @Test
  void nodeOfTheSameCaConnectsAndExchangesAByte() throws Exception {
    Node client = Node.issuedBy(ca, "node-b");
    try (OneShotServer s = new OneShotServer(server.mutualContext(), ClientAuth.NEED)) {
      assertThat(exchange(client.mutualContext(), s.port())).isEqualTo(42);

      Certificate[] seen = s.awaitClientChain();
      assertThat(seen[0]).isEqualTo(client.cert());
      assertThat(List.of(seen)).containsExactly(client.cert(), ca.certificate());
    }
  }

  @Test
  void clientWithACertificateFromAnotherCaIsRefused() throws Exception {
    Node stranger = Node.issuedBy(otherCa, "node-x");
    // The stranger trusts the server's CA, so only the server's client check can stop it.
    SSLContext ctx =
        TlsTesting.context(
            stranger.key(),
            List.of(stranger.cert(), stranger.ca()),
            CertSupport.caTrustManager(ca.certificate()));
    try (OneShotServer s = new OneShotServer(server.mutualContext(), ClientAuth.NEED)) {
      assertThatThrownBy(() -> exchange(ctx, s.port())).isInstanceOf(IOException.class);

      assertThat(s.awaitFailure()).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void clientWithACertificateFromItsOwnCaIsRefused(@TempDir Path dir) throws Exception {
    // A fresh node's identity: a certificate from the node's own CA, not the cluster's.
    NodeTls own = NodeTls.loadOrCreate(dir, "node-x", List.of("127.0.0.1"));
    SSLContext ctx =
        TlsTesting.context(
            own.serverKey(),
            List.of(own.serverChain().get(0)),
            CertSupport.caTrustManager(ca.certificate()));
    try (OneShotServer s = new OneShotServer(server.mutualContext(), ClientAuth.NEED)) {
      assertThatThrownBy(() -> exchange(ctx, s.port())).isInstanceOf(IOException.class);

      assertThat(s.awaitFailure()).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void clientWithoutACertificateIsRefused() throws Exception {
    SSLContext ctx = TlsTesting.context(null, null, CertSupport.caTrustManager(ca.certificate()));
    try (OneShotServer s = new OneShotServer(server.mutualContext(), ClientAuth.NEED)) {
      assertThatThrownBy(() -> exchange(ctx, s.port())).isInstanceOf(IOException.class);

      assertThat(s.awaitFailure()).isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void nodeRefusesAServerFromAnotherCa() throws Exception {
    Node impostor = Node.issuedBy(otherCa, "node-a");
    Node client = Node.issuedBy(ca, "node-b");
    try (OneShotServer s = new OneShotServer(impostor.mutualContext(), ClientAuth.NEED)) {
      assertThatThrownBy(() -> exchange(client.mutualContext(), s.port()))
          .isInstanceOf(SSLHandshakeException.class);

      assertThat(s.awaitFailure()).isInstanceOf(IOException.class);
    }
  }

  @Test
  void mutualContextRefusesAKeyThatIsNotTheCertificates() {
    Node other = Node.issuedBy(ca, "node-c");
    assertThatThrownBy(() -> ClusterTls.mutualContext(other.key(), server.cert(), ca.certificate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ClusterTls.mutualContext(server.key(), server.cert(), otherCa.certificate()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
