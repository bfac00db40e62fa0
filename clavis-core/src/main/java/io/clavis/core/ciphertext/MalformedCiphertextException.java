package io.clavis.core.ciphertext;

import java.io.Serial;

/**
 * A ciphertext whose structure is invalid, detected before any key is used.
 *
 * <p>Unchecked (an {@link IllegalArgumentException}), since it reports bad input. The message names
 * the structural problem for debugging only; the REST layer must answer it with the same uniform
 * decryption failure as a wrong key or tag, so that callers learn nothing more.
 */
public final class MalformedCiphertextException extends IllegalArgumentException {
  @Serial private static final long serialVersionUID = 1L;

  public MalformedCiphertextException(String message) {
    super(message);
  }
}
