package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RawAesTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void cbcMatchesTheNistVector() throws Exception {
    // NIST SP 800-38A, F.2.1 CBC-AES128.Encrypt, first block.
    RawAes aes = new RawAes(SecretBytes.copyOf(HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c")));
    byte[] iv = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    byte[] plain = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a");
    byte[] cipher = aes.cbcEncrypt(iv, plain, false);
    assertThat(HEX.formatHex(cipher)).isEqualTo("7649abac8119b246cee98e9b12e9197d");
    assertThat(aes.cbcDecrypt(iv, cipher, false)).isEqualTo(plain);
  }

  @Test
  void cbcWithPkcs5PadsAndRejectsBadPadding() throws Exception {
    RawAes aes = new RawAes(SecretBytes.random(32));
    byte[] iv = SecureRandoms.bytes(16);
    byte[] cipher = aes.cbcEncrypt(iv, new byte[] {1, 2, 3}, true);
    assertThat(cipher).hasSize(16);
    assertThat(aes.cbcDecrypt(iv, cipher, true)).containsExactly(1, 2, 3);
    cipher[15] ^= 1;
    assertThatThrownBy(() -> aes.cbcDecrypt(iv, cipher, true))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> aes.cbcEncrypt(iv, new byte[3], false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gcmRoundTripsWithShortTagsAndDetectsTampering() throws Exception {
    RawAes aes = new RawAes(SecretBytes.random(16));
    byte[] iv = SecureRandoms.bytes(12);
    byte[] aad = {9, 9};
    byte[] out = aes.gcmEncrypt(iv, aad, new byte[] {1, 2, 3, 4}, 12);
    assertThat(out).hasSize(4 + 12);
    assertThat(aes.gcmDecrypt(iv, aad, out, 12)).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> aes.gcmDecrypt(iv, new byte[] {9}, out, 12))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> aes.gcmEncrypt(iv, null, new byte[1], 8))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void gcmMatchesTheGcmSpecTestCase2() throws Exception {
    // McGrew and Viega, The Galois/Counter Mode of Operation, test case 2.
    RawAes aes = new RawAes(SecretBytes.copyOf(new byte[16]));
    byte[] out = aes.gcmEncrypt(new byte[12], null, new byte[16], 16);
    assertThat(HEX.formatHex(out))
        .isEqualTo("0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf");
  }
}
