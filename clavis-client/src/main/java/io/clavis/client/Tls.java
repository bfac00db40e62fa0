package io.clavis.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds {@link SSLContext}s from PEM files: trusted CA certificates, and a client certificate. */
public final class Tls {
  private static final Pattern PKCS8 =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {}

  /** Trusts only the CA certificates of one PEM file; presents no client certificate. */
  public static SSLContext trustingOnly(Path pemFile) {
    return context(pemFile, null, null);
  }

  /**
   * Trusts only the CA certificates of {@code caPem} (the JDK's default trust when null) and, when
   * {@code certPem} and {@code keyPem} are given, presents that certificate chain with its private
   * key (unencrypted PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}; RSA or EC).
   */
  public static SSLContext context(Path caPem, Path certPem, Path keyPem) {
    if ((certPem == null) != (keyPem == null)) {
      throw new IllegalArgumentException("a client certificate needs both its certificate and key");
    }
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      if (caPem == null) {
        tmf.init((KeyStore) null);
      } else {
        KeyStore trust = emptyStore();
        int i = 0;
        for (Certificate c : certificates(caPem, "CA certificate")) {
          trust.setCertificateEntry("clavis-ca-" + i++, c);
        }
        tmf.init(trust);
      }
      KeyManagerFactory kmf = null;
      if (certPem != null) {
        KeyStore identity = emptyStore();
        identity.setKeyEntry(
            "client",
            privateKey(keyPem),
            NO_PASSWORD,
            certificates(certPem, "client certificate").toArray(new Certificate[0]));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity, NO_PASSWORD);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    return ks;
  }

  private static Collection<? extends Certificate> certificates(Path pemFile, String what) {
    Collection<? extends Certificate> certificates;
    try (InputStream in = Files.newInputStream(pemFile)) {
      certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(what + " file not found: " + pemFile, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + what + " file " + pemFile + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid " + what + " file " + pemFile, e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + pemFile);
    }
    return certificates;
  }

  private static PrivateKey privateKey(Path pemFile) {
    String pem;
    try {
      pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("client key file not found: " + pemFile, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read client key file " + pemFile, e);
    }
    Matcher m = PKCS8.matcher(pem);
    if (!m.find()) {
      throw new IllegalArgumentException(
          "client key file " + pemFile + " holds no unencrypted PKCS#8 key (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this algorithm
      }
    }
    throw new IllegalArgumentException("client key file " + pemFile + " holds no RSA or EC key");
  }
}
