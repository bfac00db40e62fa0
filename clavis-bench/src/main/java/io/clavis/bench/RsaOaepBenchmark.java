package io.clavis.bench;

import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.RsaOaep;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * RSA-2048 OAEP (SHA-256, MGF1-SHA-256) decryption of a 32-byte data key: Clavis's primitive
 * (OpenSSL where the build and runtime allow it, see ADR 14) against the JDK's raw {@code Cipher}.
 */
@State(Scope.Thread)
public class RsaOaepBenchmark extends HotPathBenchmark {
  private static final OAEPParameterSpec SHA256 =
      new OAEPParameterSpec(
          "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  private KeyPair rsa;
  private Cipher jdk;
  private byte[] ciphertext;

  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    rsa = generator.generateKeyPair();
    ciphertext = RsaOaep.encrypt(rsa.getPublic(), new byte[32], null);
    jdk = Cipher.getInstance("RSA/ECB/OAEPPadding");
  }

  @Benchmark
  public byte[] jdkRawDecrypt() throws Exception {
    jdk.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), SHA256);
    return jdk.doFinal(ciphertext);
  }

  @Benchmark
  public byte[] clavisDecrypt() throws DecryptionFailedException {
    return RsaOaep.decrypt(rsa.getPrivate(), ciphertext, null);
  }
}
