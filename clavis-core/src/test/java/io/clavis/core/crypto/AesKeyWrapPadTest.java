package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class AesKeyWrapPadTest {

  @TestFactory
  Stream<DynamicTest> wycheproof() {
    return Wycheproof.tests(
        "aes_kwp_test.json",
        v -> {
          SecretBytes kek = SecretBytes.copyOf(v.hex("key"));
          if (v.isValid()) {
            assertThat(AesKeyWrapPad.wrap(kek, v.hex("msg"))).isEqualTo(v.hex("ct"));
          }
          byte[] unwrapped;
          try {
            unwrapped = AesKeyWrapPad.unwrap(kek, v.hex("ct"));
          } catch (DecryptionFailedException e) {
            return false;
          }
          assertThat(unwrapped).isEqualTo(v.hex("msg"));
          return true;
        });
  }

  @Test
  void roundTripsAnyLength() throws Exception {
    SecretBytes kek = SecretBytes.random(32);
    for (int length = 1; length <= 70; length++) {
      byte[] key = SecureRandoms.bytes(length);
      byte[] wrapped = AesKeyWrapPad.wrap(kek, key);
      // RFC 5649: the 8-byte integrity block plus the key padded to a multiple of 8.
      assertThat(wrapped.length).isEqualTo(8 + ((length + 7) / 8) * 8);
      assertThat(AesKeyWrapPad.unwrap(kek, wrapped)).isEqualTo(key);
    }
  }

  @Test
  void wrapsSecretBytes() throws Exception {
    SecretBytes kek = SecretBytes.random(16);
    SecretBytes key = SecretBytes.random(32);
    byte[] wrapped = AesKeyWrapPad.wrap(kek, key);
    assertThat(SecretBytes.copyOf(AesKeyWrapPad.unwrap(kek, wrapped)).equalsConstantTime(key))
        .isTrue();
  }

  @Test
  void rejectsTamperingTruncationAndWrongKek() {
    SecretBytes kek = SecretBytes.random(32);
    byte[] wrapped = AesKeyWrapPad.wrap(kek, SecureRandoms.bytes(32));
    for (int i = 0; i < wrapped.length; i++) {
      byte[] tampered = wrapped.clone();
      tampered[i] ^= (byte) 0x80;
      assertThatThrownBy(() -> AesKeyWrapPad.unwrap(kek, tampered))
          .isInstanceOf(DecryptionFailedException.class);
    }
    for (int length = 0; length < wrapped.length; length++) {
      byte[] truncated = Arrays.copyOf(wrapped, length);
      assertThatThrownBy(() -> AesKeyWrapPad.unwrap(kek, truncated))
          .isInstanceOf(DecryptionFailedException.class);
    }
    assertThatThrownBy(() -> AesKeyWrapPad.unwrap(SecretBytes.random(32), wrapped))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> AesKeyWrapPad.wrap(SecretBytes.random(32), new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AesKeyWrapPad.wrap(SecretBytes.random(20), new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AesKeyWrapPad.unwrap(SecretBytes.random(20), new byte[24]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
