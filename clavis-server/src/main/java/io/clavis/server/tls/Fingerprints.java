package io.clavis.server.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * SHA-256 certificate fingerprints in the format {@code openssl x509 -noout -fingerprint -sha256}
 * prints after {@code sha256 Fingerprint=}: upper-case hex pairs separated by colons.
 */
public final class Fingerprints {
  private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

  private Fingerprints() {}

  /** The SHA-256 fingerprint of the certificate's DER encoding. */
  public static String sha256(X509Certificate certificate) {
    return sha256(der(certificate));
  }

  /** The SHA-256 fingerprint of DER bytes, for example of an encoded certificate. */
  public static String sha256(byte[] der) {
    return COLON_HEX.formatHex(digest(der));
  }

  /**
   * Whether the certificate has the expected SHA-256 fingerprint. The expected value may have
   * colons or not, any case and surrounding whitespace (an {@code sha256 Fingerprint=} prefix as
   * openssl prints it is accepted too). A malformed or null value never matches.
   */
  public static boolean matches(String expected, X509Certificate certificate) {
    Optional<byte[]> want = parse(expected);
    return want.isPresent() && MessageDigest.isEqual(want.get(), digest(der(certificate)));
  }

  /**
   * The 32 digest bytes of a fingerprint written in any of the forms {@link #matches} accepts, or
   * empty if it is not a SHA-256 fingerprint.
   */
  public static Optional<byte[]> parse(String fingerprint) {
    if (fingerprint == null) {
      return Optional.empty();
    }
    String s = fingerprint.strip();
    int eq = s.indexOf('=');
    if (eq >= 0 && s.substring(0, eq).strip().toLowerCase(Locale.ROOT).contains("fingerprint")) {
      s = s.substring(eq + 1).strip();
    }
    s = s.replace(":", "");
    if (s.length() != 64 || !s.chars().allMatch(HexFormat::isHexDigit)) {
      return Optional.empty();
    }
    return Optional.of(HexFormat.of().parseHex(s));
  }

  /** The canonical (upper-case, colon-separated) form of a fingerprint written in any form. */
  public static String normalize(String fingerprint) {
    return COLON_HEX.formatHex(
        parse(fingerprint)
            .orElseThrow(
                () -> new IllegalArgumentException("not a SHA-256 fingerprint: " + fingerprint)));
  }

  /** Formats 32 digest bytes as a fingerprint. */
  static String sha256Hex(byte[] digest) {
    return COLON_HEX.formatHex(digest);
  }

  static byte[] digest(byte[] der) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(der);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  static byte[] der(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("cannot encode certificate: " + e.getMessage(), e);
    }
  }
}
