package io.clavis.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.crypto.HmacAlgorithm;
import io.clavis.core.crypto.SignatureAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyAlgorithmTest {

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void capabilitiesFollowTheFamily(KeyAlgorithm algorithm) {
    KeyFamily family = algorithm.family();
    if (family != KeyFamily.DATA) {
      assertThat(algorithm.name())
          .startsWith(family == KeyFamily.EC ? "EC_P" : family.name() + "_");
    }
    assertThat(algorithm.isKey()).isEqualTo(family != KeyFamily.DATA);
    assertThat(algorithm.canEncrypt())
        .isEqualTo(family == KeyFamily.AES || family == KeyFamily.RSA);
    assertThat(algorithm.canSign()).isEqualTo(family == KeyFamily.RSA || family == KeyFamily.EC);
    assertThat(algorithm.canMac()).isEqualTo(family == KeyFamily.HMAC);
    assertThat(algorithm.isAsymmetric()).isEqualTo(algorithm.canSign());
    assertThat(algorithm.hmacAlgorithm().isPresent()).isEqualTo(algorithm.canMac());
    assertThat(algorithm.signatureAlgorithms())
        .allMatch(s -> s.keyFamily() == family)
        .hasSize(family == KeyFamily.RSA ? 6 : family == KeyFamily.EC ? 3 : 0);
    assertThat(KeyAlgorithm.parse(algorithm.name().toLowerCase())).contains(algorithm);
  }

  @Test
  void sizesCurvesAndHmacs() {
    assertThat(KeyAlgorithm.AES_192.bits()).isEqualTo(192);
    assertThat(KeyAlgorithm.RSA_4096.bits()).isEqualTo(4096);
    assertThat(KeyAlgorithm.EC_P521.bits()).isEqualTo(521);
    assertThat(KeyAlgorithm.HMAC_SHA384.bits()).isEqualTo(384);
    assertThat(KeyAlgorithm.EC_P256.curveName()).isEqualTo("secp256r1");
    assertThat(KeyAlgorithm.EC_P384.curveName()).isEqualTo("secp384r1");
    assertThat(KeyAlgorithm.EC_P521.curveName()).isEqualTo("secp521r1");
    assertThatThrownBy(KeyAlgorithm.RSA_2048::curveName).isInstanceOf(IllegalStateException.class);
    assertThat(KeyAlgorithm.HMAC_SHA512.hmacAlgorithm()).contains(HmacAlgorithm.HMAC_SHA512);
    assertThat(KeyAlgorithm.AES_256.hmacAlgorithm()).isEmpty();
    assertThat(KeyAlgorithm.EC_P256.signatureAlgorithms())
        .contains(SignatureAlgorithm.ECDSA_SHA256);
    assertThatThrownBy(() -> KeyAlgorithm.RSA_2048.signatureAlgorithms().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void dataKindsCanDoNothing() {
    for (KeyAlgorithm data :
        java.util.List.of(
            KeyAlgorithm.SECRET_DATA, KeyAlgorithm.OPAQUE_DATA, KeyAlgorithm.X509_CERTIFICATE)) {
      assertThat(data.isKey()).isFalse();
      assertThat(data.canEncrypt() || data.canSign() || data.canMac() || data.isAsymmetric())
          .isFalse();
      assertThat(data.bits()).isZero();
      assertThat(data.keyPairOfPublicKey()).isEmpty();
      assertThat(data.signatureAlgorithms()).isEmpty();
      assertThatThrownBy(() -> PublicKeys.parse(data.family(), new byte[] {0x30, 0}))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"RSA_2048", "RSA_3072", "RSA_4096", "EC_P256", "EC_P384", "EC_P521"})
  void aPublicKeyAloneIsDataOfItsPairsSize(KeyAlgorithm pair) {
    KeyAlgorithm alone = pair.publicKeyAlone();
    assertThat(alone.name()).isEqualTo("PUBLIC_" + pair.name());
    assertThat(alone.family()).isEqualTo(KeyFamily.DATA);
    assertThat(alone.bits()).isEqualTo(pair.bits());
    assertThat(alone.keyPairOfPublicKey()).contains(pair);
    assertThat(alone.canSign() || alone.canEncrypt() || alone.isAsymmetric()).isFalse();
    assertThatThrownBy(KeyAlgorithm.AES_256::publicKeyAlone)
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void parseIsExactButCaseInsensitive() {
    assertThat(KeyAlgorithm.parse("Aes_256")).contains(KeyAlgorithm.AES_256);
    assertThat(KeyAlgorithm.parse("AES-256")).isEmpty();
    assertThat(KeyAlgorithm.parse("AES_256 ")).isEmpty();
    assertThat(KeyAlgorithm.parse("")).isEmpty();
    assertThat(KeyAlgorithm.parse(null)).isEmpty();
  }
}
