package io.clavis.core.key;

import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;

/** Encodes and parses public keys as X.509 SubjectPublicKeyInfo (DER or PEM). */
public final class PublicKeys {
  private static final String PEM_BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String PEM_END = "-----END PUBLIC KEY-----";

  private PublicKeys() {}

  /**
   * Returns the PEM form (RFC 7468): the header line, base64 in 64-character lines, the footer
   * line, each ending in {@code \n}.
   */
  public static String toPem(byte[] spkiDer) {
    Objects.requireNonNull(spkiDer, "spkiDer");
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(spkiDer);
    return PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n";
  }

  /**
   * Returns the DER inside a {@code PUBLIC KEY} PEM block; whitespace in the base64 is ignored.
   *
   * @throws IllegalArgumentException if the text is not such a block
   */
  public static byte[] fromPem(String pem) {
    Objects.requireNonNull(pem, "pem");
    String text = pem.strip();
    if (!text.startsWith(PEM_BEGIN) || !text.endsWith(PEM_END)) {
      throw new IllegalArgumentException("not a PEM public key");
    }
    String body = text.substring(PEM_BEGIN.length(), text.length() - PEM_END.length());
    try {
      byte[] der = Base64.getMimeDecoder().decode(body.replaceAll("\\s", ""));
      if (der.length == 0) {
        throw new IllegalArgumentException("empty PEM public key");
      }
      return der;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("PEM public key is not valid base64");
    }
  }

  /**
   * Parses a public key of {@code family} (RSA or EC).
   *
   * @throws IllegalArgumentException if the DER is not a public key of that family
   */
  public static PublicKey parse(KeyFamily family, byte[] spkiDer) {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(spkiDer, "spkiDer");
    String jcaName =
        switch (family) {
          case RSA -> "RSA";
          case EC -> "EC";
          case AES, HMAC, DATA -> throw new IllegalArgumentException(family + " has no public key");
        };
    PublicKey key;
    try {
      key = KeyFactory.getInstance(jcaName).generatePublic(new X509EncodedKeySpec(spkiDer));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("not a valid " + family + " public key");
    }
    boolean fits =
        family == KeyFamily.RSA ? key instanceof RSAPublicKey : key instanceof ECPublicKey;
    if (!fits) {
      throw new IllegalArgumentException("not a valid " + family + " public key");
    }
    return key;
  }

  /**
   * Parses a public key of {@code algorithm}, checking that its modulus length or curve is the one
   * the algorithm names.
   *
   * @throws IllegalArgumentException if the DER is not a public key of that algorithm
   */
  public static PublicKey parse(KeyAlgorithm algorithm, byte[] spkiDer) {
    Objects.requireNonNull(algorithm, "algorithm");
    PublicKey key = parse(algorithm.family(), spkiDer);
    boolean matches =
        key instanceof RSAPublicKey rsa
            ? rsa.getModulus().bitLength() == algorithm.bits()
            : isOnCurve((ECPublicKey) key, algorithm.curveName());
    if (!matches) {
      throw new IllegalArgumentException("public key does not match " + algorithm);
    }
    return key;
  }

  private static boolean isOnCurve(ECPublicKey key, String curveName) {
    ECParameterSpec expected;
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(curveName));
      expected = parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("curve " + curveName + " is unavailable", e);
    }
    ECParameterSpec actual = key.getParams();
    return actual.getCurve().equals(expected.getCurve())
        && actual.getGenerator().equals(expected.getGenerator())
        && actual.getOrder().equals(expected.getOrder())
        && actual.getCofactor() == expected.getCofactor();
  }
}
