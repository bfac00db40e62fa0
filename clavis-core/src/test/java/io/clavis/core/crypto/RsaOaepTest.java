package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RsaOaepTest {
  private static KeyPair rsa2048;
  private static final byte[] LABEL = "label".getBytes(StandardCharsets.UTF_8);

  @BeforeAll
  static void generateKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa2048 = generator.generateKeyPair();
  }

  @TestFactory
  Stream<DynamicTest> wycheproof2048() {
    return wycheproof("rsa_oaep_2048_sha256_mgf1sha256_test.json");
  }

  @TestFactory
  Stream<DynamicTest> wycheproof3072() {
    return wycheproof("rsa_oaep_3072_sha256_mgf1sha256_test.json");
  }

  private static Stream<DynamicTest> wycheproof(String file) {
    return Wycheproof.tests(
        file,
        v -> {
          PrivateKey key =
              KeyFactory.getInstance("RSA")
                  .generatePrivate(new PKCS8EncodedKeySpec(v.groupHex("privateKeyPkcs8")));
          byte[] plaintext;
          try {
            plaintext = RsaOaep.decrypt(key, v.hex("ct"), v.hex("label"));
          } catch (DecryptionFailedException e) {
            return false;
          }
          assertThat(plaintext).isEqualTo(v.hex("msg"));
          return true;
        });
  }

  @Test
  void roundTripsWithLabel() throws Exception {
    byte[] message = "secret".getBytes(StandardCharsets.UTF_8);
    byte[] ciphertext = RsaOaep.encrypt(rsa2048.getPublic(), message, LABEL);
    assertThat(ciphertext).hasSize(256);
    assertThat(RsaOaep.decrypt(rsa2048.getPrivate(), ciphertext, LABEL)).isEqualTo(message);
  }

  @Test
  void nullLabelEqualsEmptyLabel() throws Exception {
    byte[] message = {1, 2, 3};
    byte[] ciphertext = RsaOaep.encrypt(rsa2048.getPublic(), message, null);
    assertThat(RsaOaep.decrypt(rsa2048.getPrivate(), ciphertext, new byte[0])).isEqualTo(message);
  }

  @Test
  void wrongLabelTamperingAndTruncationFailUniformly() {
    byte[] ciphertext = RsaOaep.encrypt(rsa2048.getPublic(), new byte[] {42}, LABEL);
    assertThatThrownBy(() -> RsaOaep.decrypt(rsa2048.getPrivate(), ciphertext, null))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessage("decryption failed")
        .hasNoCause();
    byte[] tampered = ciphertext.clone();
    tampered[100] ^= 1;
    assertThatThrownBy(() -> RsaOaep.decrypt(rsa2048.getPrivate(), tampered, LABEL))
        .isInstanceOf(DecryptionFailedException.class);
    byte[] truncated = Arrays.copyOf(ciphertext, 255);
    assertThatThrownBy(() -> RsaOaep.decrypt(rsa2048.getPrivate(), truncated, LABEL))
        .isInstanceOf(DecryptionFailedException.class);
    byte[] tooLong = Arrays.copyOf(ciphertext, 257);
    assertThatThrownBy(() -> RsaOaep.decrypt(rsa2048.getPrivate(), tooLong, LABEL))
        .isInstanceOf(DecryptionFailedException.class);
    byte[] aboveModulus = new byte[256];
    Arrays.fill(aboveModulus, (byte) 0xff);
    assertThatThrownBy(() -> RsaOaep.decrypt(rsa2048.getPrivate(), aboveModulus, LABEL))
        .isInstanceOf(DecryptionFailedException.class);
  }

  @Test
  void boundsPlaintextByModulus() throws Exception {
    assertThat(RsaOaep.maxPlaintextLength(2048)).isEqualTo(190);
    assertThat(RsaOaep.maxPlaintextLength(3072)).isEqualTo(318);
    assertThat(RsaOaep.maxPlaintextLength(4096)).isEqualTo(446);
    byte[] longest = new byte[190];
    byte[] ciphertext = RsaOaep.encrypt(rsa2048.getPublic(), longest, null);
    assertThat(RsaOaep.decrypt(rsa2048.getPrivate(), ciphertext, null)).isEqualTo(longest);
    assertThatThrownBy(() -> RsaOaep.encrypt(rsa2048.getPublic(), new byte[191], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RsaOaep.maxPlaintextLength(512))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNonRsaKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    KeyPair ec = generator.generateKeyPair();
    assertThatThrownBy(() -> RsaOaep.encrypt(ec.getPublic(), new byte[1], null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RsaOaep.decrypt(ec.getPrivate(), new byte[256], null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
