package io.clavis.server.cluster;

import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.seal.Seal;
import io.clavis.server.state.StateStore;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.Pem;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The cluster CA as the replicated state holds it: any unsealed node unwraps its key with the root
 * key to admit a new node, and forgets it again.
 */
public final class ClusterAuthority {
  private static final byte[] AAD = "clavis-cluster-ca-v1".getBytes(StandardCharsets.UTF_8);
  private static final Duration NODE_CERT_VALIDITY = Duration.ofDays(825);

  private final StateStore store;
  private final Seal seal;

  public ClusterAuthority(StateStore store, Seal seal) {
    this.store = store;
    this.seal = seal;
  }

  /** The record that founds a cluster: the founder's CA, its key wrapped under the root key. */
  public static ClusterCaRecord record(
      X509Certificate caCert, byte[] caKeyPkcs8, SecretBytes root) {
    String wrapped = Base64.getEncoder().encodeToString(new AesGcm(root).encrypt(caKeyPkcs8, AAD));
    return new ClusterCaRecord(Pem.certificate(caCert), wrapped);
  }

  public X509Certificate certificate() {
    return Pem.parseCertificate(record().certificatePem());
  }

  /** Signs a node certificate for a joining node's public key. */
  public X509Certificate issue(String nodeName, PublicKey nodeKey, List<String> hostNames) {
    ClusterCaRecord r = record();
    byte[] pkcs8;
    try {
      pkcs8 = new AesGcm(seal.rootKey()).decrypt(Base64.getDecoder().decode(r.wrappedKey()), AAD);
    } catch (DecryptionFailedException e) {
      throw new ClavisException(ErrorCode.INTERNAL, "the cluster CA key does not unwrap");
    }
    try {
      return ClusterCa.fromPkcs8(Pem.parseCertificate(r.certificatePem()), pkcs8)
          .issueNodeCertificate(nodeName, nodeKey, hostNames, NODE_CERT_VALIDITY);
    } finally {
      java.util.Arrays.fill(pkcs8, (byte) 0);
    }
  }

  private ClusterCaRecord record() {
    return store
        .read(ClusterCaRecord.KEY, ClusterCaRecord.class)
        .orElseThrow(
            () -> new ClavisException(ErrorCode.NOT_INITIALIZED, "the cluster has no CA yet"));
  }
}
