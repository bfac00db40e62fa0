package io.clavis.server.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * Mutual TLS between cluster nodes: every node presents the certificate the cluster CA issued for
 * it and trusts only that CA.
 *
 * <h2>Ratis (gRPC)</h2>
 *
 * <p>Ratis 3.2.1 takes TLS settings only through {@link Parameters} (the {@code raft.grpc.tls.*}
 * properties are deprecated no-ops). {@code GrpcFactory} reads four {@link GrpcTlsConfig}s from
 * them, each falling back to the generic {@code GrpcConfigKeys.TLS.conf}:
 *
 * <ul>
 *   <li>{@code GrpcConfigKeys.Server.setTlsConf}: the server-to-server Raft port (append entries,
 *       votes, snapshots): its listener <em>and</em> the channels a server opens to its peers;
 *   <li>{@code GrpcConfigKeys.Client.setTlsConf}: the client port listener on servers and the
 *       client channel of a {@code RaftClient};
 *   <li>{@code GrpcConfigKeys.Admin.setTlsConf}: the admin port listener and the admin channel of a
 *       {@code RaftClient} (set-configuration, leadership transfer, snapshots).
 * </ul>
 *
 * <p>{@link #apply} sets all three (and the generic fallback) to the same config. The same {@code
 * Parameters} must be given to {@code RaftServer.newBuilder().setParameters(params)} and to every
 * {@code RaftClient.newBuilder().setParameters(params)} (including clients used for membership
 * changes); a client built without them speaks plaintext and is refused by the servers. When the
 * client and admin ports are not set separately they share the server port, and the server port's
 * listener uses the Server config.
 *
 * <p>With {@code mTlsEnabled = true}, Ratis builds server contexts with {@code ClientAuth.REQUIRE}
 * and the CA as the only trust anchor, and client contexts presenting the node certificate. gRPC
 * clients verify the server's host name (HTTPS endpoint identification) against the host of the
 * peer's address, so every node certificate needs subjectAltNames covering the host or IP it is
 * addressed by in the Raft configuration.
 */
public final class ClusterTls {
  private ClusterTls() {}

  /**
   * The Ratis gRPC TLS config of a node: its key and CA-issued certificate, trusting only the CA,
   * with mutual TLS enabled.
   *
   * @throws IllegalArgumentException if the key does not belong to the certificate or the
   *     certificate is not signed by the CA
   */
  public static GrpcTlsConfig grpcTlsConfig(
      PrivateKey key, X509Certificate nodeCert, X509Certificate caCert) {
    checkNodeIdentity(key, nodeCert, caCert);
    // The (PrivateKey, X509Certificate, X509Certificate, boolean) constructor presents only the
    // leaf; that is enough because every peer has the CA as its trust anchor.
    return new GrpcTlsConfig(key, nodeCert, caCert, true);
  }

  /**
   * Sets {@code tls} for the server, client and admin channels (and as the generic fallback) on
   * Ratis parameters, see the class comment.
   */
  public static void apply(Parameters params, GrpcTlsConfig tls) {
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(tls, "tls");
    GrpcConfigKeys.Server.setTlsConf(params, tls);
    GrpcConfigKeys.Client.setTlsConf(params, tls);
    GrpcConfigKeys.Admin.setTlsConf(params, tls);
    GrpcConfigKeys.TLS.setConf(params, tls);
  }

  /** New Ratis parameters with {@code tls} {@linkplain #apply applied}. */
  public static Parameters parameters(GrpcTlsConfig tls) {
    Parameters params = new Parameters();
    apply(params, tls);
    return params;
  }

  /**
   * A TLS context for node-to-node HTTPS: it presents the node certificate followed by the CA
   * certificate and trusts only the CA (standard PKIX checks, including extendedKeyUsage). As a
   * server, the socket or engine must still be told to require client certificates ({@code
   * setNeedClientAuth(true)}).
   *
   * @throws IllegalArgumentException if the key does not belong to the certificate or the
   *     certificate is not signed by the CA
   */
  public static SSLContext mutualContext(
      PrivateKey key, X509Certificate nodeCert, X509Certificate caCert) {
    checkNodeIdentity(key, nodeCert, caCert);
    return CertSupport.tlsContext(
        CertSupport.keyManagers(key, List.of(nodeCert, caCert)),
        CertSupport.caTrustManager(caCert));
  }

  private static void checkNodeIdentity(
      PrivateKey key, X509Certificate nodeCert, X509Certificate caCert) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(nodeCert, "nodeCert");
    Objects.requireNonNull(caCert, "caCert");
    if (!CertSupport.keyPairMatches(key, nodeCert.getPublicKey())) {
      throw new IllegalArgumentException("the private key does not belong to the node certificate");
    }
    try {
      nodeCert.verify(caCert.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the node certificate is not signed by the CA", e);
    }
  }
}
