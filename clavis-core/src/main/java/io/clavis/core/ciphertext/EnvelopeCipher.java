package io.clavis.core.ciphertext;

import io.clavis.core.ciphertext.CiphertextFormat.Header;
import io.clavis.core.ciphertext.CiphertextFormat.Parsed;
import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.RsaOaep;
import io.clavis.core.crypto.SecretBytes;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * Encrypts into and decrypts from the {@link CiphertextFormat}, binding the header to the body.
 *
 * <p>For AES-GCM the header is authenticated as associated data ahead of the caller's AAD; for
 * RSA-OAEP {@code header || AAD} is the OAEP label. A ciphertext whose key id or version was edited
 * therefore fails to decrypt even under the right key. The AES path builds the output in one buffer
 * and authenticates the header in place, without copying the ciphertext.
 *
 * <p>Decryption of a ciphertext of another scheme fails with {@link DecryptionFailedException},
 * like any other ciphertext this key cannot decrypt.
 */
public final class EnvelopeCipher {
  private EnvelopeCipher() {}

  /**
   * Returns {@code header || nonce || ciphertext || tag}.
   *
   * @param aad caller's associated data; {@code null} means empty
   * @throws IllegalArgumentException if the header's scheme is not AES-GCM or the key is not 16, 24
   *     or 32 bytes
   */
  public static byte[] encryptAesGcm(Header h, SecretBytes key, byte[] plaintext, byte[] aad) {
    return encryptAesGcm(h, new AesGcm(key), plaintext, aad);
  }

  /** As {@link #encryptAesGcm(Header, SecretBytes, byte[], byte[])}, with a prepared primitive. */
  public static byte[] encryptAesGcm(Header h, AesGcm aead, byte[] plaintext, byte[] aad) {
    requireScheme(h, CiphertextFormat.SCHEME_AES_GCM);
    Objects.requireNonNull(aead, "aead");
    return aead.encryptWithPrefix(CiphertextFormat.encodeHeader(h), plaintext, aad);
  }

  /**
   * Decrypts an AES-GCM envelope.
   *
   * @param parsed the result of {@link CiphertextFormat#parse} for this very {@code ciphertext}
   * @throws DecryptionFailedException if the scheme is not AES-GCM or authentication fails
   */
  public static byte[] decryptAesGcm(byte[] ciphertext, Parsed parsed, SecretBytes key, byte[] aad)
      throws DecryptionFailedException {
    return decryptAesGcm(ciphertext, parsed, new AesGcm(key), aad);
  }

  /** As {@link #decryptAesGcm(byte[], Parsed, SecretBytes, byte[])}, with a prepared primitive. */
  public static byte[] decryptAesGcm(byte[] ciphertext, Parsed parsed, AesGcm aead, byte[] aad)
      throws DecryptionFailedException {
    checkParsed(ciphertext, parsed, CiphertextFormat.SCHEME_AES_GCM);
    Objects.requireNonNull(aead, "aead");
    return aead.decryptWithPrefix(ciphertext, parsed.bodyOffset(), aad);
  }

  /**
   * Returns {@code header || OAEP ciphertext}, with {@code header || aad} as the OAEP label.
   *
   * @throws IllegalArgumentException if the header's scheme is not RSA-OAEP, the key is not RSA, or
   *     the plaintext is too long for the key
   */
  public static byte[] encryptRsaOaep(Header h, PublicKey pub, byte[] plaintext, byte[] aad) {
    requireScheme(h, CiphertextFormat.SCHEME_RSA_OAEP_SHA256);
    byte[] header = CiphertextFormat.encodeHeader(h);
    byte[] body = RsaOaep.encrypt(pub, plaintext, concat(header, header.length, aad));
    byte[] out = Arrays.copyOf(header, header.length + body.length);
    System.arraycopy(body, 0, out, header.length, body.length);
    return out;
  }

  /**
   * Decrypts an RSA-OAEP envelope.
   *
   * @param parsed the result of {@link CiphertextFormat#parse} for this very {@code ciphertext}
   * @throws DecryptionFailedException if the scheme is not RSA-OAEP or decryption fails
   */
  public static byte[] decryptRsaOaep(byte[] ciphertext, Parsed parsed, PrivateKey priv, byte[] aad)
      throws DecryptionFailedException {
    checkParsed(ciphertext, parsed, CiphertextFormat.SCHEME_RSA_OAEP_SHA256);
    int bodyOffset = parsed.bodyOffset();
    byte[] label = concat(ciphertext, bodyOffset, aad);
    byte[] body = Arrays.copyOfRange(ciphertext, bodyOffset, ciphertext.length);
    return RsaOaep.decrypt(priv, body, label);
  }

  private static void requireScheme(Header h, int scheme) {
    Objects.requireNonNull(h, "h");
    if (h.scheme() != scheme) {
      throw new IllegalArgumentException("header scheme does not match the operation");
    }
  }

  private static void checkParsed(byte[] ciphertext, Parsed parsed, int scheme)
      throws DecryptionFailedException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(parsed, "parsed");
    if (parsed.bodyOffset() > ciphertext.length) {
      throw new IllegalArgumentException("parsed header does not belong to this ciphertext");
    }
    if (parsed.header().scheme() != scheme) {
      throw new DecryptionFailedException();
    }
  }

  /** Returns {@code first[0, firstLength) || second}; {@code second} may be null. */
  private static byte[] concat(byte[] first, int firstLength, byte[] second) {
    int secondLength = second == null ? 0 : second.length;
    byte[] out = Arrays.copyOf(first, firstLength + secondLength);
    if (secondLength > 0) {
      System.arraycopy(second, 0, out, firstLength, secondLength);
    }
    return out;
  }
}
