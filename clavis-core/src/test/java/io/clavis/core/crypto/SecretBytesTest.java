package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void toStringIsRedacted() {
    byte[] raw = HexFormat.of().parseHex("deadbeefcafebabe0123456789abcdef");
    SecretBytes secret = SecretBytes.copyOf(raw);
    String text = secret.toString();
    assertThat(text).isEqualTo("SecretBytes[redacted, 16 bytes]");
    assertThat(text.toLowerCase())
        .doesNotContain(HexFormat.of().formatHex(raw))
        .doesNotContain("deadbeef")
        .doesNotContain(Base64.getEncoder().encodeToString(raw));
  }

  @Test
  void holdsItsOwnCopy() {
    byte[] raw = {1, 2, 3};
    SecretBytes secret = SecretBytes.copyOf(raw);
    raw[0] = 9;
    byte[] read = secret.toByteArray(SecretAccess.get());
    assertThat(read).containsExactly(1, 2, 3);
    read[1] = 9;
    assertThat(secret.toByteArray(SecretAccess.get())).containsExactly(1, 2, 3);
    assertThat(secret.size()).isEqualTo(3);
  }

  @Test
  void equalityIsIdentityAndContentComparisonIsExplicit() {
    SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2, 3});
    SecretBytes b = SecretBytes.copyOf(new byte[] {1, 2, 3});
    assertThat(a).isNotEqualTo(b).isEqualTo(a);
    assertThat(a.equalsConstantTime(b)).isTrue();
    assertThat(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2, 4}))).isFalse();
    assertThat(a.equalsConstantTime(SecretBytes.copyOf(new byte[] {1, 2}))).isFalse();
  }

  @Test
  void randomIsRandom() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      SecretBytes secret = SecretBytes.random(16);
      assertThat(secret.size()).isEqualTo(16);
      seen.add(HexFormat.of().formatHex(secret.toByteArray(SecretAccess.get())));
    }
    assertThat(seen).hasSize(100);
    assertThat(SecureRandoms.bytes(0)).isEmpty();
    assertThatThrownBy(() -> SecretBytes.random(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readingNeedsTheToken() {
    SecretBytes secret = SecretBytes.random(4);
    assertThatThrownBy(() -> secret.toByteArray(null)).isInstanceOf(NullPointerException.class);
    assertThat(SecretAccess.get()).isSameAs(SecretAccess.get());
  }

  @Test
  void decryptionFailureCarriesNoDetail() {
    DecryptionFailedException e = new DecryptionFailedException();
    assertThat(e).hasMessage("decryption failed").hasNoCause();
  }
}
