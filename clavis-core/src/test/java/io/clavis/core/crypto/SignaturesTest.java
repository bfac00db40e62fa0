package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.PublicKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class SignaturesTest {
  private static final byte[] MESSAGE = "the message".getBytes(StandardCharsets.UTF_8);
  private static Map<String, KeyPair> keys;

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    keys = new HashMap<>();
    keys.put("RSA-2048", rsa.generateKeyPair());
    for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
      KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
      ec.initialize(new ECGenParameterSpec(curve));
      keys.put(curve, ec.generateKeyPair());
    }
  }

  // ---- Wycheproof: every vector through verify and through verifyDigest ----

  @TestFactory
  Stream<DynamicNode> wycheproofRsaPss2048() {
    return wycheproof("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @TestFactory
  Stream<DynamicNode> wycheproofRsaPss3072() {
    return wycheproof("rsa_pss_3072_sha256_mgf1_32_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @TestFactory
  Stream<DynamicNode> wycheproofRsaPkcs1() {
    return wycheproof("rsa_signature_2048_sha256_test.json", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @TestFactory
  Stream<DynamicNode> wycheproofEcdsaP256() {
    return wycheproof("ecdsa_secp256r1_sha256_test.json", SignatureAlgorithm.ECDSA_SHA256);
  }

  @TestFactory
  Stream<DynamicNode> wycheproofEcdsaP384() {
    return wycheproof("ecdsa_secp384r1_sha384_test.json", SignatureAlgorithm.ECDSA_SHA384);
  }

  @TestFactory
  Stream<DynamicNode> wycheproofEcdsaP521() {
    return wycheproof("ecdsa_secp521r1_sha512_test.json", SignatureAlgorithm.ECDSA_SHA512);
  }

  private static Stream<DynamicNode> wycheproof(String file, SignatureAlgorithm alg) {
    KeyFamily family = alg.keyFamily();
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "verify",
            Wycheproof.tests(
                file,
                v ->
                    Signatures.verify(
                        alg,
                        PublicKeys.parse(family, v.groupHex("publicKeyDer")),
                        v.hex("msg"),
                        v.hex("sig")))),
        DynamicContainer.dynamicContainer(
            "verifyDigest",
            Wycheproof.tests(
                file,
                v ->
                    Signatures.verifyDigest(
                        alg,
                        PublicKeys.parse(family, v.groupHex("publicKeyDer")),
                        digest(alg, v.hex("msg")),
                        v.hex("sig")))));
  }

  // ---- sign / signDigest / verify / verifyDigest agree, for every algorithm and key ----

  static List<Arguments> algorithmsAndKeys() {
    List<Arguments> out = new ArrayList<>();
    for (SignatureAlgorithm alg : SignatureAlgorithm.values()) {
      if (alg.keyFamily() == KeyFamily.RSA) {
        out.add(Arguments.of(alg, "RSA-2048"));
      } else {
        for (String curve : new String[] {"secp256r1", "secp384r1", "secp521r1"}) {
          out.add(Arguments.of(alg, curve));
        }
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("algorithmsAndKeys")
  void messageAndDigestFormsAreInterchangeable(SignatureAlgorithm alg, String keyName)
      throws Exception {
    KeyPair pair = keys.get(keyName);
    byte[] digest = digest(alg, MESSAGE);

    byte[] fromMessage = Signatures.sign(alg, pair.getPrivate(), MESSAGE);
    byte[] fromDigest = Signatures.signDigest(alg, pair.getPrivate(), digest);

    for (byte[] signature : List.of(fromMessage, fromDigest)) {
      assertThat(Signatures.verify(alg, pair.getPublic(), MESSAGE, signature)).isTrue();
      assertThat(Signatures.verifyDigest(alg, pair.getPublic(), digest, signature)).isTrue();
      byte[] otherMessage = "another message".getBytes(StandardCharsets.UTF_8);
      assertThat(Signatures.verify(alg, pair.getPublic(), otherMessage, signature)).isFalse();
      assertThat(
              Signatures.verifyDigest(alg, pair.getPublic(), digest(alg, otherMessage), signature))
          .isFalse();
    }
    if (alg.name().startsWith("RSA_PKCS1")) {
      // Deterministic: both paths must produce the very same bytes.
      assertThat(fromDigest).isEqualTo(fromMessage);
    }
    if (alg.keyFamily() == KeyFamily.EC) {
      assertThat(fromMessage[0]).as("DER SEQUENCE").isEqualTo((byte) 0x30);
      assertThat(fromDigest[0]).as("DER SEQUENCE").isEqualTo((byte) 0x30);
    }
  }

  @ParameterizedTest(name = "{0} with {1}")
  @MethodSource("algorithmsAndKeys")
  void rejectsModifiedAndMalformedSignatures(SignatureAlgorithm alg, String keyName) {
    KeyPair pair = keys.get(keyName);
    PublicKey pub = pair.getPublic();
    byte[] digest = digest(alg, MESSAGE);
    byte[] signature = Signatures.sign(alg, pair.getPrivate(), MESSAGE);
    List<byte[]> bad = new ArrayList<>();
    bad.add(new byte[0]);
    bad.add(new byte[] {0x30});
    bad.add(new byte[] {0x30, 0x00});
    bad.add(Arrays.copyOf(signature, signature.length - 1));
    bad.add(Arrays.copyOf(signature, signature.length + 1));
    byte[] ones = new byte[signature.length];
    Arrays.fill(ones, (byte) 0xff);
    bad.add(ones);
    bad.add(new byte[signature.length]);
    for (int i = 0; i < signature.length; i += Math.max(1, signature.length / 16)) {
      byte[] flipped = signature.clone();
      flipped[i] ^= 0x10;
      bad.add(flipped);
    }
    for (byte[] signatureUnderTest : bad) {
      assertThat(Signatures.verify(alg, pub, MESSAGE, signatureUnderTest)).isFalse();
      assertThat(Signatures.verifyDigest(alg, pub, digest, signatureUnderTest)).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"RSA_PSS_SHA256", "RSA_PSS_SHA384", "RSA_PSS_SHA512"})
  void pssUsesSaltAsLongAsTheHash(SignatureAlgorithm alg) throws Exception {
    KeyPair pair = keys.get("RSA-2048");
    for (byte[] signature :
        List.of(
            Signatures.sign(alg, pair.getPrivate(), MESSAGE),
            Signatures.signDigest(alg, pair.getPrivate(), digest(alg, MESSAGE)))) {
      assertThat(jdkPssVerify(alg, pair.getPublic(), signature, alg.digestLength())).isTrue();
      assertThat(jdkPssVerify(alg, pair.getPublic(), signature, 20)).isFalse();
    }
  }

  private static boolean jdkPssVerify(
      SignatureAlgorithm alg, PublicKey key, byte[] signature, int saltLength) throws Exception {
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    String hash = alg.digestName();
    verifier.setParameter(
        new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), saltLength, 1));
    verifier.initVerify(key);
    verifier.update(MESSAGE);
    return verifier.verify(signature);
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void rejectsWrongDigestLength(SignatureAlgorithm alg) {
    KeyPair pair = keys.get(alg.keyFamily() == KeyFamily.RSA ? "RSA-2048" : "secp521r1");
    for (int length : new int[] {0, 20, 31, 33, 48 + 1, 65}) {
      byte[] digest = new byte[length];
      assertThatThrownBy(() -> Signatures.signDigest(alg, pair.getPrivate(), digest))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> Signatures.verifyDigest(alg, pair.getPublic(), digest, new byte[8]))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void rejectsKeysOfTheOtherFamily(SignatureAlgorithm alg) {
    KeyPair wrong = keys.get(alg.keyFamily() == KeyFamily.RSA ? "secp256r1" : "RSA-2048");
    byte[] digest = new byte[alg.digestLength()];
    assertThatThrownBy(() -> Signatures.sign(alg, wrong.getPrivate(), MESSAGE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signatures.signDigest(alg, wrong.getPrivate(), digest))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signatures.verify(alg, wrong.getPublic(), MESSAGE, new byte[64]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Signatures.verifyDigest(alg, wrong.getPublic(), digest, new byte[64]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void describesAlgorithms() {
    assertThat(SignatureAlgorithm.RSA_PSS_SHA384.digestName()).isEqualTo("SHA-384");
    assertThat(SignatureAlgorithm.ECDSA_SHA512.digestLength()).isEqualTo(64);
    assertThat(SignatureAlgorithm.RSA_PKCS1_SHA256.digestLength()).isEqualTo(32);
    assertThat(SignatureAlgorithm.ECDSA_SHA256.keyFamily()).isEqualTo(KeyFamily.EC);
    assertThat(SignatureAlgorithm.RSA_PSS_SHA512.keyFamily()).isEqualTo(KeyFamily.RSA);
    assertThat(SignatureAlgorithm.parse("rsa_pss_sha256"))
        .contains(SignatureAlgorithm.RSA_PSS_SHA256);
    assertThat(SignatureAlgorithm.parse("ECDSA_SHA384")).contains(SignatureAlgorithm.ECDSA_SHA384);
    assertThat(SignatureAlgorithm.parse("ECDSA-SHA384")).isEmpty();
    assertThat(SignatureAlgorithm.parse(" ECDSA_SHA384")).isEmpty();
    assertThat(SignatureAlgorithm.parse("")).isEmpty();
    assertThat(SignatureAlgorithm.parse(null)).isEmpty();
  }

  private static byte[] digest(SignatureAlgorithm alg, byte[] message) {
    try {
      return MessageDigest.getInstance(alg.digestName()).digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
