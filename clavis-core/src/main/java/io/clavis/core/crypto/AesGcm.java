package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM authenticated encryption with a random 96-bit nonce and a 128-bit tag.
 *
 * <p>Output layout: {@code nonce (12) || ciphertext || tag (16)}. The nonce is drawn from {@link
 * SecureRandoms} on every call and the caller cannot supply one: nonce reuse under one key breaks
 * both confidentiality and authenticity. With random nonces a key should encrypt fewer than 2^32
 * messages (NIST SP 800-38D), which key rotation takes care of.
 *
 * <p>Construction is cheap (no {@code Cipher} is created); instances are immutable and thread-safe.
 * Engines come from a per-thread cache and are re-initialised on every call.
 */
public final class AesGcm {
  /** Length of the random nonce at the start of every output. */
  public static final int NONCE_LENGTH = 12;

  /** Length of the authentication tag at the end of every output. */
  public static final int TAG_LENGTH = 16;

  private static final int TAG_BITS = TAG_LENGTH * 8;
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final byte[] EMPTY = new byte[0];
  private static final EngineCache<Cipher> CIPHERS =
      new EngineCache<>(() -> Cipher.getInstance(TRANSFORMATION));

  private final SecretKeySpec key;
  private final int keyBits;

  /**
   * Creates the primitive for {@code key}.
   *
   * @throws IllegalArgumentException unless the key is 16, 24 or 32 bytes
   */
  public AesGcm(SecretBytes key) {
    this.key = aesKey(key);
    this.keyBits = key.size() * 8;
  }

  /**
   * Encrypts and authenticates {@code plaintext}, also authenticating {@code associatedData} (which
   * is not included in the output; {@code null} means empty).
   *
   * @return {@code nonce || ciphertext || tag}
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    return encryptWithPrefix(EMPTY, plaintext, associatedData);
  }

  /**
   * Decrypts the output of {@link #encrypt}.
   *
   * @throws DecryptionFailedException if the input is too short, was modified, or the key or
   *     associated data differ from encryption
   */
  public byte[] decrypt(byte[] nonceCiphertextTag, byte[] associatedData)
      throws DecryptionFailedException {
    return decryptWithPrefix(nonceCiphertextTag, 0, associatedData);
  }

  /**
   * Encrypts like {@link #encrypt}, but writes {@code prefix} in front of the output and
   * authenticates it as associated data ahead of {@code associatedData}.
   *
   * <p>This is for self-describing formats whose header must be bound to the ciphertext: the result
   * is built in one buffer, without copying the ciphertext again to prepend the header. The prefix
   * must be self-delimiting (its own length must be recoverable from it), otherwise {@code prefix
   * || associatedData} would be ambiguous.
   *
   * @return {@code prefix || nonce || ciphertext || tag}
   */
  public byte[] encryptWithPrefix(byte[] prefix, byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(plaintext, "plaintext");
    if (plaintext.length > Integer.MAX_VALUE - 64 - prefix.length - NONCE_LENGTH - TAG_LENGTH) {
      throw new IllegalArgumentException("plaintext too long");
    }
    byte[] out = new byte[prefix.length + NONCE_LENGTH + plaintext.length + TAG_LENGTH];
    System.arraycopy(prefix, 0, out, 0, prefix.length);
    System.arraycopy(SecureRandoms.bytes(NONCE_LENGTH), 0, out, prefix.length, NONCE_LENGTH);
    Cipher cipher = CIPHERS.acquire();
    try {
      cipher.init(
          Cipher.ENCRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, out, prefix.length, NONCE_LENGTH));
      if (prefix.length > 0) {
        cipher.updateAAD(prefix);
      }
      if (associatedData != null && associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      cipher.doFinal(plaintext, 0, plaintext.length, out, prefix.length + NONCE_LENGTH);
      return out;
    } catch (GeneralSecurityException e) {
      // Cannot happen with a validated key and a fresh 12-byte nonce.
      throw new IllegalStateException("AES-GCM encryption failed", e);
    } finally {
      CIPHERS.release(cipher);
    }
  }

  /**
   * Decrypts the output of {@link #encryptWithPrefix}: the first {@code prefixLength} bytes of
   * {@code ciphertext} are the prefix, authenticated ahead of {@code associatedData}.
   *
   * @throws DecryptionFailedException if authentication fails or the input is too short
   */
  public byte[] decryptWithPrefix(byte[] ciphertext, int prefixLength, byte[] associatedData)
      throws DecryptionFailedException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (prefixLength < 0 || prefixLength > ciphertext.length) {
      throw new IllegalArgumentException("prefixLength out of range");
    }
    if (ciphertext.length - prefixLength < NONCE_LENGTH + TAG_LENGTH) {
      throw new DecryptionFailedException();
    }
    int bodyOffset = prefixLength + NONCE_LENGTH;
    Cipher cipher = CIPHERS.acquire();
    try {
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, ciphertext, prefixLength, NONCE_LENGTH));
      if (prefixLength > 0) {
        cipher.updateAAD(ciphertext, 0, prefixLength);
      }
      if (associatedData != null && associatedData.length > 0) {
        cipher.updateAAD(associatedData);
      }
      // The JDK releases plaintext only after the tag has been verified.
      return cipher.doFinal(ciphertext, bodyOffset, ciphertext.length - bodyOffset);
    } catch (GeneralSecurityException | RuntimeException e) {
      // RuntimeException: a provider bug on odd input must not break the uniform failure.
      throw new DecryptionFailedException();
    } finally {
      CIPHERS.release(cipher);
    }
  }

  /**
   * Encrypts with a caller-chosen nonce of any length; for known-answer tests only, since nonce
   * reuse destroys GCM's security.
   *
   * @return {@code ciphertext || tag} (the nonce is not included)
   */
  static byte[] encryptWithNonceForTesting(
      SecretBytes key, byte[] nonce, byte[] plaintext, byte[] associatedData)
      throws GeneralSecurityException {
    // A fresh engine: the JDK refuses to encrypt twice with one key and nonce on the same Cipher,
    // and test vectors must not disturb the cached hot-path engines.
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(Cipher.ENCRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, nonce));
    if (associatedData != null) {
      cipher.updateAAD(associatedData);
    }
    return cipher.doFinal(plaintext);
  }

  /** Inverse of {@link #encryptWithNonceForTesting}; for known-answer tests only. */
  static byte[] decryptWithNonceForTesting(
      SecretBytes key, byte[] nonce, byte[] ciphertextAndTag, byte[] associatedData)
      throws DecryptionFailedException {
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, aesKey(key), new GCMParameterSpec(TAG_BITS, nonce));
      if (associatedData != null) {
        cipher.updateAAD(associatedData);
      }
      return cipher.doFinal(ciphertextAndTag);
    } catch (GeneralSecurityException | RuntimeException e) {
      // IllegalArgumentException: GCMParameterSpec rejects an empty nonce.
      throw new DecryptionFailedException();
    }
  }

  static SecretKeySpec aesKey(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    int size = key.size();
    if (size != 16 && size != 24 && size != 32) {
      throw new IllegalArgumentException("AES key must be 16, 24 or 32 bytes");
    }
    return key.toKeySpec("AES");
  }

  @Override
  public String toString() {
    return "AesGcm[" + keyBits + "-bit key]";
  }
}
