package io.clavis.kmip.client;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS context of a KMIP client, from PEM files: the CA certificates to trust, and the client's
 * certificate (chain) and unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}, what
 * {@code openssl genpkey} and Clavis write). KMIP servers authenticate clients by that certificate,
 * so both halves are required.
 *
 * <p>The key is read with the JDK alone, so that this module needs no PEM library; a traditional
 * OpenSSL key ({@code BEGIN RSA/EC PRIVATE KEY}) is refused with the command that converts it.
 */
public final class KmipTls {
  private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String KEY_END = "-----END PRIVATE KEY-----";
  private static final List<String> KEY_ALGORITHMS = List.of("EC", "RSA", "Ed25519", "Ed448");
  private static final char[] NO_PASSWORD = new char[0];

  private KmipTls() {}

  /**
   * A TLS context that trusts only the certificates of {@code caPem} and presents the certificate
   * of {@code certPem} with the key of {@code keyPem}.
   *
   * @throws IllegalArgumentException if a file is missing or holds no usable certificate or key;
   *     the message names the file, never key bytes
   */
  public static SSLContext mutual(Path caPem, Path certPem, Path keyPem) {
    List<Certificate> trusted = certificates(caPem);
    List<Certificate> chain = certificates(certPem);
    PrivateKey key = privateKey(keyPem);
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      for (int i = 0; i < trusted.size(); i++) {
        trust.setCertificateEntry("ca-" + i, trusted.get(i));
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyStore identity = KeyStore.getInstance("PKCS12");
      identity.load(null, null);
      identity.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new Certificate[0]));
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(identity, NO_PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      // the key does not match the certificate, or the JDK lacks an algorithm
      throw new IllegalArgumentException(
          "cannot use the client certificate "
              + certPem
              + " with the key "
              + keyPem
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  /** Every certificate of a PEM file, in order. */
  static List<Certificate> certificates(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      List<Certificate> found =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (found.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + pem);
      }
      return found;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("certificate file not found: " + pem, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("invalid certificate in " + pem, e);
    }
  }

  /** The PKCS#8 private key of a PEM file, whatever its algorithm among EC, RSA and EdDSA. */
  static PrivateKey privateKey(Path pem) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("key file not found: " + pem, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + pem + ": " + e.getMessage(), e);
    }
    int begin = text.indexOf(KEY_BEGIN);
    int end = text.indexOf(KEY_END);
    if (begin < 0 || end < begin) {
      String hint =
          text.contains("PRIVATE KEY-----")
              ? " (convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8)"
              : "";
      throw new IllegalArgumentException(
          "no unencrypted PKCS#8 private key (" + KEY_BEGIN + ") in " + pem + hint);
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key in " + pem + " is not valid base64");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next one
      }
    }
    throw new IllegalArgumentException(
        "the private key in " + pem + " is not an EC, RSA or EdDSA PKCS#8 key");
  }
}
