package io.clavis.server.identity;

import io.clavis.core.crypto.SecureRandoms;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/** Token secrets: generation and the hash under which they are stored. */
public final class Tokens {
  static final String PREFIX = "cvs_";

  private Tokens() {}

  /** A new token secret: a recognisable prefix and 256 random bits. */
  public static String newSecret() {
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(SecureRandoms.bytes(32));
  }

  public static String hash(String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
