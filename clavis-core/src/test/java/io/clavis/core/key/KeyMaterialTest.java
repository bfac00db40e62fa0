package io.clavis.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.Hmac;
import io.clavis.core.crypto.RsaOaep;
import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SignatureAlgorithm;
import io.clavis.core.crypto.Signatures;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyMaterialTest {
  private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

  /** The data kinds, registered and never generated: a pattern over the algorithm names. */
  private static final String DATA_KINDS =
      "SECRET_DATA|OPAQUE_DATA|X509_CERTIFICATE|PUBLIC_.*|SPLIT_KEY";

  private static final Map<KeyAlgorithm, KeyMaterial> GENERATED = new EnumMap<>(KeyAlgorithm.class);
  private static final List<KeyAlgorithm> KEYS =
      Arrays.stream(KeyAlgorithm.values()).filter(KeyAlgorithm::isKey).toList();

  @BeforeAll
  static void generateOneOfEach() {
    for (KeyAlgorithm algorithm : KEYS) {
      GENERATED.put(algorithm, KeyMaterial.generate(algorithm));
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = DATA_KINDS)
  void generatesKeysOfTheRightShape(KeyAlgorithm algorithm) {
    KeyMaterial material = GENERATED.get(algorithm);
    assertThat(material.algorithm()).isEqualTo(algorithm);
    if (algorithm.isAsymmetric()) {
      assertThat(material.publicKeyDer()).isNotEmpty();
      if (algorithm.family() == KeyFamily.RSA) {
        RSAPublicKey pub = (RSAPublicKey) material.publicKey();
        assertThat(pub.getModulus().bitLength()).isEqualTo(algorithm.bits());
        assertThat(pub.getPublicExponent().intValue()).isEqualTo(65537);
      } else {
        ECPublicKey pub = (ECPublicKey) material.publicKey();
        assertThat(pub.getParams().getCurve().getField().getFieldSize())
            .isEqualTo(algorithm.bits());
      }
      assertThat(material.privateKey().getFormat()).isEqualTo("PKCS#8");
    } else {
      assertThat(material.secret().size()).isEqualTo(algorithm.bits() / 8);
      assertThat(material.publicKeyDer()).isNull();
      assertThatThrownBy(material::privateKey).isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(material::publicKey).isInstanceOf(IllegalStateException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = DATA_KINDS)
  void rebuildsFromStoredPartsAndStillWorks(KeyAlgorithm algorithm) throws Exception {
    KeyMaterial original = GENERATED.get(algorithm);
    KeyMaterial rebuilt =
        KeyMaterial.fromSecret(
            algorithm,
            SecretBytes.copyOf(original.secret().toByteArray(SecretAccess.get())),
            original.publicKeyDer());
    assertThat(rebuilt.algorithm()).isEqualTo(algorithm);
    assertThat(rebuilt.secret().equalsConstantTime(original.secret())).isTrue();
    assertThat(rebuilt.publicKeyDer()).isEqualTo(original.publicKeyDer());

    switch (algorithm.family()) {
      case AES ->
          assertThat(
                  new AesGcm(rebuilt.secret())
                      .decrypt(new AesGcm(original.secret()).encrypt(DATA, null), null))
              .isEqualTo(DATA);
      case HMAC -> {
        var hmac = algorithm.hmacAlgorithm().orElseThrow();
        assertThat(
                new Hmac(hmac, rebuilt.secret())
                    .verify(DATA, new Hmac(hmac, original.secret()).compute(DATA)))
            .isTrue();
      }
      case RSA -> {
        assertThat(
                RsaOaep.decrypt(
                    rebuilt.privateKey(), RsaOaep.encrypt(original.publicKey(), DATA, null), null))
            .isEqualTo(DATA);
        byte[] signature =
            Signatures.sign(SignatureAlgorithm.RSA_PSS_SHA256, rebuilt.privateKey(), DATA);
        assertThat(
                Signatures.verify(
                    SignatureAlgorithm.RSA_PSS_SHA256, original.publicKey(), DATA, signature))
            .isTrue();
      }
      case EC -> {
        byte[] signature =
            Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, rebuilt.privateKey(), DATA);
        assertThat(
                Signatures.verify(
                    SignatureAlgorithm.ECDSA_SHA256, original.publicKey(), DATA, signature))
            .isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.MATCH_NONE, names = DATA_KINDS)
  void toStringNeverShowsTheSecret(KeyAlgorithm algorithm) {
    KeyMaterial material = GENERATED.get(algorithm);
    byte[] raw = material.secret().toByteArray(SecretAccess.get());
    String text = material.toString() + material.secret();
    assertThat(text).contains(algorithm.name()).contains("redacted");
    assertThat(text.toLowerCase())
        .doesNotContain(HexFormat.of().formatHex(raw, 0, 8))
        .doesNotContain(HexFormat.of().formatHex(raw, raw.length - 8, raw.length));
    assertThat(text).doesNotContain(Base64.getEncoder().encodeToString(raw).substring(0, 12));
  }

  @Test
  void generatesFreshKeys() {
    KeyMaterial a = KeyMaterial.generate(KeyAlgorithm.AES_256);
    KeyMaterial b = KeyMaterial.generate(KeyAlgorithm.AES_256);
    assertThat(a.secret().equalsConstantTime(b.secret())).isFalse();
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void fromSecretRejectsPartsThatDoNotFit() {
    byte[] spki = GENERATED.get(KeyAlgorithm.EC_P256).publicKeyDer();
    assertThatThrownBy(
            () -> KeyMaterial.fromSecret(KeyAlgorithm.AES_256, SecretBytes.random(16), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KeyMaterial.fromSecret(KeyAlgorithm.HMAC_SHA512, SecretBytes.random(32), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KeyMaterial.fromSecret(KeyAlgorithm.AES_128, SecretBytes.random(16), spki))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KeyMaterial.fromSecret(KeyAlgorithm.EC_P256, SecretBytes.random(64), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void damagedStoredKeysFailWhenUsedWithoutQuotingThem() {
    KeyMaterial ec = GENERATED.get(KeyAlgorithm.EC_P256);
    KeyMaterial damaged =
        KeyMaterial.fromSecret(KeyAlgorithm.EC_P256, SecretBytes.random(40), ec.publicKeyDer());
    assertThatThrownBy(damaged::privateKey).isInstanceOf(IllegalStateException.class).hasNoCause();
    // A P-384 public key stored under a P-256 algorithm is rejected.
    KeyMaterial mismatched =
        KeyMaterial.fromSecret(
            KeyAlgorithm.EC_P256, ec.secret(), GENERATED.get(KeyAlgorithm.EC_P384).publicKeyDer());
    assertThatThrownBy(mismatched::publicKey).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void publicKeyDerIsACopy() {
    KeyMaterial rsa = GENERATED.get(KeyAlgorithm.RSA_2048);
    byte[] der = rsa.publicKeyDer();
    der[0] ^= 1;
    assertThat(rsa.publicKeyDer()[0]).isNotEqualTo(der[0]);
  }

  @ParameterizedTest
  @EnumSource(value = KeyAlgorithm.class, mode = EnumSource.Mode.MATCH_ANY, names = DATA_KINDS)
  void dataIsRegisteredNeverGenerated(KeyAlgorithm algorithm) {
    assertThatThrownBy(() -> KeyMaterial.generate(algorithm))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] bytes = "a registered secret".getBytes(StandardCharsets.UTF_8);
    KeyMaterial data = KeyMaterial.fromSecret(algorithm, SecretBytes.copyOf(bytes), null);
    assertThat(data.secret().toByteArray(SecretAccess.get())).isEqualTo(bytes);
    assertThat(data.toString()).doesNotContain("registered");
    assertThatThrownBy(data::privateKey).isInstanceOf(IllegalStateException.class);
    KeyMaterial largest =
        KeyMaterial.fromSecret(algorithm, SecretBytes.random(KeyAlgorithm.MAX_DATA_BYTES), null);
    assertThat(largest.secret().size()).isEqualTo(KeyAlgorithm.MAX_DATA_BYTES);
    assertThatThrownBy(
            () ->
                KeyMaterial.fromSecret(
                    algorithm, SecretBytes.random(KeyAlgorithm.MAX_DATA_BYTES + 1), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> KeyMaterial.fromSecret(algorithm, SecretBytes.copyOf(new byte[0]), null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                KeyMaterial.fromSecret(
                    algorithm,
                    SecretBytes.copyOf(bytes),
                    GENERATED.get(KeyAlgorithm.EC_P256).publicKeyDer()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
