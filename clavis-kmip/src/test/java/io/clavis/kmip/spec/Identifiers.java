package io.clavis.kmip.spec;

import java.util.Map;

/**
 * Test helper: the Java identifier a registry name should have, so that tests can tell a constant
 * named after the wrong registry entry from the right one.
 */
final class Identifiers {
  /** Names the mechanical rule would make unreadable or illegal. */
  private static final Map<String, String> EXCEPTIONS =
      Map.of(
          "3DES", "TRIPLE_DES",
          "AESKeyWrapPadding", "AES_KEY_WRAP_PADDING",
          "NISTKeyWrap", "NIST_KEY_WRAP",
          "ECPrivateKey", "EC_PRIVATE_KEY",
          "ChaCha20Poly1305", "CHACHA20_POLY1305");

  private Identifiers() {}

  /** Upper case, every run of other characters replaced by one underscore, none at the ends. */
  static String of(String registryName) {
    String exception = EXCEPTIONS.get(registryName);
    if (exception != null) {
      return exception;
    }
    return registryName.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "").toUpperCase();
  }
}
