package io.clavis.server.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key and certificate plumbing shared by the classes of this package. */
final class CertSupport {
  private static final SecureRandom RANDOM = new SecureRandom();

  private CertSupport() {}

  /** A fresh EC P-256 key pair. */
  static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable", e);
    }
  }

  /** A random positive 128-bit serial number. */
  static BigInteger serial() {
    BigInteger s;
    do {
      s = new BigInteger(128, RANDOM);
    } while (s.signum() == 0);
    return s;
  }

  /** {@code CN=cn}, with the value escaped as needed. */
  static X500Name cn(String cn) {
    if (cn == null || cn.isBlank()) {
      throw new IllegalArgumentException("common name must not be blank");
    }
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
  }

  static String signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "EC", "ECDSA" -> "SHA256withECDSA";
      case "RSA" -> "SHA256withRSA";
      case "Ed25519", "EdDSA" -> "Ed25519";
      default ->
          throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
    };
  }

  static X509Certificate sign(JcaX509v3CertificateBuilder b, PrivateKey key) {
    try {
      X509CertificateHolder holder =
          b.build(new JcaContentSignerBuilder(signatureAlgorithm(key)).build(key));
      return new JcaX509CertificateConverter().getCertificate(holder);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  /** Whether two public keys are the same key (compared by their X.509 encoding). */
  static boolean sameKey(PublicKey a, PublicKey b) {
    return a != null && b != null && Arrays.equals(a.getEncoded(), b.getEncoded());
  }

  /** Whether {@code key} is the private half of {@code publicKey} (by a test signature). */
  static boolean keyPairMatches(PrivateKey key, PublicKey publicKey) {
    try {
      byte[] probe = new byte[32];
      RANDOM.nextBytes(probe);
      String alg = signatureAlgorithm(key);
      Signature s = Signature.getInstance(alg);
      s.initSign(key);
      s.update(probe);
      byte[] sig = s.sign();
      Signature v = Signature.getInstance(alg);
      v.initVerify(publicKey);
      v.update(probe);
      return v.verify(sig);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The public key of an EC private key, Q = d·G. */
  static PublicKey ecPublicKey(PrivateKey key) {
    if (!(key instanceof ECPrivateKey ec)) {
      throw new IllegalArgumentException("not an EC private key: " + key.getAlgorithm());
    }
    ECPoint q = EC5Util.convertSpec(ec.getParams()).getG().multiply(ec.getS()).normalize();
    try {
      return KeyFactory.getInstance("EC")
          .generatePublic(
              new ECPublicKeySpec(
                  new java.security.spec.ECPoint(
                      q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()),
                  ec.getParams()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot derive EC public key: " + e.getMessage(), e);
    }
  }

  /**
   * A key manager that always presents {@code chain} (leaf first) with {@code key}, whatever CA
   * names the peer asks for, as long as the peer accepts the key's type. The JDK's own key managers
   * would withhold a self-signed candidate certificate from a server that lists CAs.
   */
  static KeyManager[] keyManagers(PrivateKey key, List<X509Certificate> chain) {
    if (chain.isEmpty() || !keyPairMatches(key, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("the private key does not belong to the certificate");
    }
    return new KeyManager[] {new SingleKeyManager(key, chain.toArray(new X509Certificate[0]))};
  }

  private static final class SingleKeyManager extends X509ExtendedKeyManager {
    private static final String ALIAS = "node";
    private final PrivateKey key;
    private final X509Certificate[] chain;

    SingleKeyManager(PrivateKey key, X509Certificate[] chain) {
      this.key = key;
      this.chain = chain;
    }

    private String alias(String... keyTypes) {
      if (keyTypes == null) {
        return null;
      }
      String mine = key.getAlgorithm().equals("ECDSA") ? "EC" : key.getAlgorithm();
      for (String t : keyTypes) {
        // TLS 1.2 server key types look like "EC_EC" or "EC_RSA"; the first part is the key's.
        String type = t == null ? "" : t.split("_", 2)[0];
        if (type.equals(mine) || (mine.equals("Ed25519") && type.equals("EdDSA"))) {
          return ALIAS;
        }
      }
      return null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return alias(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
      return alias(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine e) {
      return alias(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return alias(keyType) == null ? null : new String[] {ALIAS};
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return alias(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine e) {
      return alias(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
      return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
      return ALIAS.equals(alias) ? key : null;
    }
  }

  /** A TLS context with the given key managers (may be null) and trust manager. */
  static SSLContext tlsContext(KeyManager[] keyManagers, TrustManager trustManager) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(keyManagers, new TrustManager[] {trustManager}, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create TLS context: " + e.getMessage(), e);
    }
  }

  /** The JDK's PKIX trust manager with {@code ca} as the only trust anchor. */
  static X509TrustManager caTrustManager(X509Certificate ca) {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(trustStore(ca));
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create trust manager: " + e.getMessage(), e);
    }
  }

  /** A key store holding only the given certificates as trusted entries. */
  static KeyStore trustStore(X509Certificate... trusted) throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException("cannot create trust store", e);
    }
    for (int i = 0; i < trusted.length; i++) {
      ks.setCertificateEntry("ca-" + i, trusted[i]);
    }
    return ks;
  }
}
