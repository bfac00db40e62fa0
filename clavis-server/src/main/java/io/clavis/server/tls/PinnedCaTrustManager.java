package io.clavis.server.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts a peer only if the certificate chain it presents contains a CA certificate with a pinned
 * SHA-256 fingerprint (normally the last one) and the rest of the chain validates up to that CA:
 * signatures, validity dates, basic constraints (PKIX, without revocation checks), the CA itself
 * being a currently valid CA certificate, and the leaf's extendedKeyUsage allowing the role.
 *
 * <p>This is for a node joining a cluster: the operator gives it the cluster CA fingerprint, and it
 * must not trust anything else. The CA certificate is not known beforehand, so the server has to
 * send it in its chain (see {@link NodeTls#serverChain()}); a server presenting only its leaf is
 * refused. Once a chain was accepted, {@link #trustedCa()} gives the CA certificate seen.
 *
 * <p>Because this is a plain {@link X509TrustManager}, the JDK adds its usual checks around it:
 * algorithm constraints, and host name verification if the connection asks for it (as {@code
 * java.net.http.HttpClient} does), so the server's certificate must still name the host.
 */
public final class PinnedCaTrustManager implements X509TrustManager {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_EKU = "2.5.29.37.0";

  private final byte[] pin;
  private volatile X509Certificate trustedCa;

  /**
   * @param caFingerprint the CA certificate's SHA-256 fingerprint, in any form {@link
   *     Fingerprints#matches} accepts
   * @throws IllegalArgumentException if it is not a SHA-256 fingerprint
   */
  public PinnedCaTrustManager(String caFingerprint) {
    this.pin =
        Fingerprints.parse(caFingerprint)
            .orElseThrow(
                () -> new IllegalArgumentException("not a SHA-256 fingerprint: " + caFingerprint));
  }

  /**
   * A client TLS context that trusts only servers whose chain leads to the CA with {@code
   * caFingerprint}, and presents {@code clientCert} (for a joining node, its candidate certificate)
   * as client certificate whenever the server asks for one. With a null key and certificate, the
   * client presents none.
   *
   * @throws IllegalArgumentException if the fingerprint is malformed or the key does not belong to
   *     the certificate
   */
  public static SSLContext clientContext(
      String caFingerprint, PrivateKey clientKey, X509Certificate clientCert) {
    if ((clientKey == null) != (clientCert == null)) {
      throw new IllegalArgumentException("give both the client key and certificate, or neither");
    }
    PinnedCaTrustManager tm = new PinnedCaTrustManager(caFingerprint);
    KeyManager[] kms =
        clientKey == null ? null : CertSupport.keyManagers(clientKey, List.of(clientCert));
    return CertSupport.tlsContext(kms, tm);
  }

  /** The pinned fingerprint, canonical form. */
  public String fingerprint() {
    return Fingerprints.sha256Hex(pin);
  }

  /** The CA certificate of the last chain this trust manager accepted. */
  public Optional<X509Certificate> trustedCa() {
    return Optional.ofNullable(trustedCa);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, SERVER_AUTH);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, CLIENT_AUTH);
  }

  /** No CA names are announced: the pinned CA's name is not known before a peer shows it. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }

  private void check(X509Certificate[] chain, String purpose) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate presented");
    }
    int caIndex = -1;
    for (int i = chain.length - 1; i >= 0 && caIndex < 0; i--) {
      if (MessageDigest.isEqual(pin, Fingerprints.digest(chain[i].getEncoded()))) {
        caIndex = i;
      }
    }
    if (caIndex < 0) {
      throw new CertificateException(
          "no certificate in the presented chain has the pinned CA fingerprint "
              + fingerprint()
              + " (the root presented is "
              + Fingerprints.sha256(chain[chain.length - 1])
              + ")");
    }
    if (caIndex == 0) {
      throw new CertificateException("the peer presented the pinned CA itself, not a certificate");
    }
    X509Certificate ca = chain[caIndex];
    ca.checkValidity();
    if (ca.getBasicConstraints() < 0) {
      throw new CertificateException("the pinned certificate is not a CA certificate");
    }
    boolean[] caUsage = ca.getKeyUsage();
    if (caUsage != null && !caUsage[5]) {
      throw new CertificateException("the pinned CA certificate lacks keyUsage keyCertSign");
    }
    try {
      CertPath path =
          CertificateFactory.getInstance("X.509")
              .generateCertPath(Arrays.asList(chain).subList(0, caIndex));
      PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
      params.setRevocationEnabled(false);
      params.setDate(new Date());
      CertPathValidator.getInstance("PKIX").validate(path, params);
    } catch (GeneralSecurityException e) {
      throw new CertificateException(
          "the chain does not validate up to the pinned CA: " + e.getMessage(), e);
    }
    List<String> eku = chain[0].getExtendedKeyUsage();
    if (eku != null && !eku.contains(purpose) && !eku.contains(ANY_EKU)) {
      throw new CertificateException(
          "the peer certificate is not for "
              + (purpose.equals(SERVER_AUTH) ? "serverAuth" : "clientAuth"));
    }
    trustedCa = ca;
  }
}
