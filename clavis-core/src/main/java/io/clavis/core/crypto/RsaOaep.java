package io.clavis.core.crypto;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * RSAES-OAEP (RFC 8017) with SHA-256 and MGF1-SHA-256.
 *
 * <p>The OAEP label is authenticated like associated data: decryption with a different label fails.
 * Both hashes are fixed to SHA-256 because the JDK's default for MGF1 is SHA-1, and a mismatch with
 * other implementations (OpenSSL, cloud KMS) makes every decryption fail.
 *
 * <p>Decryption is done by the system's OpenSSL when it can ({@link NativePrivateKeys}), otherwise
 * by the JDK; encryption, a public-key operation, always by the JDK.
 */
public final class RsaOaep {
  private static final int HASH_LENGTH = 32;
  private static final EngineCache<Cipher> CIPHERS =
      new EngineCache<>(() -> Cipher.getInstance("RSA/ECB/OAEPPadding"));

  private RsaOaep() {}

  /**
   * Encrypts {@code plaintext} (at most {@link #maxPlaintextLength} bytes) under {@code pub}.
   *
   * @param label the OAEP label, bound to the ciphertext; {@code null} means empty
   * @throws IllegalArgumentException if the key is not an RSA public key or the plaintext is too
   *     long for it
   */
  public static byte[] encrypt(PublicKey pub, byte[] plaintext, byte[] label) {
    Objects.requireNonNull(plaintext, "plaintext");
    if (!(pub instanceof RSAPublicKey rsa)) {
      throw new IllegalArgumentException("RSA-OAEP needs an RSA public key");
    }
    if (plaintext.length > maxPlaintextLength(rsa.getModulus().bitLength())) {
      throw new IllegalArgumentException("plaintext too long for this RSA key");
    }
    Cipher cipher = CIPHERS.acquire();
    try {
      cipher.init(Cipher.ENCRYPT_MODE, pub, parameters(label), SecureRandoms.current());
      return cipher.doFinal(plaintext);
    } catch (InvalidKeyException e) {
      throw new IllegalArgumentException("key cannot be used for RSA-OAEP", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RSA-OAEP encryption failed", e);
    } finally {
      CIPHERS.release(cipher);
    }
  }

  /**
   * Decrypts the output of {@link #encrypt}.
   *
   * @throws DecryptionFailedException for any ciphertext that does not decrypt under this key and
   *     label, including ones of the wrong length; the causes are indistinguishable on purpose
   *     (Manger's attack exploits the difference)
   * @throws IllegalArgumentException if the key is not an RSA private key
   */
  public static byte[] decrypt(PrivateKey priv, byte[] ciphertext, byte[] label)
      throws DecryptionFailedException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    if (!(priv instanceof RSAPrivateKey)) {
      throw new IllegalArgumentException("RSA-OAEP needs an RSA private key");
    }
    if (NativePrivateKeys.OPERATIONS != null) {
      byte[] plaintext = NativePrivateKeys.OPERATIONS.decryptOaep(priv, ciphertext, label);
      if (plaintext != null) {
        return plaintext;
      }
    }
    Cipher cipher = CIPHERS.acquire();
    try {
      // init depends only on the key, never on the ciphertext, so its failure is a caller error.
      try {
        cipher.init(Cipher.DECRYPT_MODE, priv, parameters(label));
      } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
        throw new IllegalArgumentException("key cannot be used for RSA-OAEP", e);
      }
      try {
        return cipher.doFinal(ciphertext);
      } catch (GeneralSecurityException | RuntimeException e) {
        // RuntimeException: a provider bug on odd input must not break the uniform failure.
        throw new DecryptionFailedException();
      }
    } finally {
      CIPHERS.release(cipher);
    }
  }

  /**
   * Returns the largest plaintext an RSA key of {@code modulusBits} can encrypt: {@code k - 2*32 -
   * 2} bytes for a {@code k}-byte modulus (190 for RSA-2048).
   */
  public static int maxPlaintextLength(int modulusBits) {
    int max = (modulusBits + 7) / 8 - 2 * HASH_LENGTH - 2;
    if (modulusBits <= 0 || max <= 0) {
      throw new IllegalArgumentException("modulus too small for RSA-OAEP with SHA-256");
    }
    return max;
  }

  private static OAEPParameterSpec parameters(byte[] label) {
    PSource source =
        label == null || label.length == 0
            ? PSource.PSpecified.DEFAULT
            : new PSource.PSpecified(label);
    return new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, source);
  }
}
