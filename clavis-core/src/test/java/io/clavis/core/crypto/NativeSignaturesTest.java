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
 * ECDSA signing through OpenSSL: its signatures verify with the JDK's own verifier on every curve
 * and hash, keys it cannot take are signed by the JDK, and its key cache never keeps a key alive.
 */
class NativeEcdsaTest {
  private static final byte[] MESSAGE = "the message".getBytes(StandardCharsets.UTF_8);

  private static boolean opensslExpected() {
    return Runtime.version().feature() >= 22
        && !"off".equals(System.getProperty(NativeEcdsa.PROPERTY))
        && Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64")
            .anyMatch(dir -> Files.exists(Path.of(dir, "libcrypto.so.3")));
  }

  @Test
  void openSslSignsWhereJava22AndLibcrypto3AreThere() {
    if (opensslExpected()) {
      assertThat(NativeEcdsa.SIGNER).isNotNull();
      assertThat(Signatures.ecdsaImplementation()).startsWith("OpenSSL 3.");
    } else {
      assertThat(NativeEcdsa.SIGNER).isNull();
      assertThat(Signatures.ecdsaImplementation()).startsWith("the JDK (");
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
  }

  @Test
  void aKeyOpenSslCannotTakeIsSignedByTheJdk() throws Exception {
    KeyPair pair = ecKeyPair("secp256r1");
    ECPrivateKey opaque = new WithoutEncoding((ECPrivateKey) pair.getPrivate());
    if (NativeEcdsa.SIGNER != null) {
      assertThat(NativeEcdsa.SIGNER.signDigest(opaque, new byte[32])).isNull();
    }
    byte[] signature = Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, opaque, MESSAGE);
    assertThat(jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, pair.getPublic(), MESSAGE, signature))
        .isTrue();
  }

  @Test
  void theKeyCacheDoesNotKeepKeysAlive() throws Exception {
    assumeTrue(NativeEcdsa.SIGNER != null, "signing with the JDK here");
    KeyPair pair = ecKeyPair("secp256r1");
    PublicKey publicKey = pair.getPublic();
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    byte[] signature =
        NativeEcdsa.SIGNER.signDigest(key, MessageDigest.getInstance("SHA-256").digest(MESSAGE));
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
