package io.clavis.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.server.tls.TlsTesting.Node;
import java.nio.ByteBuffer;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.grpc.GrpcUtil;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.thirdparty.io.netty.buffer.UnpooledByteBufAllocator;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslContext;
import org.apache.ratis.thirdparty.io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

/**
 * What Ratis gets: the GrpcTlsConfig, its place in Parameters, and the Netty contexts Ratis builds
 * from it (with its own GrpcUtil) doing a real mutual TLS handshake in memory.
 */
class ClusterTlsTest {
  private final ClusterCa ca = ClusterCa.create("prod");
  private final Node nodeA = Node.issuedBy(ca, "node-a");
  private final Node nodeB = Node.issuedBy(ca, "node-b");

  @Test
  void grpcTlsConfigIsMutualWithTheNodeKeyAndOnlyTheCa() {
    GrpcTlsConfig tls = ClusterTls.grpcTlsConfig(nodeA.key(), nodeA.cert(), ca.certificate());

    assertThat(tls.getMtlsEnabled()).isTrue();
    assertThat(tls.isFileBasedConfig()).isFalse();
    assertThat(tls.getPrivateKey()).isSameAs(nodeA.key());
    assertThat(tls.getCertChain()).isEqualTo(nodeA.cert());
    assertThat(tls.getTrustStore()).containsExactly(ca.certificate());
  }

  @Test
  void grpcTlsConfigRefusesMismatchedMaterial() {
    assertThatThrownBy(() -> ClusterTls.grpcTlsConfig(nodeB.key(), nodeA.cert(), ca.certificate()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                ClusterTls.grpcTlsConfig(
                    nodeA.key(), nodeA.cert(), ClusterCa.create("x").certificate()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applySetsServerClientAndAdminConfigs() {
    GrpcTlsConfig tls = ClusterTls.grpcTlsConfig(nodeA.key(), nodeA.cert(), ca.certificate());
    Parameters params = new Parameters();

    ClusterTls.apply(params, tls);

    assertThat(GrpcConfigKeys.Server.tlsConf(params)).isSameAs(tls);
    assertThat(GrpcConfigKeys.Client.tlsConf(params)).isSameAs(tls);
    assertThat(GrpcConfigKeys.Admin.tlsConf(params)).isSameAs(tls);
    assertThat(GrpcConfigKeys.TLS.conf(params)).isSameAs(tls);
    assertThat(GrpcConfigKeys.Server.tlsConf(ClusterTls.parameters(tls))).isSameAs(tls);
  }

  @Test
  void ratisBuildsItsClientRpcFromTheParameters() {
    Parameters params =
        ClusterTls.parameters(
            ClusterTls.grpcTlsConfig(nodeA.key(), nodeA.cert(), ca.certificate()));
    GrpcFactory factory = new GrpcFactory(params);
    assertThatCode(
            () -> factory.newRaftClientRpc(ClientId.randomId(), new RaftProperties()).close())
        .doesNotThrowAnyException();
  }

  @Test
  void ratisContextsCompleteAMutualHandshakeAndVerifyTheHostName() throws Exception {
    SslContext server =
        GrpcUtil.buildSslContextForServer(
            ClusterTls.grpcTlsConfig(nodeA.key(), nodeA.cert(), ca.certificate()));
    SslContext client =
        GrpcUtil.buildSslContextForClient(
            ClusterTls.grpcTlsConfig(nodeB.key(), nodeB.cert(), ca.certificate()));

    // node-a's certificate names 127.0.0.1, as the peer address would.
    assertThat(handshakeAndSend(client, "127.0.0.1", server)).isEqualTo((byte) 42);
  }

  @Test
  void ratisServerContextRefusesClientsOfAnotherCa() {
    ClusterCa otherCa = ClusterCa.create("prod");
    Node stranger = Node.issuedBy(otherCa, "node-x");
    SslContext server =
        GrpcUtil.buildSslContextForServer(
            ClusterTls.grpcTlsConfig(nodeA.key(), nodeA.cert(), ca.certificate()));
    // The stranger trusts the real CA but holds a certificate of another one.
    SslContext client =
        GrpcUtil.buildSslContextForClient(
            new GrpcTlsConfig(stranger.key(), stranger.cert(), ca.certificate(), true));

    // The server refused the client certificate: the client receives the server's alert.
    assertThatThrownBy(() -> handshakeAndSend(client, "127.0.0.1", server))
        .isInstanceOf(SSLException.class)
        .hasMessageStartingWith("client engine failed")
        .hasMessageContaining("ALERT");
  }

  @Test
  void ratisClientContextRefusesAServerWhoseCertificateDoesNotNameTheHost() throws Exception {
    Node elsewhere = Node.issuedBy(ca, "node-c", List.of("node-c.example"));
    SslContext server =
        GrpcUtil.buildSslContextForServer(
            ClusterTls.grpcTlsConfig(elsewhere.key(), elsewhere.cert(), ca.certificate()));
    SslContext client =
        GrpcUtil.buildSslContextForClient(
            ClusterTls.grpcTlsConfig(nodeB.key(), nodeB.cert(), ca.certificate()));

    // The client refused the server certificate: the server receives the client's alert.
    assertThatThrownBy(() -> handshakeAndSend(client, "127.0.0.1", server))
        .isInstanceOf(SSLException.class)
        .hasMessageStartingWith("server engine failed")
        .hasMessageContaining("ALERT");
    // The same server is fine for a client that addresses it by a name its certificate has.
    assertThat(handshakeAndSend(client, "node-c.example", server)).isEqualTo((byte) 42);
  }

  /**
   * Runs a TLS handshake between engines of the two contexts in memory, the client verifying the
   * host name as gRPC's client does, then sends one byte from the client to the server.
   */
  private static byte handshakeAndSend(SslContext clientCtx, String host, SslContext serverCtx)
      throws SSLException {
    SSLEngine client = clientCtx.newEngine(UnpooledByteBufAllocator.DEFAULT, host, 9856);
    SSLEngine server = serverCtx.newEngine(UnpooledByteBufAllocator.DEFAULT);
    try {
      SSLParameters p = client.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      client.setSSLParameters(p);
      ByteBuffer toServer = ByteBuffer.allocate(1 << 17);
      ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
      ByteBuffer clientApp = ByteBuffer.allocate(1 << 17);
      ByteBuffer serverApp = ByteBuffer.allocate(1 << 17);
      client.beginHandshake();
      server.beginHandshake();
      for (int i = 0; i < 100 && !(idle(client) && idle(server)); i++) {
        step(client, toServer, toClient, clientApp);
        step(server, toClient, toServer, serverApp);
      }
      assertThat(idle(client) && idle(server)).as("handshake finished").isTrue();

      client.wrap(ByteBuffer.wrap(new byte[] {42}), toServer);
      // TLS 1.3: the server may only now process the client's certificate messages.
      for (int i = 0; i < 10 && serverApp.position() == 0; i++) {
        step(server, toClient, toServer, serverApp);
        step(client, toServer, toClient, clientApp);
      }
      assertThat(serverApp.position()).as("bytes received").isEqualTo(1);
      return serverApp.get(0);
    } finally {
      ReferenceCountUtil.release(client);
      ReferenceCountUtil.release(server);
    }
  }

  private static boolean idle(SSLEngine e) {
    HandshakeStatus s = e.getHandshakeStatus();
    return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
  }

  /**
   * Lets {@code e} send what it has into {@code out} and consume what waits in {@code in}. A
   * failure is reported with the side that failed: with BoringSSL the side that refuses a
   * certificate sends an alert, and the other side fails on receiving it.
   */
  private static void step(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app)
      throws SSLException {
    try {
      exchangeRecords(e, out, in, app);
    } catch (SSLException x) {
      String side = e.getUseClientMode() ? "client" : "server";
      throw new SSLException(side + " engine failed: " + x.getMessage(), x);
    }
  }

  private static void exchangeRecords(SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app)
      throws SSLException {
    e.wrap(ByteBuffer.allocate(0), out);
    runTasks(e);
    in.flip();
    try {
      while (in.hasRemaining()) {
        int before = in.remaining();
        e.unwrap(in, app);
        runTasks(e);
        if (in.remaining() == before) {
          break;
        }
      }
    } finally {
      in.compact();
    }
  }

  private static void runTasks(SSLEngine e) {
    Runnable task;
    while ((task = e.getDelegatedTask()) != null) {
      task.run();
    }
  }
}
