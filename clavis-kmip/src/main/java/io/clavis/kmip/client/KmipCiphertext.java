package io.clavis.kmip.client;

import java.util.Objects;

/**
 * What Encrypt returns, and what Decrypt needs back: the ciphertext, the IV/Counter/Nonce (the
 * server's, when the client gave none) and, for GCM, the authentication tag.
 *
 * @param uniqueIdentifier the key that encrypted
 * @param iv the IV/Counter/Nonce, or null when the server returned none
 * @param tag the Authenticated Encryption Tag, or null (not GCM)
 */
public record KmipCiphertext(String uniqueIdentifier, byte[] data, byte[] iv, byte[] tag) {
  public KmipCiphertext {
    Objects.requireNonNull(data, "data");
  }
}
