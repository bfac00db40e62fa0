package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.attributes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.parse;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static io.clavis.server.kmip.operations.KmipOperationsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.DigitalSignatureAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.RecommendedCurve;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.ValidityIndicator;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Register of RSA and EC private keys (PKCS#8, PKCS#1, ECPrivateKey, Transparent RSA/EC) and of
 * public keys alone (X.509, PKCS#1, Transparent RSA/EC), the transparent Get formats, and the
 * refusals of keys Clavis does not keep; signatures are checked with the JDK against the original
 * keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipRegisterKeysTest {
  private static final byte[] DATA = "registered keys sign too".getBytes(StandardCharsets.UTF_8);
  private TestNode node;
  private KmipService admin;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-register-keys-test-passphrase");
    admin = KmipService.register(node, "kmip-register-admin", List.of("key-admins"));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  static KeyPair rsa(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return g.generateKeyPair();
  }

  static KeyPair ec(String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    return g.generateKeyPair();
  }

  static TtlvStructure keyBlock(KeyFormatType format, Ttlv material, Ttlv... extra) {
    TtlvStructure.Builder b =
        TtlvStructure.builder(Tag.KEY_BLOCK)
            .add(new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, format.value()))
            .add(TtlvStructure.of(Tag.KEY_VALUE, material));
    for (Ttlv t : extra) {
      b.add(t);
    }
    return b.build();
  }

  static Ttlv bytes(byte[] b) {
    return new TtlvByteString(Tag.KEY_MATERIAL, b);
  }

  static TtlvBigInteger big(int tag, BigInteger v) {
    return new TtlvBigInteger(tag, v);
  }

  static int curve(ECPublicKey k) {
    return switch (k.getParams().getOrder().bitLength()) {
      case 256 -> RecommendedCurve.P_256.value();
      case 384 -> RecommendedCurve.P_384.value();
      default -> RecommendedCurve.P_521.value();
    };
  }

  /** The private key of a pair as a Key Block in a format. */
  static TtlvStructure privateBlock(KeyPair pair, KeyFormatType format) throws Exception {
    byte[] pkcs8 = pair.getPrivate().getEncoded();
    return switch (format) {
      case PKCS_8 -> keyBlock(format, bytes(pkcs8));
      case PKCS_1 ->
          keyBlock(
              format,
              bytes(
                  PrivateKeyInfo.getInstance(pkcs8)
                      .parsePrivateKey()
                      .toASN1Primitive()
                      .getEncoded()));
      case EC_PRIVATE_KEY -> {
        // SEC1 naming its curve, as OpenSSL writes it.
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        ECPrivateKey k = (ECPrivateKey) pair.getPrivate();
        yield keyBlock(
            format,
            bytes(
                new org.bouncycastle.asn1.sec.ECPrivateKey(
                        k.getParams().getOrder().bitLength(),
                        k.getS(),
                        info.getPrivateKeyAlgorithm().getParameters())
                    .getEncoded()));
      }
      case TRANSPARENT_RSA_PRIVATE_KEY -> {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        yield keyBlock(
            format,
            TtlvStructure.of(
                Tag.KEY_MATERIAL,
                big(Tag.MODULUS, k.getModulus()),
                big(Tag.PRIVATE_EXPONENT, k.getPrivateExponent()),
                big(Tag.PUBLIC_EXPONENT, k.getPublicExponent()),
                big(Tag.P, k.getPrimeP()),
                big(Tag.Q, k.getPrimeQ()),
                big(Tag.PRIME_EXPONENT_P, k.getPrimeExponentP()),
                big(Tag.PRIME_EXPONENT_Q, k.getPrimeExponentQ()),
                big(Tag.CRT_COEFFICIENT, k.getCrtCoefficient())),
            new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA.value()),
            new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, k.getModulus().bitLength()));
      }
      case TRANSPARENT_EC_PRIVATE_KEY, TRANSPARENT_ECDSA_PRIVATE_KEY -> {
        ECPrivateKey k = (ECPrivateKey) pair.getPrivate();
        yield keyBlock(
            format,
            TtlvStructure.of(
                Tag.KEY_MATERIAL,
                new TtlvEnumeration(Tag.RECOMMENDED_CURVE, curve((ECPublicKey) pair.getPublic())),
                big(Tag.D, k.getS())));
      }
      default -> throw new IllegalArgumentException(format.name());
    };
  }

  /** The public key of a pair as a Key Block in a format. */
  static TtlvStructure publicBlock(PublicKey key, KeyFormatType format) throws Exception {
    byte[] spki = key.getEncoded();
    return switch (format) {
      case X_509 -> keyBlock(format, bytes(spki));
      case PKCS_1 ->
          keyBlock(
              format, bytes(SubjectPublicKeyInfo.getInstance(spki).parsePublicKey().getEncoded()));
      case TRANSPARENT_RSA_PUBLIC_KEY -> {
        RSAPublicKey k = (RSAPublicKey) key;
        yield keyBlock(
            format,
            TtlvStructure.of(
                Tag.KEY_MATERIAL,
                big(Tag.MODULUS, k.getModulus()),
                big(Tag.PUBLIC_EXPONENT, k.getPublicExponent())));
      }
      case TRANSPARENT_EC_PUBLIC_KEY -> {
        ECPublicKey k = (ECPublicKey) key;
        byte[] q = SubjectPublicKeyInfo.getInstance(spki).getPublicKeyData().getBytes();
        yield keyBlock(
            format,
            TtlvStructure.of(
                Tag.KEY_MATERIAL,
                new TtlvEnumeration(Tag.RECOMMENDED_CURVE, curve(k)),
                new TtlvByteString(Tag.Q_STRING, q)));
      }
      default -> throw new IllegalArgumentException(format.name());
    };
  }

  TtlvStructure register(KmipVersion v, ObjectType type, TtlvStructure block, String name)
      throws Exception {
    int tag = type == ObjectType.PRIVATE_KEY ? Tag.PRIVATE_KEY : Tag.PUBLIC_KEY;
    return admin.one(
        v,
        Operation.REGISTER,
        new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()),
        attributes(v, KmipAttribute.name(name)),
        TtlvStructure.of(tag, block));
  }

  String registerActive(KmipVersion v, ObjectType type, TtlvStructure block) throws Exception {
    String id = ok(register(v, type, block, unique("reg-key"))).text(Tag.UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(id)));
    return id;
  }

  static TtlvStructure dsa(PublicKey key) {
    DigitalSignatureAlgorithm d =
        key instanceof RSAPublicKey
            ? DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION
            : DigitalSignatureAlgorithm.ECDSA_WITH_SHA256;
    return TtlvStructure.of(
        Tag.CRYPTOGRAPHIC_PARAMETERS,
        new TtlvEnumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, d.value()));
  }

  static Signature jdk(PublicKey key) throws Exception {
    Signature s =
        Signature.getInstance(key instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA");
    s.initVerify(key);
    return s;
  }

  TtlvStructure getKey(KmipVersion v, String id, int objectTag, KeyFormatType format)
      throws Exception {
    return admin.keyValue(v, id, objectTag, format);
  }

  KmipAttributes attributesOf(KmipVersion v, String id) throws Exception {
    return admin.attributesOf(v, id);
  }

  List<String> locate(KmipVersion v, KmipAttribute... criteria) throws Exception {
    return admin.locate(v, criteria);
  }

  static KeyPair pair(String spec) throws Exception {
    return spec.startsWith("RSA") ? rsa(Integer.parseInt(spec.substring(3))) : ec(spec);
  }

  // ---- tests ---------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "1.2, RSA2048, PKCS_8",
    "1.4, RSA3072, PKCS_1",
    "2.0, RSA2048, TRANSPARENT_RSA_PRIVATE_KEY",
    "1.2, secp256r1, PKCS_8",
    "1.4, secp384r1, TRANSPARENT_EC_PRIVATE_KEY",
    "1.2, secp256r1, TRANSPARENT_ECDSA_PRIVATE_KEY",
    "2.0, secp521r1, EC_PRIVATE_KEY"
  })
  void aRegisteredPrivateKeySignsAndShowsItsDerivedPublicHalf(
      String version, String spec, KeyFormatType format) throws Exception {
    KmipVersion v = parse(version);
    KeyPair pair = pair(spec);
    String id = registerActive(v, ObjectType.PRIVATE_KEY, privateBlock(pair, format));

    KmipAttributes a = attributesOf(v, id);
    assertThat(a.first(StandardAttribute.OBJECT_TYPE).orElseThrow().intValue())
        .isEqualTo(ObjectType.PRIVATE_KEY.value());
    boolean isRsa = pair.getPublic() instanceof RSAPublicKey;
    assertThat(a.first(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM).orElseThrow().intValue())
        .isEqualTo((isRsa ? CryptographicAlgorithm.RSA : CryptographicAlgorithm.EC).value());

    byte[] signature =
        ok(admin.one(
                v,
                Operation.SIGN,
                uid(id),
                dsa(pair.getPublic()),
                new TtlvByteString(Tag.DATA, DATA)))
            .bytes(Tag.SIGNATURE_DATA);
    Signature check = jdk(pair.getPublic());
    check.update(DATA);
    assertThat(check.verify(signature)).isTrue();

    // The derived public half is the original public key.
    byte[] spki =
        getKey(v, id + "-public", Tag.PUBLIC_KEY, KeyFormatType.X_509).bytes(Tag.KEY_MATERIAL);
    assertThat(spki).isEqualTo(pair.getPublic().getEncoded());
  }

  @ParameterizedTest
  @CsvSource({
    "1.2, RSA2048, X_509",
    "1.4, RSA2048, PKCS_1",
    "2.0, RSA4096, TRANSPARENT_RSA_PUBLIC_KEY",
    "1.4, secp256r1, X_509",
    "2.0, secp384r1, TRANSPARENT_EC_PUBLIC_KEY"
  })
  void aPublicKeyAloneVerifiesButNeverSigns(String version, String spec, KeyFormatType format)
      throws Exception {
    KmipVersion v = parse(version);
    KeyPair pair = pair(spec);
    String id = registerActive(v, ObjectType.PUBLIC_KEY, publicBlock(pair.getPublic(), format));
    assertThat(id).doesNotEndWith("-public");

    KmipAttributes a = attributesOf(v, id);
    assertThat(a.first(StandardAttribute.OBJECT_TYPE).orElseThrow().intValue())
        .isEqualTo(ObjectType.PUBLIC_KEY.value());
    int bits =
        pair.getPublic() instanceof RSAPublicKey r
            ? r.getModulus().bitLength()
            : ((ECPublicKey) pair.getPublic()).getParams().getOrder().bitLength();
    assertThat(a.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).orElseThrow().intValue())
        .isEqualTo(bits);
    assertThat(
            locate(
                v,
                KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.PUBLIC_KEY),
                KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, bits)))
        .contains(id);

    Signature signer =
        Signature.getInstance(
            pair.getPublic() instanceof RSAPublicKey ? "SHA256withRSA" : "SHA256withECDSA");
    signer.initSign(pair.getPrivate());
    signer.update(DATA);
    byte[] signature = signer.sign();
    TtlvStructure params = dsa(pair.getPublic());
    assertThat(
            ok(admin.one(
                    v,
                    Operation.SIGNATURE_VERIFY,
                    uid(id),
                    params,
                    new TtlvByteString(Tag.DATA, DATA),
                    new TtlvByteString(Tag.SIGNATURE_DATA, signature)))
                .enumeration(Tag.VALIDITY_INDICATOR))
        .isEqualTo(ValidityIndicator.VALID.value());
    assertThat(
            ok(admin.one(
                    v,
                    Operation.SIGNATURE_VERIFY,
                    uid(id),
                    params,
                    new TtlvByteString(Tag.DATA, "other data".getBytes(StandardCharsets.UTF_8)),
                    new TtlvByteString(Tag.SIGNATURE_DATA, signature)))
                .enumeration(Tag.VALIDITY_INDICATOR))
        .isEqualTo(ValidityIndicator.INVALID.value());
    assertThat(
            failed(
                admin.one(v, Operation.SIGN, uid(id), params, new TtlvByteString(Tag.DATA, DATA))))
        .isEqualTo(
            v.major() >= 2
                ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK
                : ResultReason.INVALID_FIELD);

    // Get gives the key back, by default as X.509.
    assertThat(
            ok(admin.one(v, Operation.GET, uid(id)))
                .structure(Tag.PUBLIC_KEY)
                .structure(Tag.KEY_BLOCK)
                .structure(Tag.KEY_VALUE)
                .bytes(Tag.KEY_MATERIAL))
        .isEqualTo(pair.getPublic().getEncoded());
  }

  @Test
  void restListsAPublicKeyAloneAndRefusesToSignWithIt() throws Exception {
    KeyPair pair = rsa(2048);
    String id =
        registerActive(
            KmipVersion.V1_4,
            ObjectType.PUBLIC_KEY,
            publicBlock(pair.getPublic(), KeyFormatType.X_509));
    TestNode.Response key = node.call("GET", "/v1/keys/" + id, null);
    assertThat(key.status()).isEqualTo(200);
    assertThat(key.text("algorithm")).isEqualTo("PUBLIC_RSA_2048");
    TestNode.Response sign =
        node.call(
            "POST",
            "/v1/keys/" + id + "/sign",
            TestNode.json("algorithm", "RSA_PKCS1_SHA256", "message", TestNode.base64(DATA)));
    assertThat(sign.status()).isBetween(400, 499);
    assertThat(sign.code()).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void transparentGetsEqualTheJdkKeys(String version) throws Exception {
    KmipVersion v = parse(version);
    KeyPair rsa = rsa(2048);
    String rsaId =
        registerActive(v, ObjectType.PRIVATE_KEY, privateBlock(rsa, KeyFormatType.PKCS_8));
    TtlvStructure m =
        getKey(v, rsaId, Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)
            .structure(Tag.KEY_MATERIAL);
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();
    assertThat(m.bigInteger(Tag.MODULUS)).isEqualTo(k.getModulus());
    assertThat(m.bigInteger(Tag.PRIVATE_EXPONENT)).isEqualTo(k.getPrivateExponent());
    assertThat(m.bigInteger(Tag.PUBLIC_EXPONENT)).isEqualTo(k.getPublicExponent());
    assertThat(m.bigInteger(Tag.P)).isEqualTo(k.getPrimeP());
    assertThat(m.bigInteger(Tag.Q)).isEqualTo(k.getPrimeQ());
    assertThat(m.bigInteger(Tag.PRIME_EXPONENT_P)).isEqualTo(k.getPrimeExponentP());
    assertThat(m.bigInteger(Tag.PRIME_EXPONENT_Q)).isEqualTo(k.getPrimeExponentQ());
    assertThat(m.bigInteger(Tag.CRT_COEFFICIENT)).isEqualTo(k.getCrtCoefficient());
    TtlvStructure pm =
        getKey(v, rsaId + "-public", Tag.PUBLIC_KEY, KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)
            .structure(Tag.KEY_MATERIAL);
    assertThat(pm.bigInteger(Tag.MODULUS)).isEqualTo(k.getModulus());
    assertThat(pm.bigInteger(Tag.PUBLIC_EXPONENT)).isEqualTo(k.getPublicExponent());

    KeyPair ec = ec("secp384r1");
    String ecId = registerActive(v, ObjectType.PRIVATE_KEY, privateBlock(ec, KeyFormatType.PKCS_8));
    TtlvStructure em =
        getKey(v, ecId, Tag.PRIVATE_KEY, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY)
            .structure(Tag.KEY_MATERIAL);
    assertThat(em.enumeration(Tag.RECOMMENDED_CURVE)).isEqualTo(RecommendedCurve.P_384.value());
    assertThat(em.bigInteger(Tag.D)).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
    TtlvStructure epm =
        getKey(v, ecId + "-public", Tag.PUBLIC_KEY, KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY)
            .structure(Tag.KEY_MATERIAL);
    // The Q String is the uncompressed point, as in the SubjectPublicKeyInfo.
    assertThat(epm.bytes(Tag.Q_STRING))
        .isEqualTo(
            SubjectPublicKeyInfo.getInstance(ec.getPublic().getEncoded())
                .getPublicKeyData()
                .getBytes());
    // A transparent public key registers back as the same key.
    String again =
        registerActive(
            v, ObjectType.PUBLIC_KEY, keyBlock(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY, epm));
    byte[] spki = getKey(v, again, Tag.PUBLIC_KEY, KeyFormatType.X_509).bytes(Tag.KEY_MATERIAL);
    assertThat(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)))
        .isEqualTo(ec.getPublic());

    // Formats a private key does not come in.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.GET,
                    uid(rsaId),
                    new TtlvEnumeration(
                        Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY.value()))))
        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  @Test
  void keysClavisDoesNotKeepAreRefusedWithTheReasonAndNothingIsStored() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    KeyPair small = rsa(1024);
    KeyPair good = rsa(2048);
    KeyPair other = rsa(2048);
    RSAPrivateCrtKey g = (RSAPrivateCrtKey) good.getPrivate();
    List<TtlvStructure> refused = new ArrayList<>();
    List<String> messages = new ArrayList<>();
    String name = unique("refused");
    for (var c :
        List.of(
            // Not a key at all.
            new Object[] {
              ObjectType.PRIVATE_KEY,
              keyBlock(KeyFormatType.PKCS_8, bytes(new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})),
              "PKCS#8"
            },
            new Object[] {
              ObjectType.PRIVATE_KEY,
              keyBlock(KeyFormatType.PKCS_1, bytes("not DER".getBytes(StandardCharsets.UTF_8))),
              "PKCS#1"
            },
            new Object[] {
              ObjectType.PUBLIC_KEY,
              keyBlock(KeyFormatType.X_509, bytes(new byte[] {1, 2, 3})),
              "SubjectPublicKeyInfo"
            },
            // A size Clavis does not keep.
            new Object[] {
              ObjectType.PRIVATE_KEY,
              privateBlock(small, KeyFormatType.PKCS_8),
              "2048, 3072 or 4096"
            },
            new Object[] {
              ObjectType.PUBLIC_KEY,
              publicBlock(small.getPublic(), KeyFormatType.X_509),
              "2048, 3072 or 4096"
            },
            // A curve Clavis does not keep.
            new Object[] {
              ObjectType.PRIVATE_KEY,
              keyBlock(
                  KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
                  TtlvStructure.of(
                      Tag.KEY_MATERIAL,
                      new TtlvEnumeration(Tag.RECOMMENDED_CURVE, RecommendedCurve.P_192.value()),
                      big(Tag.D, BigInteger.TEN))),
              "P-192"
            },
            // Parameters of two different keys.
            new Object[] {
              ObjectType.PRIVATE_KEY,
              keyBlock(
                  KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY,
                  TtlvStructure.of(
                      Tag.KEY_MATERIAL,
                      big(Tag.MODULUS, g.getModulus()),
                      big(
                          Tag.PRIVATE_EXPONENT,
                          ((RSAPrivateCrtKey) other.getPrivate()).getPrivateExponent()),
                      big(Tag.PUBLIC_EXPONENT, g.getPublicExponent()),
                      big(Tag.P, g.getPrimeP()),
                      big(Tag.Q, g.getPrimeQ()))),
              "do not fit together"
            },
            // Attributes that describe another key.
            new Object[] {
              ObjectType.PRIVATE_KEY,
              keyBlock(
                  KeyFormatType.PKCS_8,
                  bytes(good.getPrivate().getEncoded()),
                  new TtlvEnumeration(
                      Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC.value()),
                  new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256)),
              "do not describe"
            })) {
      TtlvStructure item = register(v, (ObjectType) c[0], (TtlvStructure) c[1], name);
      refused.add(item);
      messages.add((String) c[2]);
    }
    for (int i = 0; i < refused.size(); i++) {
      assertThat(failed(refused.get(i))).as(messages.get(i)).isEqualTo(ResultReason.INVALID_FIELD);
      assertThat(refused.get(i).text(Tag.RESULT_MESSAGE)).contains(messages.get(i));
    }
    assertThat(locate(v, KmipAttribute.name(name))).isEmpty();

    // Register does not take wrapped key material yet.
    TtlvStructure wrapped =
        keyBlock(
            KeyFormatType.PKCS_8,
            bytes(good.getPrivate().getEncoded()),
            TtlvStructure.of(Tag.KEY_WRAPPING_DATA, new TtlvEnumeration(Tag.WRAPPING_METHOD, 1)));
    assertThat(failed(register(v, ObjectType.PRIVATE_KEY, wrapped, name)))
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
  }
}
