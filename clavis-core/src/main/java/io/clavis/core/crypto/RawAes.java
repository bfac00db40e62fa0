package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES without an envelope: the ciphertext is exactly what the mode produces, with the IV and tag
 * kept apart, as protocols such as KMIP exchange them. {@link AesGcm} is the primitive for Clavis's
 * own formats (fixed 12-byte nonce and 16-byte tag, prefixed); this class is for callers that must
 * honour a peer's IV, tag length and padding. The caller is responsible for IV uniqueness when it
 * supplies the IV.
 */
public final class RawAes {
  /** The AES block (and CBC IV) length in bytes. */
  public static final int BLOCK = 16;

  private final SecretKeySpec key;
  private final int bits;

  /**
   * @throws IllegalArgumentException unless the key is 16, 24 or 32 bytes
   */
  public RawAes(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.size() != 16 && key.size() != 24 && key.size() != 32) {
      throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes");
    }
    this.key = key.toKeySpec("AES");
    this.bits = key.size() * 8;
  }

  /**
   * GCM encryption.
   *
   * @param iv 1 or more bytes (12 recommended)
   * @param tagLength the tag length in bytes: 12 to 16
   * @return the ciphertext followed by the tag
   */
  public byte[] gcmEncrypt(byte[] iv, byte[] aad, byte[] plaintext, int tagLength) {
    checkGcm(iv, tagLength);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagLength * 8, iv));
      if (aad != null && aad.length > 0) {
        c.updateAAD(aad);
      }
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * GCM decryption.
   *
   * @param ciphertextAndTag the ciphertext followed by the tag
   * @throws DecryptionFailedException if the tag does not verify
   */
  public byte[] gcmDecrypt(byte[] iv, byte[] aad, byte[] ciphertextAndTag, int tagLength)
      throws DecryptionFailedException {
    checkGcm(iv, tagLength);
    if (ciphertextAndTag.length < tagLength) {
      throw new DecryptionFailedException();
    }
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(tagLength * 8, iv));
      if (aad != null && aad.length > 0) {
        c.updateAAD(aad);
      }
      return c.doFinal(ciphertextAndTag);
    } catch (AEADBadTagException e) {
      throw new DecryptionFailedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /**
   * CBC encryption with PKCS#5 (PKCS#7) padding, or none (the plaintext is then a whole number of
   * blocks).
   *
   * @param iv 16 bytes
   * @throws IllegalArgumentException without padding, for a plaintext that is not whole blocks
   */
  public byte[] cbcEncrypt(byte[] iv, byte[] plaintext, boolean pkcs5) {
    checkCbc(iv);
    if (!pkcs5 && plaintext.length % BLOCK != 0) {
      throw new IllegalArgumentException("without padding the data is a multiple of 16 bytes");
    }
    try {
      Cipher c = Cipher.getInstance(pkcs5 ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      return c.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is unavailable", e);
    }
  }

  /**
   * CBC decryption.
   *
   * @throws DecryptionFailedException if the ciphertext is not whole blocks or its padding is bad
   */
  public byte[] cbcDecrypt(byte[] iv, byte[] ciphertext, boolean pkcs5)
      throws DecryptionFailedException {
    checkCbc(iv);
    if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
      throw new DecryptionFailedException();
    }
    try {
      Cipher c = Cipher.getInstance(pkcs5 ? "AES/CBC/PKCS5Padding" : "AES/CBC/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      return c.doFinal(ciphertext);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      throw new DecryptionFailedException();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is unavailable", e);
    }
  }

  private static void checkGcm(byte[] iv, int tagLength) {
    if (iv == null || iv.length == 0 || iv.length > 128) {
      throw new IllegalArgumentException("a GCM IV is 1 to 128 bytes");
    }
    if (tagLength < 12 || tagLength > 16) {
      throw new IllegalArgumentException("a GCM tag is 12 to 16 bytes");
    }
  }

  private static void checkCbc(byte[] iv) {
    if (iv == null || iv.length != BLOCK) {
      throw new IllegalArgumentException("a CBC IV is 16 bytes");
    }
  }

  @Override
  public String toString() {
    return "RawAes[" + bits + " bits]";
  }
}
