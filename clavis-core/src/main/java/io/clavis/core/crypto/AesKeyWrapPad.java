package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;

/**
 * AES key wrap with padding (RFC 5649, NIST SP 800-38F "KWP"), as implemented by the JDK's {@code
 * AES/KWP/NoPadding}.
 *
 * <p>Deterministic and authenticated by its integrity check value, so it needs no nonce; that makes
 * it the interchange format for keys (PKCS#11 and cloud KMS imports use it). For bulk data use
 * {@link AesGcm}.
 */
public final class AesKeyWrapPad {
  private static final EngineCache<Cipher> CIPHERS =
      new EngineCache<>(() -> Cipher.getInstance("AES/KWP/NoPadding"));

  private AesKeyWrapPad() {}

  /**
   * Wraps {@code keyToWrap} (1 or more bytes) under {@code kek}.
   *
   * @throws IllegalArgumentException if {@code kek} is not 16, 24 or 32 bytes or {@code keyToWrap}
   *     is empty
   */
  public static byte[] wrap(SecretBytes kek, byte[] keyToWrap) {
    Objects.requireNonNull(keyToWrap, "keyToWrap");
    if (keyToWrap.length == 0) {
      throw new IllegalArgumentException("keyToWrap must not be empty");
    }
    Cipher cipher = CIPHERS.acquire();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, AesGcm.aesKey(kek));
      return cipher.doFinal(keyToWrap);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-KWP wrapping failed", e);
    } finally {
      CIPHERS.release(cipher);
    }
  }

  /** Wraps secret bytes; the same as {@link #wrap(SecretBytes, byte[])} without a visible copy. */
  public static byte[] wrap(SecretBytes kek, SecretBytes keyToWrap) {
    byte[] raw = keyToWrap.toByteArray(SecretAccess.get());
    try {
      return wrap(kek, raw);
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Unwraps the output of {@link #wrap}.
   *
   * @throws DecryptionFailedException if {@code wrapped} was not produced under {@code kek}, was
   *     modified, or has an invalid length
   */
  public static byte[] unwrap(SecretBytes kek, byte[] wrapped) throws DecryptionFailedException {
    Objects.requireNonNull(wrapped, "wrapped");
    // Validate the key outside the try: a bad KEK is a caller bug, not a decryption failure.
    var key = AesGcm.aesKey(kek);
    // RFC 5649 output is whole 8-byte blocks, at least two. Checked here because the JDK's
    // KeyWrapCipher fails on shorter input with a NegativeArraySizeException.
    if (wrapped.length < 16 || wrapped.length % 8 != 0) {
      throw new DecryptionFailedException();
    }
    Cipher cipher = CIPHERS.acquire();
    try {
      cipher.init(Cipher.DECRYPT_MODE, key);
      return cipher.doFinal(wrapped);
    } catch (GeneralSecurityException | RuntimeException e) {
      // RuntimeException: a provider bug on odd input must not break the uniform failure.
      throw new DecryptionFailedException();
    } finally {
      CIPHERS.release(cipher);
    }
  }
}
