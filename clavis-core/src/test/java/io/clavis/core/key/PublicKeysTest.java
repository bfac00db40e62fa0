package io.clavis.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PublicKeysTest {
  private static final KeyMaterial RSA = KeyMaterial.generate(KeyAlgorithm.RSA_2048);
  private static final KeyMaterial EC = KeyMaterial.generate(KeyAlgorithm.EC_P384);

  @Test
  void pemHasTheStandardShapeAndRoundTrips() {
    String pem = PublicKeys.toPem(RSA.publicKeyDer());
    String[] lines = pem.split("\n", -1);
    assertThat(lines[0]).isEqualTo("-----BEGIN PUBLIC KEY-----");
    assertThat(lines[lines.length - 2]).isEqualTo("-----END PUBLIC KEY-----");
    assertThat(lines[lines.length - 1]).isEmpty(); // ends with a newline
    for (int i = 1; i < lines.length - 3; i++) {
      assertThat(lines[i]).hasSize(64);
    }
    assertThat(lines[lines.length - 3]).hasSizeBetween(1, 64);
    assertThat(PublicKeys.fromPem(pem)).isEqualTo(RSA.publicKeyDer());
    assertThat(PublicKeys.fromPem(pem.replace("\n", "\r\n"))).isEqualTo(RSA.publicKeyDer());
  }

  @Test
  void parsesByFamilyAndAlgorithm() {
    assertThat(PublicKeys.parse(KeyFamily.RSA, RSA.publicKeyDer()))
        .isInstanceOf(RSAPublicKey.class);
    assertThat(PublicKeys.parse(KeyAlgorithm.RSA_2048, RSA.publicKeyDer()))
        .isInstanceOf(RSAPublicKey.class);
    assertThat(PublicKeys.parse(KeyAlgorithm.EC_P384, EC.publicKeyDer()))
        .isInstanceOf(ECPublicKey.class);
  }

  @Test
  void rejectsKeysOfAnotherFamilySizeOrCurve() {
    assertThatThrownBy(() -> PublicKeys.parse(KeyFamily.EC, RSA.publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKeys.parse(KeyFamily.RSA, EC.publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKeys.parse(KeyAlgorithm.RSA_3072, RSA.publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKeys.parse(KeyAlgorithm.EC_P256, EC.publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKeys.parse(KeyFamily.AES, RSA.publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] truncated = Arrays.copyOf(RSA.publicKeyDer(), 100);
    assertThatThrownBy(() -> PublicKeys.parse(KeyFamily.RSA, truncated))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> PublicKeys.fromPem("-----BEGIN PUBLIC KEY-----\n!!\n-----END PUBLIC KEY-----"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PublicKeys.fromPem("MIIB"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
