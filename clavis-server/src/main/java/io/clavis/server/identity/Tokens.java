package io.clavis.server.identity;

import io.clavis.core.crypto.Digests;
import io.clavis.core.crypto.SecureRandoms;
import java.nio.charset.StandardCharsets;
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

  /** The lower-case hex SHA-256 of a secret: the form tokens are stored and looked up under. */
  public static String hash(String secret) {
    return HexFormat.of().formatHex(Digests.sha256(secret.getBytes(StandardCharsets.UTF_8)));
  }
}
