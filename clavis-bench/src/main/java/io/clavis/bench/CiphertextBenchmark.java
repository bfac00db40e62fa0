package io.clavis.bench;

import io.clavis.core.ciphertext.CiphertextFormat;
import io.clavis.core.ciphertext.EnvelopeCipher;
import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.SecretBytes;
import java.util.Base64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The REST encrypt and decrypt paths without HTTP: the Clavis envelope (header, AES-256-GCM with a
 * fresh nonce) and the base64 the JSON carries, against the bare JDK cipher underneath.
 */
@State(Scope.Thread)
public class CiphertextBenchmark extends HotPathBenchmark {
  @Param({"1024"})
  int size;

  private AesGcm aead;
  private CiphertextFormat.Header header;
  private byte[] plaintext;
  private byte[] ciphertext;
  private String ciphertextBase64;

  @Setup
  public void setUp() {
    aead = new AesGcm(SecretBytes.random(32));
    header = new CiphertextFormat.Header(CiphertextFormat.SCHEME_AES_GCM, "key_bench0123456789", 1);
    plaintext = new byte[size];
    ciphertext = EnvelopeCipher.encryptAesGcm(header, aead, plaintext, null);
    ciphertextBase64 = Base64.getEncoder().encodeToString(ciphertext);
  }

  @Benchmark
  public byte[] rawAesGcmEncrypt() {
    return aead.encrypt(plaintext, null);
  }

  @Benchmark
  public byte[] envelopeEncrypt() {
    return EnvelopeCipher.encryptAesGcm(header, aead, plaintext, null);
  }

  @Benchmark
  public String envelopeEncryptAndBase64() {
    return Base64.getEncoder()
        .encodeToString(EnvelopeCipher.encryptAesGcm(header, aead, plaintext, null));
  }

  @Benchmark
  public byte[] envelopeDecryptFromBase64() throws Exception {
    byte[] ct = Base64.getDecoder().decode(ciphertextBase64);
    return EnvelopeCipher.decryptAesGcm(ct, CiphertextFormat.parse(ct), aead, null);
  }

  @Benchmark
  public CiphertextFormat.Parsed parseHeader() throws Exception {
    return CiphertextFormat.parse(ciphertext);
  }
}
