package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class Argon2idKdfTest {
  private static final byte[] SALT = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");

  /** RFC 9106, section 5.3: Argon2id, v=0x13, m=32 KiB, t=3, p=4, with secret and AD. */
  @Test
  void matchesRfc9106TestVector() {
    byte[] password = filled(32, 0x01);
    byte[] salt = filled(16, 0x02);
    byte[] secret = filled(8, 0x03);
    byte[] ad = filled(12, 0x04);
    SecretBytes tag =
        Argon2idKdf.derive(password, salt, secret, ad, new Argon2idKdf.Params(32, 3, 4), 32);
    assertThat(HexFormat.of().formatHex(tag.toByteArray(SecretAccess.get())))
        .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
  }

  @Test
  void passphraseIsEncodedAsUtf8() {
    char[] passphrase = "pässwörd €".toCharArray();
    byte[] utf8 = "pässwörd €".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Argon2idKdf.Params p = Argon2idKdf.Params.forTesting();
    assertThat(
            Argon2idKdf.derive(passphrase, SALT, p, 32)
                .equalsConstantTime(Argon2idKdf.derive(utf8, SALT, null, null, p, 32)))
        .isTrue();
  }

  @Test
  void sameInputsGiveSameOutput() {
    Argon2idKdf.Params p = Argon2idKdf.Params.forTesting();
    SecretBytes a = Argon2idKdf.derive("correct horse".toCharArray(), SALT, p, 32);
    SecretBytes b = Argon2idKdf.derive("correct horse".toCharArray(), SALT, p, 32);
    assertThat(a.size()).isEqualTo(32);
    assertThat(a.equalsConstantTime(b)).isTrue();
  }

  @Test
  void anyChangedInputChangesTheOutput() {
    Argon2idKdf.Params p = Argon2idKdf.Params.forTesting();
    char[] passphrase = "correct horse".toCharArray();
    SecretBytes reference = Argon2idKdf.derive(passphrase, SALT, p, 32);
    byte[] otherSalt = SALT.clone();
    otherSalt[15] ^= 1;
    assertThat(reference.equalsConstantTime(Argon2idKdf.derive(passphrase, otherSalt, p, 32)))
        .isFalse();
    assertThat(
            reference.equalsConstantTime(
                Argon2idKdf.derive("correct horsf".toCharArray(), SALT, p, 32)))
        .isFalse();
    assertThat(
            reference.equalsConstantTime(
                Argon2idKdf.derive(passphrase, SALT, new Argon2idKdf.Params(8 * 1024, 2, 1), 32)))
        .isFalse();
  }

  @Test
  void paramsPresets() {
    assertThat(Argon2idKdf.Params.recommended()).isEqualTo(new Argon2idKdf.Params(65536, 3, 1));
    assertThat(Argon2idKdf.Params.forTesting()).isEqualTo(new Argon2idKdf.Params(8192, 1, 1));
  }

  @Test
  void rejectsBadArguments() {
    Argon2idKdf.Params p = Argon2idKdf.Params.forTesting();
    char[] passphrase = "x".toCharArray();
    assertThatThrownBy(() -> Argon2idKdf.derive(passphrase, new byte[7], p, 32))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2idKdf.derive(passphrase, SALT, p, 3))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Argon2idKdf.derive(new char[] {'\uD800'}, SALT, p, 32))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("\uD800");
    assertThatThrownBy(() -> new Argon2idKdf.Params(1024, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2idKdf.Params(1024, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Argon2idKdf.Params(31, 1, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] filled(int length, int value) {
    byte[] out = new byte[length];
    Arrays.fill(out, (byte) value);
    return out;
  }
}
