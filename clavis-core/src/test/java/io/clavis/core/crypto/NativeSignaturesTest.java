package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing through OpenSSL: ECDSA signatures verify with the JDK's own verifier on every curve and
 * hash, RSA PKCS#1 v1.5 signatures are byte for byte the JDK's and RSA-PSS ones verify with the
 * JDK's PSS, keys it cannot take are signed by the JDK, and its key cache never keeps a key alive.
 */
class NativeSignaturesTest {
  private static final byte[] MESSAGE = "the message".getBytes(StandardCharsets.UTF_8);

  private static boolean opensslExpected() {
    return Runtime.version().feature() >= 22
        && !"off".equals(System.getProperty(NativeSignatures.PROPERTY))
        && Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64")
            .anyMatch(dir -> Files.exists(Path.of(dir, "libcrypto.so.3")));
  }

  @Test
  void openSslSignsWhereJava22AndLibcrypto3AreThere() {
    if (opensslExpected()) {
      assertThat(NativeSignatures.SIGNER).isNotNull();
      assertThat(Signatures.implementation()).startsWith("OpenSSL 3.");
    } else {
      assertThat(NativeSignatures.SIGNER).isNull();
      assertThat(Signatures.implementation()).startsWith("the JDK (");
    }
  }

  static Stream<Arguments> curvesAndHashes() {
    List<Arguments> out = new ArrayList<>();
    for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
      for (SignatureAlgorithm alg :
          List.of(
              SignatureAlgorithm.ECDSA_SHA256,
              SignatureAlgorithm.ECDSA_SHA384,
              SignatureAlgorithm.ECDSA_SHA512)) {
        out.add(Arguments.of(curve, alg));
      }
    }
    return out.stream();
  }

  /**
   * Checked with the JDK's verifier, not ours; a hash longer than the curve order (SHA-512 on
   * P-256) must be truncated the same way on both sides.
   */
  @ParameterizedTest(name = "{1} on {0}")
  @MethodSource("curvesAndHashes")
  void signaturesVerifyWithTheJdkAndUseFreshNonces(String curve, SignatureAlgorithm alg)
      throws Exception {
    KeyPair pair = ecKeyPair(curve);
    byte[] first = Signatures.sign(alg, pair.getPrivate(), MESSAGE);
    byte[] second = Signatures.sign(alg, pair.getPrivate(), MESSAGE);
    byte[] ofDigest =
        Signatures.signDigest(
            alg, pair.getPrivate(), MessageDigest.getInstance(alg.digestName()).digest(MESSAGE));
    for (byte[] signature : List.of(first, second, ofDigest)) {
      assertThat(EcdsaDer.isStrictDer(signature)).isTrue();
      assertThat(jdkVerifies(alg, pair.getPublic(), MESSAGE, signature)).isTrue();
      assertThat(jdkVerifies(alg, pair.getPublic(), "other".getBytes(), signature)).isFalse();
    }
    assertThat(first).isNotEqualTo(second);
    assertThat(Signatures.signedNatively()).as("OpenSSL made them").isEqualTo(opensslExpected());
  }

  static Stream<Arguments> rsaSizesAndHashes() {
    List<Arguments> out = new ArrayList<>();
    for (int bits : List.of(2048, 3072)) {
      for (String hash : List.of("SHA256", "SHA384", "SHA512")) {
        out.add(Arguments.of(bits, hash));
      }
    }
    return out.stream();
  }

  /** PKCS#1 v1.5 is deterministic: the very bytes the JDK makes. PSS is checked by the JDK. */
  @ParameterizedTest(name = "RSA-{0} with {1}")
  @MethodSource("rsaSizesAndHashes")
  void rsaSignaturesAreTheJdksOwn(int bits, String hash) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    KeyPair pair = generator.generateKeyPair();
    SignatureAlgorithm pkcs1 = SignatureAlgorithm.valueOf("RSA_PKCS1_" + hash);
    SignatureAlgorithm pss = SignatureAlgorithm.valueOf("RSA_PSS_" + hash);

    Signature jdk = Signature.getInstance(hash + "withRSA");
    jdk.initSign(pair.getPrivate());
    jdk.update(MESSAGE);
    assertThat(Signatures.sign(pkcs1, pair.getPrivate(), MESSAGE)).isEqualTo(jdk.sign());

    byte[] first = Signatures.sign(pss, pair.getPrivate(), MESSAGE);
    byte[] second = Signatures.sign(pss, pair.getPrivate(), MESSAGE);
    byte[] ofDigest =
        Signatures.signDigest(
            pss, pair.getPrivate(), MessageDigest.getInstance(pss.digestName()).digest(MESSAGE));
    for (byte[] signature : List.of(first, second, ofDigest)) {
      assertThat(jdkVerifiesPss(pss, pair.getPublic(), MESSAGE, signature)).isTrue();
      assertThat(jdkVerifiesPss(pss, pair.getPublic(), "other".getBytes(), signature)).isFalse();
    }
    assertThat(first).as("a fresh salt each time").isNotEqualTo(second);
    assertThat(Signatures.signedNatively()).as("OpenSSL made them").isEqualTo(opensslExpected());
  }

  private static boolean jdkVerifiesPss(
      SignatureAlgorithm alg, PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance("RSASSA-PSS");
    verifier.setParameter(
        new PSSParameterSpec(
            alg.digestName(),
            "MGF1",
            new MGF1ParameterSpec(alg.digestName()),
            alg.digestLength(),
            PSSParameterSpec.TRAILER_FIELD_BC));
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  @Test
  void aKeyOpenSslCannotTakeIsSignedByTheJdk() throws Exception {
    KeyPair pair = ecKeyPair("secp256r1");
    ECPrivateKey opaque = new WithoutEncoding((ECPrivateKey) pair.getPrivate());
    if (NativeSignatures.SIGNER != null) {
      assertThat(
              NativeSignatures.SIGNER.signDigest(
                  opaque, SignatureAlgorithm.ECDSA_SHA256, new byte[32]))
          .isNull();
    }
    byte[] signature = Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, opaque, MESSAGE);
    assertThat(jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, pair.getPublic(), MESSAGE, signature))
        .isTrue();
  }

  @Test
  void theKeyCacheDoesNotKeepKeysAlive() throws Exception {
    assumeTrue(NativeSignatures.SIGNER != null, "signing with the JDK here");
    KeyPair pair = ecKeyPair("secp256r1");
    PublicKey publicKey = pair.getPublic();
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    byte[] signature =
        NativeSignatures.SIGNER.signDigest(
            key,
            SignatureAlgorithm.ECDSA_SHA256,
            MessageDigest.getInstance("SHA-256").digest(MESSAGE));
    WeakReference<ECPrivateKey> weak = new WeakReference<>(key);
    key = null;
    pair = null;
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              System.gc();
              return weak.get() == null;
            });
    assertThat(jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, publicKey, MESSAGE, signature))
        .isTrue();
  }

  @Test
  void threadsShareKeysSafely() throws Exception {
    List<KeyPair> pairs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      pairs.add(ecKeyPair(i % 2 == 0 ? "secp256r1" : "secp384r1"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  Set<String> seen = new HashSet<>();
                  for (int i = 0; i < 200; i++) {
                    KeyPair pair = pairs.get(i % pairs.size());
                    byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                    byte[] signature =
                        Signatures.sign(
                            SignatureAlgorithm.ECDSA_SHA256, pair.getPrivate(), message);
                    if (!jdkVerifies(
                            SignatureAlgorithm.ECDSA_SHA256, pair.getPublic(), message, signature)
                        || !seen.add(new BigInteger(1, signature).toString(16))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static boolean jdkVerifies(
      SignatureAlgorithm alg, PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance(alg.jcaName());
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static KeyPair ecKeyPair(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /** A key that will not export its encoding, as a hardware-backed key would not. */
  private record WithoutEncoding(ECPrivateKey key) implements ECPrivateKey {
    @Override
    public BigInteger getS() {
      return key.getS();
    }

    @Override
    public ECParameterSpec getParams() {
      return key.getParams();
    }

    @Override
    public String getAlgorithm() {
      return "EC";
    }

    @Override
    public String getFormat() {
      return null;
    }

    @Override
    public byte[] getEncoded() {
      return null;
    }
  }
}
