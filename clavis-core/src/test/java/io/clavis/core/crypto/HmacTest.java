package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HmacTest {
  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.UTF_8);

  @TestFactory
  Stream<DynamicTest> wycheproofSha256() {
    return wycheproof("hmac_sha256_test.json", HmacAlgorithm.HMAC_SHA256);
  }

  @TestFactory
  Stream<DynamicTest> wycheproofSha384() {
    return wycheproof("hmac_sha384_test.json", HmacAlgorithm.HMAC_SHA384);
  }

  @TestFactory
  Stream<DynamicTest> wycheproofSha512() {
    return wycheproof("hmac_sha512_test.json", HmacAlgorithm.HMAC_SHA512);
  }

  /**
   * Full-length tags go through {@link Hmac#verify}. The files also hold truncated tags, which
   * {@code verify} must refuse whatever their result; for those, the vector's verdict is checked
   * against the prefix of {@link Hmac#compute}.
   */
  private static Stream<DynamicTest> wycheproof(String file, HmacAlgorithm algorithm) {
    return Wycheproof.tests(
        file,
        v -> {
          Hmac hmac = new Hmac(algorithm, SecretBytes.copyOf(v.hex("key")));
          byte[] message = v.hex("msg");
          byte[] tag = v.hex("tag");
          if (tag.length == algorithm.tagLength()) {
            boolean verified = hmac.verify(message, tag);
            assertThat(Arrays.equals(hmac.compute(message), tag)).isEqualTo(verified);
            return verified;
          }
          assertThat(hmac.verify(message, tag)).as("truncated tag").isFalse();
          return Arrays.equals(Arrays.copyOf(hmac.compute(message), tag.length), tag);
        });
  }

  @ParameterizedTest
  @EnumSource(HmacAlgorithm.class)
  void verifiesItsOwnTagsOnly(HmacAlgorithm algorithm) {
    Hmac hmac = new Hmac(algorithm, SecretBytes.random(32));
    byte[] tag = hmac.compute(MESSAGE);
    assertThat(tag).hasSize(algorithm.tagLength());
    assertThat(hmac.verify(MESSAGE, tag)).isTrue();
    assertThat(hmac.verify("other".getBytes(StandardCharsets.UTF_8), tag)).isFalse();
    assertThat(new Hmac(algorithm, SecretBytes.random(32)).verify(MESSAGE, tag)).isFalse();
    for (int length = 0; length < tag.length; length++) {
      assertThat(hmac.verify(MESSAGE, Arrays.copyOf(tag, length))).isFalse();
    }
    assertThat(hmac.verify(MESSAGE, Arrays.copyOf(tag, tag.length + 1))).isFalse();
    for (int i = 0; i < tag.length; i++) {
      byte[] tampered = tag.clone();
      tampered[i] ^= 1;
      assertThat(hmac.verify(MESSAGE, tampered)).isFalse();
    }
  }

  @Test
  void rejectsShortKeys() {
    assertThatThrownBy(() -> new Hmac(HmacAlgorithm.HMAC_SHA256, SecretBytes.random(15)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAndLengths() {
    assertThat(HmacAlgorithm.HMAC_SHA256.jcaName()).isEqualTo("HmacSHA256");
    assertThat(HmacAlgorithm.HMAC_SHA384.jcaName()).isEqualTo("HmacSHA384");
    assertThat(HmacAlgorithm.HMAC_SHA512.jcaName()).isEqualTo("HmacSHA512");
    assertThat(HmacAlgorithm.HMAC_SHA384.tagLength()).isEqualTo(48);
    assertThat(new Hmac(HmacAlgorithm.HMAC_SHA512, SecretBytes.random(64)).toString())
        .isEqualTo("Hmac[HMAC_SHA512]");
  }
}
