package io.clavis.server.kmip.operations;

import io.clavis.core.key.KeyAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.RecommendedCurve;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.objects.ImportedKeys;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.ECNamedCurveTable;

/**
 * The wire formats of RSA and EC keys, to and from the DER Clavis stores (PKCS#8 for a private key,
 * SubjectPublicKeyInfo for a public one): PKCS#1, SEC1 ECPrivateKey and the Transparent RSA/EC key
 * structures. Whether the key is one Clavis keeps is {@link ImportedKeys}' concern.
 */
final class KeyFormats {
  private static final Map<Integer, KeyAlgorithm> CURVES =
      Map.of(
          RecommendedCurve.P_256.value(), KeyAlgorithm.EC_P256,
          RecommendedCurve.P_384.value(), KeyAlgorithm.EC_P384,
          RecommendedCurve.P_521.value(), KeyAlgorithm.EC_P521);

  /** The transparent EC formats: one structure (Recommended Curve, D or Q String) for each. */
  private static final List<KeyFormatType> EC_PRIVATE =
      List.of(
          KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
          KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY,
          KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY,
          KeyFormatType.TRANSPARENT_ECMQV_PRIVATE_KEY);

  private static final List<KeyFormatType> EC_PUBLIC =
      List.of(
          KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY,
          KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY,
          KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY,
          KeyFormatType.TRANSPARENT_ECMQV_PUBLIC_KEY);

  private KeyFormats() {}

  /** Whether a Key Format Type carries a structure (Transparent ...) rather than bytes. */
  static boolean isTransparent(KeyFormatType format) {
    return format != null && format.kmipName().startsWith("Transparent");
  }

  /** The PKCS#8 DER of a private key given as a Key Value in {@code format}. */
  static byte[] privateKeyDer(KeyFormatType format, TtlvStructure keyValue) throws KmipException {
    try {
      if (format == KeyFormatType.PKCS_8) {
        return keyValue.bytes(Tag.KEY_MATERIAL);
      }
      if (format == KeyFormatType.PKCS_1) {
        return new PrivateKeyInfo(
                rsaAlgorithm(),
                org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(
                    keyValue.bytes(Tag.KEY_MATERIAL)))
            .getEncoded();
      }
      if (format == KeyFormatType.EC_PRIVATE_KEY) {
        var sec1 =
            org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(keyValue.bytes(Tag.KEY_MATERIAL));
        if (!(sec1.getParametersObject() instanceof ASN1ObjectIdentifier curve)) {
          throw KmipException.invalidField("an ECPrivateKey must name its curve");
        }
        return new PrivateKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), sec1)
            .getEncoded();
      }
      if (format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY) {
        return transparentRsaPrivate(keyValue.structure(Tag.KEY_MATERIAL));
      }
      if (EC_PRIVATE.contains(format)) {
        TtlvStructure m = keyValue.structure(Tag.KEY_MATERIAL);
        KeyAlgorithm curve = curve(m);
        ECParameterSpec params = ImportedKeys.curveParameters(curve);
        return KeyFactory.getInstance("EC")
            .generatePrivate(new ECPrivateKeySpec(m.bigInteger(Tag.D), params))
            .getEncoded();
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      // Parser messages may quote the input: none is passed on.
      throw KmipException.invalidField("the Key Material is not a valid " + format.kmipName());
    }
    throw notAccepted(format, "a Private Key");
  }

  /** The SubjectPublicKeyInfo DER of a public key given as a Key Value in {@code format}. */
  static byte[] publicKeyDer(KeyFormatType format, TtlvStructure keyValue) throws KmipException {
    try {
      if (format == KeyFormatType.X_509) {
        return keyValue.bytes(Tag.KEY_MATERIAL);
      }
      if (format == KeyFormatType.PKCS_1) {
        return new SubjectPublicKeyInfo(
                rsaAlgorithm(),
                org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(
                    keyValue.bytes(Tag.KEY_MATERIAL)))
            .getEncoded();
      }
      if (format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY) {
        TtlvStructure m = keyValue.structure(Tag.KEY_MATERIAL);
        return KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(m.bigInteger(Tag.MODULUS), m.bigInteger(Tag.PUBLIC_EXPONENT)))
            .getEncoded();
      }
      if (EC_PUBLIC.contains(format)) {
        TtlvStructure m = keyValue.structure(Tag.KEY_MATERIAL);
        KeyAlgorithm curve = curve(m);
        var q =
            ECNamedCurveTable.getParameterSpec(curve.curveName())
                .getCurve()
                .decodePoint(m.bytes(Tag.Q_STRING))
                .normalize();
        ECPoint w =
            new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return KeyFactory.getInstance("EC")
            .generatePublic(new ECPublicKeySpec(w, ImportedKeys.curveParameters(curve)))
            .getEncoded();
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw KmipException.invalidField("the Key Material is not a valid " + format.kmipName());
    }
    throw notAccepted(format, "a Public Key");
  }

  /** The Key Material structure of a stored private key (PKCS#8) in a transparent format. */
  static TtlvStructure transparentPrivate(KeyFormatType format, byte[] pkcs8) {
    try {
      if (format == KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY) {
        RSAPrivateCrtKey k =
            (RSAPrivateCrtKey)
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return TtlvStructure.of(
            Tag.KEY_MATERIAL,
            big(Tag.MODULUS, k.getModulus()),
            big(Tag.PRIVATE_EXPONENT, k.getPrivateExponent()),
            big(Tag.PUBLIC_EXPONENT, k.getPublicExponent()),
            big(Tag.P, k.getPrimeP()),
            big(Tag.Q, k.getPrimeQ()),
            big(Tag.PRIME_EXPONENT_P, k.getPrimeExponentP()),
            big(Tag.PRIME_EXPONENT_Q, k.getPrimeExponentQ()),
            big(Tag.CRT_COEFFICIENT, k.getCrtCoefficient()));
      }
      ECPrivateKey k =
          (ECPrivateKey)
              KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      return TtlvStructure.of(Tag.KEY_MATERIAL, curveOf(k.getParams()), big(Tag.D, k.getS()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored private key cannot be parsed");
    }
  }

  /**
   * The Key Material structure of a stored public key (SubjectPublicKeyInfo) in a transparent
   * format.
   */
  static TtlvStructure transparentPublic(KeyFormatType format, byte[] spki) {
    try {
      if (format == KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY) {
        RSAPublicKey k =
            (RSAPublicKey)
                KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
        return TtlvStructure.of(
            Tag.KEY_MATERIAL,
            big(Tag.MODULUS, k.getModulus()),
            big(Tag.PUBLIC_EXPONENT, k.getPublicExponent()));
      }
      ECPublicKey k =
          (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      int size = (k.getParams().getCurve().getField().getFieldSize() + 7) / 8;
      byte[] q = new byte[1 + 2 * size];
      q[0] = 0x04;
      fixed(k.getW().getAffineX(), q, 1, size);
      fixed(k.getW().getAffineY(), q, 1 + size, size);
      return TtlvStructure.of(
          Tag.KEY_MATERIAL, curveOf(k.getParams()), new TtlvByteString(Tag.Q_STRING, q));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a stored public key cannot be parsed");
    }
  }

  private static byte[] transparentRsaPrivate(TtlvStructure m) throws GeneralSecurityException {
    BigInteger n = m.bigInteger(Tag.MODULUS);
    BigInteger d = m.bigInteger(Tag.PRIVATE_EXPONENT);
    BigInteger p = optionalBig(m, Tag.P);
    BigInteger q = optionalBig(m, Tag.Q);
    if (p == null || q == null || !p.multiply(q).equals(n)) {
      // Without the primes there is no CRT form, which Clavis keeps for every RSA key.
      throw new IllegalArgumentException("P and Q are needed");
    }
    BigInteger one = BigInteger.ONE;
    BigInteger e = optionalBig(m, Tag.PUBLIC_EXPONENT);
    if (e == null) {
      BigInteger pm1 = p.subtract(one);
      BigInteger qm1 = q.subtract(one);
      e = d.modInverse(pm1.multiply(qm1).divide(pm1.gcd(qm1)));
    }
    BigInteger dp = optionalBig(m, Tag.PRIME_EXPONENT_P);
    BigInteger dq = optionalBig(m, Tag.PRIME_EXPONENT_Q);
    BigInteger qInv = optionalBig(m, Tag.CRT_COEFFICIENT);
    return KeyFactory.getInstance("RSA")
        .generatePrivate(
            new RSAPrivateCrtKeySpec(
                n,
                e,
                d,
                p,
                q,
                dp != null ? dp : d.mod(p.subtract(one)),
                dq != null ? dq : d.mod(q.subtract(one)),
                qInv != null ? qInv : q.modInverse(p)))
        .getEncoded();
  }

  private static BigInteger optionalBig(TtlvStructure m, int tag) {
    return m.optional(tag, TtlvBigInteger.class).map(TtlvBigInteger::value).orElse(null);
  }

  private static KeyAlgorithm curve(TtlvStructure m) throws KmipException {
    int v = m.enumeration(Tag.RECOMMENDED_CURVE);
    KeyAlgorithm curve = CURVES.get(v);
    if (curve == null) {
      throw KmipException.invalidField(
          "Clavis keeps EC keys on P-256, P-384 and P-521, not "
              + RecommendedCurve.fromValue(v)
                  .map(RecommendedCurve::kmipName)
                  .orElse(String.format("0x%08X", v)));
    }
    return curve;
  }

  private static Ttlv curveOf(ECParameterSpec params) {
    int bits = params.getOrder().bitLength();
    int value =
        CURVES.entrySet().stream()
            .filter(e -> e.getValue().bits() == bits)
            .findFirst()
            .orElseThrow()
            .getKey();
    return new TtlvEnumeration(Tag.RECOMMENDED_CURVE, value);
  }

  private static Ttlv big(int tag, BigInteger value) {
    return new TtlvBigInteger(tag, value);
  }

  private static void fixed(BigInteger v, byte[] out, int offset, int size) {
    byte[] b = v.toByteArray();
    int skip = b.length > size ? b.length - size : 0;
    System.arraycopy(b, skip, out, offset + size - (b.length - skip), b.length - skip);
  }

  private static AlgorithmIdentifier rsaAlgorithm() {
    return new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);
  }

  private static KmipException notAccepted(KeyFormatType format, String what) {
    return new KmipException(
        ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        format.kmipName() + " is not accepted for " + what);
  }
}
