package io.clavis.server.kmip;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import io.clavis.server.identity.ServiceRecord;
import io.clavis.server.tls.ClusterCa;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.NodeTls;
import io.clavis.server.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode's ready-made KMIP client: an EC P-256 key and a client certificate signed by the dev
 * node's CA, kept in {@code DIR/kmip/} across restarts, and registered as the service {@value
 * #SERVICE} in the built-in groups {@code key-admins} and {@code system-admins}, so that a KMIP
 * client (PyKMIP, a test) can connect to a fresh dev node with no set-up. Never for production: the
 * private key is a plain file next to the dev root token.
 */
public final class DevKmipClient {
  private static final Logger LOG = LoggerFactory.getLogger(DevKmipClient.class);
  public static final String SERVICE = "kmip-admin";
  public static final List<String> GROUPS = List.of("key-admins", "system-admins");
  public static final String CERT_FILE = "client.pem";
  public static final String KEY_FILE = "client-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(825);

  /** Where the client's PEM files are (absolute paths). */
  public record Credentials(Path clientCert, Path clientKey) {}

  private DevKmipClient() {}

  /**
   * Creates the key and certificate in {@code dir} unless they exist, and registers the service
   * unless it exists (then nothing is changed). The node must be initialised and unsealed.
   *
   * @param caDir the node's TLS directory, holding {@code ca.pem} and {@code ca-key.pem}
   */
  public static Credentials ensure(Path dir, Path caDir, IdentityService identities)
      throws IOException {
    Path certFile = dir.resolve(CERT_FILE).toAbsolutePath();
    Path keyFile = dir.resolve(KEY_FILE).toAbsolutePath();
    if (!Files.exists(certFile) || !Files.exists(keyFile)) {
      Path caKey = caDir.resolve(NodeTls.CA_KEY);
      if (!Files.exists(caKey)) {
        throw new IOException("no CA key in " + caDir + ": cannot issue a KMIP client certificate");
      }
      ClusterCa ca =
          ClusterCa.load(
              NodeTls.readCertificates(caDir.resolve(NodeTls.CA_CERT)).get(0),
              NodeTls.readPrivateKey(caKey));
      KeyPair pair = ecKeyPair();
      X509Certificate cert =
          ca.issueNodeCertificate(SERVICE, pair.getPublic(), List.of(), VALIDITY);
      Pem.writeAtomically(keyFile, Pem.encodePrivateKey(pair.getPrivate()), true);
      Pem.writeAtomically(certFile, Pem.encode(cert), false);
    }
    X509Certificate cert = NodeTls.readCertificates(certFile).get(0);
    ServiceRecord existing = existing(identities);
    if (existing == null) {
      identities.createService(SERVICE, GROUPS, Pem.certificate(cert), Principal.root(null));
    } else if (!Fingerprints.sha256(cert).equals(existing.certificateFingerprint())) {
      LOG.warn(
          "the service {} exists with another certificate than {}: KMIP clients using that file"
              + " will not be authenticated",
          SERVICE,
          certFile);
    }
    return new Credentials(certFile, keyFile);
  }

  private static ServiceRecord existing(IdentityService identities) {
    try {
      return identities.service(SERVICE);
    } catch (ClavisException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private static KeyPair ecKeyPair() throws IOException {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate an EC P-256 key: " + e.getMessage(), e);
    }
  }
}
