package io.clavis.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPrivateKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing and RSA-OAEP decryption through OpenSSL: ECDSA signatures verify with the JDK's own
 * verifier on every curve and hash, RSA PKCS#1 v1.5 signatures are byte for byte the JDK's and
 * RSA-PSS ones verify with the JDK's PSS, OAEP decrypts what the JDK encrypts and fails uniformly
 * on everything else, keys it cannot take go to the JDK, and its key cache never keeps a key alive.
 */
class NativePrivateKeysTest {
  private static final byte[] MESSAGE = "the message".getBytes(StandardCharsets.UTF_8);

  private static boolean opensslExpected() {
    return Runtime.version().feature() >= 22
        && !"off".equals(System.getProperty(NativePrivateKeys.PROPERTY))
        && Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64")
            .anyMatch(dir -> Files.exists(Path.of(dir, "libcrypto.so.3")));
  }

  @Test
  void openSslWorksWhereJava22AndLibcrypto3AreThere() {
    if (opensslExpected()) {
      assertThat(NativePrivateKeys.OPERATIONS).isNotNull();
      assertThat(NativePrivateKeys.description()).startsWith("OpenSSL 3.");
    } else {
      assertThat(NativePrivateKeys.OPERATIONS).isNull();
      assertThat(NativePrivateKeys.description()).startsWith("the JDK (");
    }
  }

  /** Every pair of one of {@code firsts} and one of {@code seconds}. */
  private static Stream<Arguments> pairs(List<?> firsts, List<?> seconds) {
    return firsts.stream().flatMap(f -> seconds.stream().map(s -> Arguments.of(f, s)));
  }

  static Stream<Arguments> curvesAndHashes() {
    return pairs(
        List.of("secp256r1", "secp384r1", "secp521r1"),
        List.of(
            SignatureAlgorithm.ECDSA_SHA256,
            SignatureAlgorithm.ECDSA_SHA384,
            SignatureAlgorithm.ECDSA_SHA512));
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
    assertThat(NativePrivateKeys.signing()).as("OpenSSL made them").isEqualTo(opensslExpected());
  }

  static Stream<Arguments> rsaSizesAndHashes() {
    return pairs(List.of(2048, 3072), List.of("SHA256", "SHA384", "SHA512"));
  }

  /** PKCS#1 v1.5 is deterministic: the very bytes the JDK makes. PSS is checked by the JDK. */
  @ParameterizedTest(name = "RSA-{0} with {1}")
  @MethodSource("rsaSizesAndHashes")
  void rsaSignaturesAreTheJdksOwn(int bits, String hash) throws Exception {
    KeyPair pair = rsaKeyPair(bits);
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
    assertThat(NativePrivateKeys.signing()).as("OpenSSL made them").isEqualTo(opensslExpected());
  }

  static Stream<Arguments> rsaSizesAndLabels() {
    return pairs(List.of(2048, 3072, 4096), List.of("", "a label"));
  }

  /** The JDK encrypts with SHA-256 and MGF1-SHA-256, as Clavis's RSA-OAEP prescribes. */
  @ParameterizedTest(name = "RSA-{0}, label \"{1}\"")
  @MethodSource("rsaSizesAndLabels")
  void oaepDecryptsWhatTheJdkEncrypts(int bits, String labelText) throws Exception {
    KeyPair pair = rsaKeyPair(bits);
    byte[] label = labelText.getBytes(StandardCharsets.UTF_8);
    byte[] first = jdkOaepEncrypt(pair.getPublic(), MESSAGE, label);
    assertThat(RsaOaep.decrypt(pair.getPrivate(), first, label)).isEqualTo(MESSAGE);
    assertThat(openSslHolds(pair.getPrivate()))
        .as("RsaOaep went to OpenSSL")
        .isEqualTo(opensslExpected());
    int max = RsaOaep.maxPlaintextLength(bits);
    for (byte[] plaintext : List.of(new byte[0], MESSAGE, filled(max))) {
      byte[] ciphertext = jdkOaepEncrypt(pair.getPublic(), plaintext, label);
      decryptsTo(pair.getPrivate(), ciphertext, label, plaintext);
    }
  }

  /** RsaOaep and, where it is there, OpenSSL directly both decrypt {@code ciphertext} to this. */
  private static void decryptsTo(PrivateKey key, byte[] ciphertext, byte[] label, byte[] expected)
      throws Exception {
    assertThat(RsaOaep.decrypt(key, ciphertext, label)).isEqualTo(expected);
    if (NativePrivateKeys.OPERATIONS != null) {
      assertThat(NativePrivateKeys.OPERATIONS.decryptOaep(key, ciphertext, label))
          .isEqualTo(expected);
    }
  }

  /**
   * Every ciphertext that does not decrypt fails the same way, and none of them counts as OpenSSL
   * failing (which would hand later work to the JDK).
   */
  @Test
  void oaepFailuresAreAllTheSame() throws Exception {
    KeyPair pair = rsaKeyPair(2048);
    byte[] label = "label".getBytes(StandardCharsets.UTF_8);
    byte[] good = jdkOaepEncrypt(pair.getPublic(), MESSAGE, label);
    byte[] flipped = good.clone();
    flipped[flipped.length - 1] ^= 1;
    byte[] sha1Mgf = jdkOaepEncrypt(pair.getPublic(), MESSAGE, label, MGF1ParameterSpec.SHA1);
    List<byte[]> bad =
        List.of(
            flipped,
            Arrays.copyOf(good, good.length - 1),
            Arrays.copyOf(good, good.length + 1),
            new byte[0],
            new byte[good.length],
            filled(good.length),
            new byte[2048],
            sha1Mgf,
            jdkOaepEncrypt(rsaKeyPair(2048).getPublic(), MESSAGE, label));
    for (byte[] ciphertext : bad) {
      assertThatThrownBy(() -> RsaOaep.decrypt(pair.getPrivate(), ciphertext, label))
          .isInstanceOf(DecryptionFailedException.class)
          .hasMessage("decryption failed");
      if (NativePrivateKeys.OPERATIONS != null) {
        assertThatThrownBy(
                () ->
                    NativePrivateKeys.OPERATIONS.decryptOaep(pair.getPrivate(), ciphertext, label))
            .isInstanceOf(DecryptionFailedException.class);
      }
    }
    assertThatThrownBy(() -> RsaOaep.decrypt(pair.getPrivate(), good, "other".getBytes()))
        .isInstanceOf(DecryptionFailedException.class);
    assertThatThrownBy(() -> RsaOaep.decrypt(pair.getPrivate(), good, null))
        .isInstanceOf(DecryptionFailedException.class);
    assertThat(RsaOaep.decrypt(pair.getPrivate(), good, label)).isEqualTo(MESSAGE);
    if (NativePrivateKeys.OPERATIONS != null) {
      assertThat(NativePrivateKeys.OPERATIONS.decryptionFailed()).isFalse();
    }
  }

  /**
   * About one ciphertext in 256 starts with a zero byte; without it, it is one byte short of the
   * modulus, and the JDK still decrypts it. OpenSSL must answer the same, so that nodes agree.
   */
  @Test
  void aCiphertextWithoutItsLeadingZeroDecryptsAsWithTheJdk() throws Exception {
    KeyPair pair = rsaKeyPair(2048);
    byte[] ciphertext;
    do {
      ciphertext = jdkOaepEncrypt(pair.getPublic(), MESSAGE, new byte[0]);
    } while (ciphertext[0] != 0);
    byte[] shortened = Arrays.copyOfRange(ciphertext, 1, ciphertext.length);
    Cipher jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");
    jdk.init(Cipher.DECRYPT_MODE, pair.getPrivate(), oaep(MGF1ParameterSpec.SHA256, new byte[0]));
    assertThat(jdk.doFinal(shortened)).isEqualTo(MESSAGE);
    decryptsTo(pair.getPrivate(), shortened, null, MESSAGE);
  }

  /**
   * A key of modulus and private exponent alone encodes with zeros for its CRT parts, which OpenSSL
   * parses but cannot use: the JDK must decrypt with it, not OpenSSL fail every ciphertext.
   */
  @Test
  void anRsaKeyWithoutCrtPartsIsLeftToTheJdk() throws Exception {
    KeyPair pair = rsaKeyPair(2048);
    RSAPrivateKey full = (RSAPrivateKey) pair.getPrivate();
    PrivateKey bare =
        KeyFactory.getInstance("RSA")
            .generatePrivate(new RSAPrivateKeySpec(full.getModulus(), full.getPrivateExponent()));
    byte[] ciphertext = jdkOaepEncrypt(pair.getPublic(), MESSAGE, new byte[0]);
    if (NativePrivateKeys.OPERATIONS != null) {
      assertThat(NativePrivateKeys.OPERATIONS.decryptOaep(bare, ciphertext, null)).isNull();
      assertThat(NativePrivateKeys.OPERATIONS.holds(bare)).isFalse();
    }
    assertThat(RsaOaep.decrypt(bare, ciphertext, null)).isEqualTo(MESSAGE);
  }

  @Test
  void threadsShareRsaKeysSafely() throws Exception {
    List<KeyPair> pairs = List.of(rsaKeyPair(2048), rsaKeyPair(2048));
    onThreadsAtOnce(
        4,
        thread -> {
          for (int i = 0; i < 50; i++) {
            KeyPair pair = pairs.get((thread + i) % pairs.size());
            byte[] message = ("message " + thread + " " + i).getBytes(StandardCharsets.UTF_8);
            byte[] ciphertext = RsaOaep.encrypt(pair.getPublic(), message, null);
            if (!Arrays.equals(RsaOaep.decrypt(pair.getPrivate(), ciphertext, null), message)) {
              return false;
            }
          }
          return true;
        });
  }

  /** A piece of work one thread does; true when all went right. */
  private interface ThreadWork {
    boolean run(int thread) throws Exception;
  }

  /** Runs {@code work} on {@code threads} threads at once; every one must succeed. */
  private static void onThreadsAtOnce(int threads, ThreadWork work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> work.run(thread)));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(120, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static boolean openSslHolds(PrivateKey key) {
    return NativePrivateKeys.OPERATIONS != null && NativePrivateKeys.OPERATIONS.holds(key);
  }

  @Test
  void anRsaKeyOpenSslCannotTakeIsDecryptedByTheJdk() throws Exception {
    KeyPair pair = rsaKeyPair(2048);
    RSAPrivateKey opaque = new RsaWithoutEncoding((RSAPrivateKey) pair.getPrivate());
    byte[] ciphertext = jdkOaepEncrypt(pair.getPublic(), MESSAGE, new byte[0]);
    if (NativePrivateKeys.OPERATIONS != null) {
      assertThat(NativePrivateKeys.OPERATIONS.decryptOaep(opaque, ciphertext, null)).isNull();
    }
    assertThat(RsaOaep.decrypt(opaque, ciphertext, null)).isEqualTo(MESSAGE);
  }

  private static byte[] jdkOaepEncrypt(PublicKey key, byte[] plaintext, byte[] label)
      throws Exception {
    return jdkOaepEncrypt(key, plaintext, label, MGF1ParameterSpec.SHA256);
  }

  private static byte[] jdkOaepEncrypt(
      PublicKey key, byte[] plaintext, byte[] label, MGF1ParameterSpec mgf) throws Exception {
    Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
    cipher.init(Cipher.ENCRYPT_MODE, key, oaep(mgf, label));
    return cipher.doFinal(plaintext);
  }

  private static OAEPParameterSpec oaep(MGF1ParameterSpec mgf, byte[] label) {
    return new OAEPParameterSpec("SHA-256", "MGF1", mgf, new PSource.PSpecified(label));
  }

  private static byte[] filled(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 0x5a);
    return bytes;
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
    ECPrivateKey opaque = new EcWithoutEncoding((ECPrivateKey) pair.getPrivate());
    if (NativePrivateKeys.OPERATIONS != null) {
      assertThat(
              NativePrivateKeys.OPERATIONS.signDigest(
                  opaque, SignatureAlgorithm.ECDSA_SHA256, new byte[32]))
          .isNull();
    }
    byte[] signature = Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, opaque, MESSAGE);
    assertThat(jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, pair.getPublic(), MESSAGE, signature))
        .isTrue();
  }

  @Test
  void theKeyCacheDoesNotKeepKeysAlive() throws Exception {
    assumeTrue(NativePrivateKeys.OPERATIONS != null, "signing with the JDK here");
    KeyPair pair = ecKeyPair("secp256r1");
    PublicKey publicKey = pair.getPublic();
    ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
    byte[] signature =
        NativePrivateKeys.OPERATIONS.signDigest(
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
    onThreadsAtOnce(
        8,
        thread -> {
          Set<String> seen = new HashSet<>();
          for (int i = 0; i < 200; i++) {
            KeyPair pair = pairs.get(i % pairs.size());
            byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature =
                Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, pair.getPrivate(), message);
            if (!jdkVerifies(SignatureAlgorithm.ECDSA_SHA256, pair.getPublic(), message, signature)
                || !seen.add(new BigInteger(1, signature).toString(16))) {
              return false;
            }
          }
          return true;
        });
  }

  private static boolean jdkVerifies(
      SignatureAlgorithm alg, PublicKey key, byte[] message, byte[] signature) throws Exception {
    Signature verifier = Signature.getInstance(alg.jcaName());
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static KeyPair rsaKeyPair(int bits) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  private static KeyPair ecKeyPair(String curve) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(curve));
    return generator.generateKeyPair();
  }

  /** A key that will not export its encoding, as a hardware-backed key would not. */
  private interface WithoutEncoding extends PrivateKey {
    /** The real key, whose values it passes on. */
    PrivateKey key();

    @Override
    default String getAlgorithm() {
      return key().getAlgorithm();
    }

    @Override
    default String getFormat() {
      return null;
    }

    @Override
    default byte[] getEncoded() {
      return null;
    }
  }

  private record EcWithoutEncoding(ECPrivateKey key) implements ECPrivateKey, WithoutEncoding {
    @Override
    public BigInteger getS() {
      return key.getS();
    }

    @Override
    public ECParameterSpec getParams() {
      return key.getParams();
    }
  }

  private record RsaWithoutEncoding(RSAPrivateKey key) implements RSAPrivateKey, WithoutEncoding {
    @Override
    public BigInteger getPrivateExponent() {
      return key.getPrivateExponent();
    }

    @Override
    public BigInteger getModulus() {
      return key.getModulus();
    }
  }
}
