package io.clavis.core.ciphertext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.clavis.core.ciphertext.CiphertextFormat.Header;
import io.clavis.core.ciphertext.CiphertextFormat.Parsed;
import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvelopeCipherTest {
  private static final byte[] PLAINTEXT = "the plaintext".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "tenant=7".getBytes(StandardCharsets.UTF_8);
  private static final Header AES_HEADER =
      new Header(CiphertextFormat.SCHEME_AES_GCM, "key_abc", 3);
  private static final Header RSA_HEADER =
      new Header(CiphertextFormat.SCHEME_RSA_OAEP_SHA256, "key_rsa", 2);
  private static final KeyMaterial RSA = KeyMaterial.generate(KeyAlgorithm.RSA_2048);

  @ParameterizedTest
  @ValueSource(ints = {16, 24, 32})
  void aesGcmRoundTrips(int keySize) throws Exception {
    SecretBytes key = SecretBytes.random(keySize);
    byte[] ciphertext = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, PLAINTEXT, AAD);
    byte[] header = CiphertextFormat.encodeHeader(AES_HEADER);
    assertThat(Arrays.copyOf(ciphertext, header.length)).isEqualTo(header);
    assertThat(ciphertext).hasSize(header.length + 12 + PLAINTEXT.length + 16);
    Parsed parsed = CiphertextFormat.parse(ciphertext);
    assertThat(parsed.header()).isEqualTo(AES_HEADER);
    assertThat(EnvelopeCipher.decryptAesGcm(ciphertext, parsed, key, AAD)).isEqualTo(PLAINTEXT);
    assertThat(EnvelopeCipher.decryptAesGcm(ciphertext, parsed, new AesGcm(key), AAD))
        .isEqualTo(PLAINTEXT);
  }

  @Test
  void aesGcmWithoutAadAndEmptyPlaintext() throws Exception {
    SecretBytes key = SecretBytes.random(32);
    byte[] ciphertext = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, new byte[0], null);
    Parsed parsed = CiphertextFormat.parse(ciphertext);
    assertThat(EnvelopeCipher.decryptAesGcm(ciphertext, parsed, key, new byte[0])).isEmpty();
  }

  @Test
  void tamperingAnyByteOfAnAesEnvelopeFails() {
    SecretBytes key = SecretBytes.random(32);
    byte[] ciphertext = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, PLAINTEXT, AAD);
    for (int i = 0; i < ciphertext.length; i++) {
      for (int bit = 0; bit < 8; bit++) {
        byte[] tampered = ciphertext.clone();
        tampered[i] ^= (byte) (1 << bit);
        assertFailsToDecrypt(
            tampered, t -> EnvelopeCipher.decryptAesGcm(t, CiphertextFormat.parse(t), key, AAD));
      }
    }
  }

  @Test
  void aesEnvelopeFailsWithWrongAadKeyOrTruncation() {
    SecretBytes key = SecretBytes.random(32);
    byte[] ciphertext = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, PLAINTEXT, AAD);
    Parsed parsed = CiphertextFormat.parse(ciphertext);
    assertThatThrownBy(() -> EnvelopeCipher.decryptAesGcm(ciphertext, parsed, key, null))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(
            () ->
                EnvelopeCipher.decryptAesGcm(
                    ciphertext, parsed, key, "tenant=8".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(
            () -> EnvelopeCipher.decryptAesGcm(ciphertext, parsed, SecretBytes.random(32), AAD))
        .isInstanceOf(DecryptionFailedException.class);
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);
      assertFailsToDecrypt(
          truncated, t -> EnvelopeCipher.decryptAesGcm(t, CiphertextFormat.parse(t), key, AAD));
    }
  }

  @Test
  void headerIsBoundEvenWhenReencodedConsistently() {
    // Moving the body under another key id or version must not decrypt.
    SecretBytes key = SecretBytes.random(32);
    byte[] ciphertext = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, PLAINTEXT, AAD);
    int offset = AES_HEADER.encodedLength();
    byte[] body = Arrays.copyOfRange(ciphertext, offset, ciphertext.length);
    for (Header other :
        new Header[] {
          new Header(CiphertextFormat.SCHEME_AES_GCM, "key_abd", 3),
          new Header(CiphertextFormat.SCHEME_AES_GCM, "key_abc", 4),
          new Header(CiphertextFormat.SCHEME_AES_GCM, "key_ab", 3),
        }) {
      byte[] moved =
          io.clavis.core.testing.TestBytes.concat(CiphertextFormat.encodeHeader(other), body);
      assertThatThrownBy(
              () -> EnvelopeCipher.decryptAesGcm(moved, CiphertextFormat.parse(moved), key, AAD))
          .isInstanceOf(DecryptionFailedException.class);
    }
  }

  @Test
  void rsaOaepRoundTripsAndBindsHeaderAndAad() throws Exception {
    byte[] ciphertext = EnvelopeCipher.encryptRsaOaep(RSA_HEADER, RSA.publicKey(), PLAINTEXT, AAD);
    Parsed parsed = CiphertextFormat.parse(ciphertext);
    assertThat(parsed.header()).isEqualTo(RSA_HEADER);
    assertThat(ciphertext).hasSize(RSA_HEADER.encodedLength() + 256);
    assertThat(EnvelopeCipher.decryptRsaOaep(ciphertext, parsed, RSA.privateKey(), AAD))
        .isEqualTo(PLAINTEXT);
    assertThatThrownBy(
            () -> EnvelopeCipher.decryptRsaOaep(ciphertext, parsed, RSA.privateKey(), null))
        .isInstanceOf(DecryptionFailedException.class);
    for (int i : new int[] {0, 1, 2, 3, 5, 9, 10, 11, 12, 13, 100, ciphertext.length - 1}) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x01;
      assertFailsToDecrypt(
          tampered,
          t -> EnvelopeCipher.decryptRsaOaep(t, CiphertextFormat.parse(t), RSA.privateKey(), AAD));
    }
  }

  @Test
  void aCiphertextOfTheOtherSchemeFailsToDecrypt() {
    SecretBytes key = SecretBytes.random(32);
    byte[] aes = EnvelopeCipher.encryptAesGcm(AES_HEADER, key, PLAINTEXT, AAD);
    byte[] rsa = EnvelopeCipher.encryptRsaOaep(RSA_HEADER, RSA.publicKey(), PLAINTEXT, AAD);
    assertThatThrownBy(
            () ->
                EnvelopeCipher.decryptRsaOaep(
                    aes, CiphertextFormat.parse(aes), RSA.privateKey(), AAD))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(
            () -> EnvelopeCipher.decryptAesGcm(rsa, CiphertextFormat.parse(rsa), key, AAD))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void encryptionRejectsHeadersOfTheOtherScheme() {
    assertThatThrownBy(
            () -> EnvelopeCipher.encryptAesGcm(RSA_HEADER, SecretBytes.random(32), PLAINTEXT, AAD))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> EnvelopeCipher.encryptRsaOaep(AES_HEADER, RSA.publicKey(), PLAINTEXT, AAD))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @FunctionalInterface
  private interface Decryption {
    byte[] run(byte[] ciphertext) throws Exception;
  }

  /** A damaged ciphertext must be refused, either as malformed or as undecryptable. */
  private static void assertFailsToDecrypt(byte[] ciphertext, Decryption decryption) {
    Throwable thrown = catchThrowable(() -> decryption.run(ciphertext));
    assertThat(thrown)
        .isInstanceOfAny(MalformedCiphertextException.class, DecryptionFailedException.class);
  }
}
