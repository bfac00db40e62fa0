package io.clavis.server.tls;

import static io.clavis.server.tls.TlsTesting.exchange;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.server.tls.TlsTesting.ClientAuth;
import io.clavis.server.tls.TlsTesting.OneShotServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTlsTest {
  @TempDir Path dir;

  @Test
  void serverChainEndsWithTheCaSoThatPinningClientsConnect() throws Exception {
    NodeTls tls = NodeTls.loadOrCreate(dir, "node1", NodeTls.defaultHostNames("127.0.0.1"));
    X509Certificate ca = NodeTls.readCertificates(tls.caCertPath()).get(0);

    List<X509Certificate> chain = tls.serverChain();

    assertThat(chain).hasSize(2);
    assertThat(chain.get(1)).isEqualTo(ca).isEqualTo(tls.caCertificate());
    chain.get(0).verify(ca.getPublicKey());
    assertThat(chain.get(0).getSubjectX500Principal().getName()).isEqualTo("CN=node1");
    assertThat(chain.get(0).getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"));
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Clavis CA node1");
    assertThat(NodeTls.readCertificates(dir.resolve(NodeTls.SERVER_CERT))).hasSize(1);

    SSLContext server =
        TlsTesting.context(tls.serverKey(), tls.serverChain(), TlsTesting.ACCEPT_ANY_CLIENT);
    SSLContext client = PinnedCaTrustManager.clientContext(Fingerprints.sha256(ca), null, null);
    try (OneShotServer s = new OneShotServer(server, ClientAuth.NONE)) {
      assertThat(exchange(client, s.port())).isEqualTo(42);
    }
  }

  @Test
  void reloadKeepsTheIdentityAndTheChainIsNotDuplicated() throws Exception {
    NodeTls first = NodeTls.loadOrCreate(dir, "node1", List.of("localhost"));
    NodeTls again = NodeTls.loadOrCreate(dir, "node1", List.of("localhost"));
    assertThat(again.serverChain()).isEqualTo(first.serverChain());
    assertThat(again.serverKey().getEncoded()).isEqualTo(first.serverKey().getEncoded());

    // A server.pem that already holds the chain (as a joined node writes it) is used as is.
    Files.writeString(dir.resolve(NodeTls.SERVER_CERT), Pem.encode(first.serverChain()));
    assertThat(NodeTls.loadOrCreate(dir, "node1", List.of("localhost")).serverChain())
        .isEqualTo(first.serverChain());
  }

  @Test
  void theNodesCaIsAClusterCaWhileItHoldsTheKey() throws Exception {
    NodeTls tls = NodeTls.loadOrCreate(dir, "node1", List.of("localhost"));

    ClusterCa ca = tls.clusterCa().orElseThrow();

    assertThat(ca.certificate()).isEqualTo(tls.caCertificate());
    X509Certificate other =
        ca.issueNodeCertificate(
            "node2", CertSupport.ecKeyPair().getPublic(), List.of("localhost"), Duration.ofDays(1));
    other.verify(tls.caCertificate().getPublicKey());

    Files.delete(dir.resolve(NodeTls.CA_KEY));
    assertThat(tls.clusterCa()).isEmpty();
  }
}
