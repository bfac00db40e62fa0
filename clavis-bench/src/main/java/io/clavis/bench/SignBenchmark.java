package io.clavis.bench;

import io.clavis.core.crypto.SignatureAlgorithm;
import io.clavis.core.crypto.Signatures;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Signing: Clavis's signing primitive (OpenSSL where the build and runtime allow it, see ADR 14)
 * against the JDK's raw {@code Signature}, the reference the REST sign target is measured against;
 * ECDSA P-256 and RSA-2048 PKCS#1 v1.5, both with SHA-256.
 */
@State(Scope.Thread)
public class SignBenchmark extends HotPathBenchmark {
  private KeyPair ec;
  private KeyPair rsa;
  private Signature jdkEcdsa;
  private Signature jdkRsa;
  private final byte[] message = new byte[256];

  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    ec = g.generateKeyPair();
    KeyPairGenerator r = KeyPairGenerator.getInstance("RSA");
    r.initialize(2048);
    rsa = r.generateKeyPair();
    jdkEcdsa = Signature.getInstance("SHA256withECDSA");
    jdkRsa = Signature.getInstance("SHA256withRSA");
  }

  @Benchmark
  public byte[] jdkRawSign() throws Exception {
    jdkEcdsa.initSign(ec.getPrivate());
    jdkEcdsa.update(message);
    return jdkEcdsa.sign();
  }

  @Benchmark
  public byte[] clavisSign() {
    return Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, ec.getPrivate(), message);
  }

  @Benchmark
  public byte[] jdkRawSignRsa2048() throws Exception {
    jdkRsa.initSign(rsa.getPrivate());
    jdkRsa.update(message);
    return jdkRsa.sign();
  }

  @Benchmark
  public byte[] clavisSignRsa2048() {
    return Signatures.sign(SignatureAlgorithm.RSA_PKCS1_SHA256, rsa.getPrivate(), message);
  }
}
