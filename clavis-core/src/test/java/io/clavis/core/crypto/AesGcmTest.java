package io.clavis.core.crypto;

import static io.clavis.core.testing.TestBytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AesGcmTest {
  private static final String VECTORS = "aes_gcm_test.json";
  private static final byte[] MESSAGE = "attack at dawn".getBytes(StandardCharsets.UTF_8);
  private static final byte[] AAD = "context".getBytes(StandardCharsets.UTF_8);

  /** The main primitive handles the 96-bit-nonce, 128-bit-tag vectors (its only parameters). */
  @TestFactory
  Stream<DynamicTest> wycheproofThroughPrimitive() {
    return Wycheproof.tests(
        VECTORS,
        v -> v.groupInt("ivSize") == 96 && v.groupInt("tagSize") == 128,
        v -> {
          SecretBytes key = SecretBytes.copyOf(v.hex("key"));
          byte[] input = concat(v.hex("iv"), v.hex("ct"), v.hex("tag"));
          byte[] plaintext;
          try {
            plaintext = new AesGcm(key).decrypt(input, v.hex("aad"));
          } catch (DecryptionFailedException e) {
            return false;
          }
          assertThat(plaintext).isEqualTo(v.hex("msg"));
          return true;
        });
  }

  /** Every vector, through the explicit-nonce helper: odd nonce sizes included. */
  @TestFactory
  Stream<DynamicTest> wycheproofWithExplicitNonce() {
    return Wycheproof.tests(
        VECTORS,
        v -> {
          SecretBytes key = SecretBytes.copyOf(v.hex("key"));
          byte[] ciphertextAndTag = concat(v.hex("ct"), v.hex("tag"));
          if (v.isValid()) {
            assertThat(
                    AesGcm.encryptWithNonceForTesting(key, v.hex("iv"), v.hex("msg"), v.hex("aad")))
                .isEqualTo(ciphertextAndTag);
          }
          byte[] plaintext;
          try {
            plaintext =
                AesGcm.decryptWithNonceForTesting(key, v.hex("iv"), ciphertextAndTag, v.hex("aad"));
          } catch (DecryptionFailedException e) {
            return false;
          }
          assertThat(plaintext).isEqualTo(v.hex("msg"));
          return true;
        });
  }

  @Test
  void roundTripsForEveryKeySize() throws Exception {
    for (int size : new int[] {16, 24, 32}) {
      AesGcm aead = new AesGcm(SecretBytes.random(size));
      byte[] ciphertext = aead.encrypt(MESSAGE, AAD);
      assertThat(ciphertext).hasSize(AesGcm.NONCE_LENGTH + MESSAGE.length + AesGcm.TAG_LENGTH);
      assertThat(aead.decrypt(ciphertext, AAD)).isEqualTo(MESSAGE);
    }
  }

  @Test
  void roundTripsEmptyPlaintext() throws Exception {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    byte[] ciphertext = aead.encrypt(new byte[0], null);
    assertThat(ciphertext).hasSize(28);
    assertThat(aead.decrypt(ciphertext, null)).isEmpty();
  }

  @Test
  void nullAssociatedDataEqualsEmpty() throws Exception {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    assertThat(aead.decrypt(aead.encrypt(MESSAGE, null), new byte[0])).isEqualTo(MESSAGE);
    assertThat(aead.decrypt(aead.encrypt(MESSAGE, new byte[0]), null)).isEqualTo(MESSAGE);
  }

  @Test
  void usesAFreshNonceEveryTime() {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      nonces.add(Arrays.toString(Arrays.copyOf(aead.encrypt(MESSAGE, AAD), 12)));
    }
    assertThat(nonces).hasSize(1000);
  }

  @Test
  void rejectsEveryModifiedByte() {
    AesGcm aead = new AesGcm(SecretBytes.random(16));
    byte[] ciphertext = aead.encrypt(MESSAGE, AAD);
    for (int i = 0; i < ciphertext.length; i++) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 0x01;
      assertThatThrownBy(() -> aead.decrypt(tampered, AAD))
          .isInstanceOf(DecryptionFailedException.class);
    }
  }

  @Test
  void rejectsTruncationWrongAadAndWrongKey() {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    byte[] ciphertext = aead.encrypt(MESSAGE, AAD);
    for (int length = 0; length < ciphertext.length; length++) {
      byte[] truncated = Arrays.copyOf(ciphertext, length);
      assertThatThrownBy(() -> aead.decrypt(truncated, AAD))
          .isInstanceOf(DecryptionFailedException.class)
          .hasMessage("decryption failed");
    }
    assertThatThrownBy(() -> aead.decrypt(ciphertext, "other".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> aead.decrypt(ciphertext, null))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> new AesGcm(SecretBytes.random(32)).decrypt(ciphertext, AAD))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void prefixIsAuthenticated() throws Exception {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    byte[] prefix = {1, 2, 3};
    byte[] ciphertext = aead.encryptWithPrefix(prefix, MESSAGE, AAD);
    assertThat(Arrays.copyOf(ciphertext, 3)).isEqualTo(prefix);
    assertThat(aead.decryptWithPrefix(ciphertext, 3, AAD)).isEqualTo(MESSAGE);
    byte[] tampered = ciphertext.clone();
    tampered[0] ^= 1;
    assertThatThrownBy(() -> aead.decryptWithPrefix(tampered, 3, AAD))
        .isInstanceOf(DecryptionFailedException.class);
    // The prefix is not interchangeable with associated data of the same bytes at another place.
    assertThatThrownBy(() -> aead.decryptWithPrefix(ciphertext, 0, AAD))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void rejectsBadKeySizes() {
    for (int size : new int[] {0, 1, 15, 17, 31, 33, 64}) {
      assertThatThrownBy(() -> new AesGcm(SecretBytes.random(size)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void toStringShowsNoKey() {
    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 0x41);
    assertThat(new AesGcm(SecretBytes.copyOf(raw)).toString())
        .isEqualTo("AesGcm[256-bit key]")
        .doesNotContain("AAAA");
  }

  @Test
  void isSafeUnderConcurrencyOnPlatformAndVirtualThreads() throws Exception {
    AesGcm aead = new AesGcm(SecretBytes.random(32));
    try (ExecutorService platform = Executors.newFixedThreadPool(8);
        ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
        Callable<Boolean> task =
            () -> {
              for (int j = 0; j < 20; j++) {
                if (!Arrays.equals(aead.decrypt(aead.encrypt(message, AAD), AAD), message)) {
                  return false;
                }
              }
              return true;
            };
        results.add((i % 2 == 0 ? platform : virtual).submit(task));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get()).isTrue();
      }
    }
  }
}
