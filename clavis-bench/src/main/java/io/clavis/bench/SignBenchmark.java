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
 * ECDSA P-256 signing: Clavis's signing primitive (OpenSSL where the build and runtime allow it,
 * see ADR 14) against the JDK's raw {@code Signature}, the reference the REST sign target is
 * measured against.
 */
@State(Scope.Thread)
public class SignBenchmark extends HotPathBenchmark {
  private KeyPair pair;
  private Signature jdk;
  private final byte[] message = new byte[256];

  @Setup
  public void setUp() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    pair = g.generateKeyPair();
    jdk = Signature.getInstance("SHA256withECDSA");
  }

  @Benchmark
  public byte[] jdkRawSign() throws Exception {
    jdk.initSign(pair.getPrivate());
    jdk.update(message);
    return jdk.sign();
  }

  @Benchmark
  public byte[] clavisSign() {
    return Signatures.sign(SignatureAlgorithm.ECDSA_SHA256, pair.getPrivate(), message);
  }
}
