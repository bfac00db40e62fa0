package io.clavis.core.crypto;

import java.io.Serial;
import java.security.GeneralSecurityException;

/**
 * The one failure every decryption reports, whatever went wrong: wrong key, wrong associated data,
 * tampered or truncated ciphertext, bad padding.
 *
 * <p>It deliberately carries no detail and no cause. Distinguishable failures (for example "bad
 * padding" versus "bad length" in RSA) are the raw material of padding-oracle attacks, and causes
 * from providers can quote internal state.
 */
public final class DecryptionFailedException extends GeneralSecurityException {
  @Serial private static final long serialVersionUID = 1L;

  /** Creates the exception with the fixed message {@code "decryption failed"}. */
  public DecryptionFailedException() {
    super("decryption failed");
  }
}
