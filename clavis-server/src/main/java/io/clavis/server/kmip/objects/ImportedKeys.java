package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.PublicKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.jce.ECNamedCurveTable;

/**
 * The RSA and EC keys clients register: parsed, held to the sizes and curves Clavis keeps (RSA
 * 2048/3072/4096, P-256/384/521), and for a private key its public half derived (RSA from the CRT
 * parameters, EC by multiplying the curve's generator). Every refusal is INVALID_FIELD with a
 * message naming the problem, never the bytes.
 */
public final class ImportedKeys {
  private static final List<KeyAlgorithm> EC_CURVES =
      List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P384, KeyAlgorithm.EC_P521);
  private static final byte[] PROBE = "clavis key import check".getBytes(StandardCharsets.UTF_8);

  private ImportedKeys() {}

  /**
   * A registered private key: its Clavis algorithm and the public half's SubjectPublicKeyInfo DER.
   */
  public record KeyPairInfo(KeyAlgorithm algorithm, byte[] publicKeyDer) {}

  /**
   * Parses the PKCS#8 DER of a private key and derives its public key. A key whose halves do not
   * belong together (a signature made with it does not verify) is refused.
   */
  public static KeyPairInfo privateKey(SecretBytes pkcs8) {
    byte[] der = pkcs8.toByteArray(SecretAccess.get());
    try {
      PrivateKey key = parsePrivate(der);
      KeyAlgorithm algorithm;
      PublicKey publicKey;
      if (key instanceof RSAPrivateCrtKey rsa) {
        algorithm = rsaAlgorithm(rsa.getModulus());
        publicKey =
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      } else if (key instanceof ECPrivateKey ec) {
        algorithm = curve(ec.getParams());
        publicKey = ecPublicKey(algorithm, ec.getS());
      } else {
        throw KmipObjectException.invalidField(
            "an RSA private key needs its public exponent and CRT parameters");
      }
      checkPair(algorithm, key, publicKey);
      return new KeyPairInfo(algorithm, publicKey.getEncoded());
    } catch (GeneralSecurityException e) {
      // A signature that cannot be made (the JDK checks its CRT result) is a key that does not fit.
      throw KmipObjectException.invalidField(
          "the private key's parameters do not fit together: it cannot sign");
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * Parses a SubjectPublicKeyInfo DER.
   *
   * @return the kind of a public key held alone ({@code PUBLIC_RSA_2048}, ...)
   */
  public static KeyAlgorithm publicKey(byte[] spki) {
    PublicKey key = null;
    for (KeyFamily family : List.of(KeyFamily.RSA, KeyFamily.EC)) {
      try {
        key = PublicKeys.parse(family, spki);
        break;
      } catch (IllegalArgumentException e) {
        // Not this family: try the next one.
      }
    }
    if (key == null) {
      throw KmipObjectException.invalidField(
          "the public key is not an RSA or EC SubjectPublicKeyInfo");
    }
    KeyAlgorithm pair =
        key instanceof RSAPublicKey rsa
            ? rsaAlgorithm(rsa.getModulus())
            : curve(((ECPublicKey) key).getParams());
    return pair.publicKeyAlone();
  }

  /** The EC key of a curve Clavis keeps, or INVALID_FIELD. */
  public static KeyAlgorithm ecAlgorithm(int curveBits) {
    return EC_CURVES.stream()
        .filter(a -> a.bits() == curveBits)
        .findFirst()
        .orElseThrow(
            () ->
                KmipObjectException.invalidField(
                    "Clavis keeps EC keys on P-256, P-384 and P-521 only"));
  }

  /** The JCA parameters of one of the curves Clavis keeps. */
  public static ECParameterSpec curveParameters(KeyAlgorithm algorithm) {
    try {
      AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
      parameters.init(new ECGenParameterSpec(algorithm.curveName()));
      return parameters.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("curve " + algorithm.curveName() + " is unavailable", e);
    }
  }

  /** The public key of an EC private scalar on a curve Clavis keeps: the generator times d. */
  public static ECPublicKey ecPublicKey(KeyAlgorithm algorithm, BigInteger d)
      throws GeneralSecurityException {
    ECParameterSpec params = curveParameters(algorithm);
    if (d.signum() <= 0 || d.compareTo(params.getOrder()) >= 0) {
      throw KmipObjectException.invalidField("the EC private key is out of range for its curve");
    }
    var q =
        ECNamedCurveTable.getParameterSpec(algorithm.curveName()).getG().multiply(d).normalize();
    ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
    return (ECPublicKey)
        KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, params));
  }

  private static PrivateKey parsePrivate(byte[] der) {
    for (String jca : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this family: try the next one.
      }
    }
    throw KmipObjectException.invalidField("the private key is not an RSA or EC PKCS#8 key");
  }

  private static KeyAlgorithm rsaAlgorithm(BigInteger modulus) {
    return switch (modulus.bitLength()) {
      case 2048 -> KeyAlgorithm.RSA_2048;
      case 3072 -> KeyAlgorithm.RSA_3072;
      case 4096 -> KeyAlgorithm.RSA_4096;
      default ->
          throw KmipObjectException.invalidField(
              "Clavis keeps RSA keys of 2048, 3072 or 4096 bits, not " + modulus.bitLength());
    };
  }

  private static KeyAlgorithm curve(ECParameterSpec actual) {
    for (KeyAlgorithm a : EC_CURVES) {
      ECParameterSpec expected = curveParameters(a);
      if (actual.getCurve().equals(expected.getCurve())
          && actual.getGenerator().equals(expected.getGenerator())
          && actual.getOrder().equals(expected.getOrder())) {
        return a;
      }
    }
    throw KmipObjectException.invalidField("Clavis keeps EC keys on P-256, P-384 and P-521 only");
  }

  /** Signs and verifies once: a private key whose parameters disagree is caught here. */
  private static void checkPair(KeyAlgorithm algorithm, PrivateKey key, PublicKey publicKey)
      throws GeneralSecurityException {
    String scheme = algorithm.family() == KeyFamily.RSA ? "SHA256withRSA" : "SHA256withECDSA";
    Signature signer = Signature.getInstance(scheme);
    signer.initSign(key);
    signer.update(PROBE);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(scheme);
    verifier.initVerify(publicKey);
    verifier.update(PROBE);
    if (!verifier.verify(signature)) {
      throw KmipObjectException.invalidField("the private key's parameters do not fit together");
    }
  }
}
