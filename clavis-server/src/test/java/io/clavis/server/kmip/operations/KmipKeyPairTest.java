package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.parse;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static io.clavis.server.kmip.operations.KmipOperationsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.DigitalSignatureAlgorithm;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.RecommendedCurve;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.State;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.ValidityIndicator;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Create Key Pair, Get of both halves, Sign and Signature Verify over the wire, in the 1.x and 2.x
 * layouts; signatures are checked with the JDK's own {@link Signature} on the public key obtained.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipKeyPairTest {
  private static final byte[] DATA = "sign me, gently".getBytes(StandardCharsets.UTF_8);
  private TestNode node;
  private KmipService admin;
  private KmipService nobody;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-key-pair-test-passphrase");
    admin = KmipService.register(node, "kmip-pair-admin", List.of("key-admins"));
    nobody = KmipService.register(node, "kmip-pair-nobody", List.of());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** One of the three attribute groups of Create Key Pair, in the version's form. */
  static Ttlv group(KmipVersion v, int v1Tag, int v2Tag, KmipAttribute... list) {
    KmipAttributes all = KmipAttributes.of(list);
    if (v.major() >= 2) {
      return KmipAttributeCodec.encodeV2Attributes(v2Tag, all);
    }
    return TtlvStructure.builder(v1Tag).addAll(KmipAttributeCodec.encodeV1List(all)).build();
  }

  static TtlvStructure createKeyPair(
      KmipService who, KmipVersion v, List<KmipAttribute> common, List<KmipAttribute> priv)
      throws Exception {
    return who.one(
        v,
        Operation.CREATE_KEY_PAIR,
        group(
            v,
            Tag.COMMON_TEMPLATE_ATTRIBUTE,
            Tag.COMMON_ATTRIBUTES,
            common.toArray(new KmipAttribute[0])),
        group(
            v,
            Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE,
            Tag.PRIVATE_KEY_ATTRIBUTES,
            priv.toArray(new KmipAttribute[0])),
        group(
            v,
            Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE,
            Tag.PUBLIC_KEY_ATTRIBUTES,
            KmipAttribute.name(unique("public-name")),
            KmipAttribute.integer(
                StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK,
                CryptographicUsageMask.VERIFY.value())));
  }

  static List<KmipAttribute> algorithm(CryptographicAlgorithm a, int length) {
    return List.of(
        KmipAttribute.enumeration(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, a),
        KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, length));
  }

  /** Creates and activates a pair; returns {private id, public id}. */
  String[] activePair(KmipVersion v, CryptographicAlgorithm a, int length) throws Exception {
    TtlvStructure p = ok(createKeyPair(admin, v, algorithm(a, length), List.of()));
    String priv = p.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String pub = p.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(priv)));
    return new String[] {priv, pub};
  }

  byte[] material(KmipVersion v, String id, int objectTag, KeyFormatType format) throws Exception {
    return admin.keyValue(v, id, objectTag, format).bytes(Tag.KEY_MATERIAL);
  }

  PublicKey publicKey(KmipVersion v, String publicId, String jcaAlgorithm) throws Exception {
    byte[] spki = material(v, publicId, Tag.PUBLIC_KEY, KeyFormatType.X_509);
    return KeyFactory.getInstance(jcaAlgorithm).generatePublic(new X509EncodedKeySpec(spki));
  }

  static TtlvStructure params(Ttlv... fields) {
    return TtlvStructure.of(Tag.CRYPTOGRAPHIC_PARAMETERS, fields);
  }

  static Ttlv hashing(HashingAlgorithm h) {
    return new TtlvEnumeration(Tag.HASHING_ALGORITHM, h.value());
  }

  static Ttlv padding(PaddingMethod p) {
    return new TtlvEnumeration(Tag.PADDING_METHOD, p.value());
  }

  static Ttlv dsa(DigitalSignatureAlgorithm d) {
    return new TtlvEnumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, d.value());
  }

  byte[] sign(KmipVersion v, String id, TtlvStructure params, Ttlv input) throws Exception {
    TtlvStructure r = ok(admin.one(v, Operation.SIGN, uid(id), params, input));
    assertThat(r.text(Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
    return r.bytes(Tag.SIGNATURE_DATA);
  }

  int verify(KmipVersion v, String id, TtlvStructure params, Ttlv input, byte[] signature)
      throws Exception {
    return ok(admin.one(
            v,
            Operation.SIGNATURE_VERIFY,
            uid(id),
            params,
            input,
            new TtlvByteString(Tag.SIGNATURE_DATA, signature)))
        .enumeration(Tag.VALIDITY_INDICATOR);
  }

  static int state(KmipAttributes a) {
    return a.first(StandardAttribute.STATE).orElseThrow().intValue();
  }

  KmipAttributes attributesOf(KmipVersion v, String id) throws Exception {
    return admin.attributesOf(v, id);
  }

  List<String> locate(KmipVersion v, KmipAttribute... criteria) throws Exception {
    return admin.locate(v, criteria);
  }

  // ---- tests ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.2", "1.4", "2.0", "2.1"})
  void rsaPairIsCreatedGotSignedWithAndSharesOneLifecycle(String version) throws Exception {
    KmipVersion v = parse(version);
    String name = unique("pair-rsa");
    TtlvStructure created =
        ok(
            createKeyPair(
                admin,
                v,
                algorithm(CryptographicAlgorithm.RSA, 2048),
                List.of(
                    KmipAttribute.name(name),
                    KmipAttribute.integer(
                        StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK,
                        CryptographicUsageMask.SIGN.value()))));
    String priv = created.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String pub = created.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    assertThat(pub).isEqualTo(priv + "-public");

    KmipAttributes privAttrs = attributesOf(v, priv);
    KmipAttributes pubAttrs = attributesOf(v, pub);
    assertThat(privAttrs.first(StandardAttribute.OBJECT_TYPE).orElseThrow().intValue())
        .isEqualTo(ObjectType.PRIVATE_KEY.value());
    assertThat(pubAttrs.first(StandardAttribute.OBJECT_TYPE).orElseThrow().intValue())
        .isEqualTo(ObjectType.PUBLIC_KEY.value());
    assertThat(privAttrs.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).orElseThrow().intValue())
        .isEqualTo(2048);
    assertThat(privAttrs.first(StandardAttribute.NAME).orElseThrow().textValue()).isEqualTo(name);
    assertThat(state(privAttrs)).isEqualTo(State.PRE_ACTIVE.value());
    assertThat(state(pubAttrs)).isEqualTo(State.PRE_ACTIVE.value());

    assertThat(locate(v, KmipAttribute.name(name))).containsExactly(priv);
    assertThat(
            locate(
                v,
                KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.PUBLIC_KEY),
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.RSA)))
        .contains(pub)
        .doesNotContain(priv);

    // Both halves come out: the public key as X.509 or PKCS#1, the private one as PKCS#8.
    RSAPublicKey publicKey = (RSAPublicKey) publicKey(v, pub, "RSA");
    byte[] spki = material(v, pub, Tag.PUBLIC_KEY, KeyFormatType.X_509);
    byte[] pkcs1 = material(v, pub, Tag.PUBLIC_KEY, KeyFormatType.PKCS_1);
    assertThat(Arrays.copyOfRange(spki, spki.length - pkcs1.length, spki.length)).isEqualTo(pkcs1);
    byte[] pkcs8 = material(v, priv, Tag.PRIVATE_KEY, KeyFormatType.PKCS_8);
    PrivateKey privateKey =
        KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    assertThat(((RSAPrivateCrtKey) privateKey).getModulus()).isEqualTo(publicKey.getModulus());
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.GET,
                    uid(priv),
                    new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.X_509.value()))))
        .isIn(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);

    if (v.compareTo(KmipVersion.V1_2) < 0) {
      // Sign came with KMIP 1.2.
      assertThat(
              failed(
                  admin.one(
                      v,
                      Operation.SIGN,
                      uid(priv),
                      params(padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_256)),
                      new TtlvByteString(Tag.DATA, DATA))))
          .isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
      ok(admin.one(v, Operation.ACTIVATE, uid(pub)));
      assertThat(state(attributesOf(v, priv))).isEqualTo(State.ACTIVE.value());
    } else {
      signAndVerify(v, priv, pub, publicKey);
    }
    revokeAndDestroy(v, priv, pub);
  }

  private void signAndVerify(KmipVersion v, String priv, String pub, RSAPublicKey publicKey)
      throws Exception {
    // Pre-Active: no signature yet.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(priv),
                    params(padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_256)),
                    new TtlvByteString(Tag.DATA, DATA))))
        .isIn(ResultReason.WRONG_KEY_LIFECYCLE_STATE, ResultReason.PERMISSION_DENIED);

    // Activating the public key activates the pair.
    ok(admin.one(v, Operation.ACTIVATE, uid(pub)));
    assertThat(state(attributesOf(v, priv))).isEqualTo(State.ACTIVE.value());

    // RSA-PSS over data.
    byte[] pss =
        sign(
            v,
            priv,
            params(padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_256)),
            new TtlvByteString(Tag.DATA, DATA));
    Signature jdkPss = Signature.getInstance("RSASSA-PSS");
    jdkPss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    jdkPss.initVerify(publicKey);
    jdkPss.update(DATA);
    assertThat(jdkPss.verify(pss)).isTrue();
    assertThat(
            verify(
                v,
                pub,
                params(padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_256)),
                new TtlvByteString(Tag.DATA, DATA),
                pss))
        .isEqualTo(ValidityIndicator.VALID.value());

    // PKCS#1 v1.5 named by the Digital Signature Algorithm, over a digest.
    byte[] digest = MessageDigest.getInstance("SHA-384").digest(DATA);
    byte[] pkcs1v15 =
        sign(
            v,
            priv,
            params(dsa(DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION)),
            new TtlvByteString(Tag.DIGESTED_DATA, digest));
    Signature jdk = Signature.getInstance("SHA384withRSA");
    jdk.initVerify(publicKey);
    jdk.update(DATA);
    assertThat(jdk.verify(pkcs1v15)).isTrue();
    assertThat(
            verify(
                v,
                priv,
                params(padding(PaddingMethod.PKCS1_V1_5), hashing(HashingAlgorithm.SHA_384)),
                new TtlvByteString(Tag.DATA, DATA),
                pkcs1v15))
        .isEqualTo(ValidityIndicator.VALID.value());
    byte[] tampered = pkcs1v15.clone();
    tampered[10] ^= 1;
    assertThat(
            verify(
                v,
                pub,
                params(dsa(DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION)),
                new TtlvByteString(Tag.DATA, DATA),
                tampered))
        .isEqualTo(ValidityIndicator.INVALID.value());
  }

  private void revokeAndDestroy(KmipVersion v, String priv, String pub) throws Exception {
    // Revoke through one id, destroy through the other: one lifecycle.
    ok(
        admin.one(
            v,
            Operation.REVOKE,
            uid(priv),
            TtlvStructure.of(
                Tag.REVOCATION_REASON,
                new TtlvEnumeration(
                    Tag.REVOCATION_REASON_CODE,
                    RevocationReasonCode.CESSATION_OF_OPERATION.value()))));
    assertThat(state(attributesOf(v, pub))).isEqualTo(State.DEACTIVATED.value());
    ok(admin.one(v, Operation.DESTROY, uid(pub)));
    assertThat(state(attributesOf(v, priv))).isEqualTo(State.DESTROYED.value());
    assertThat(state(attributesOf(v, pub))).isEqualTo(State.DESTROYED.value());
  }

  @ParameterizedTest
  @CsvSource({
    "2.0, 256, SHA_256, SHA256withECDSA",
    "1.2, 384, SHA_384, SHA384withECDSA",
    "1.4, 521, SHA_512, SHA512withECDSA"
  })
  void ecPairsSignWithEcdsa(String version, int length, String hash, String jca) throws Exception {
    KmipVersion v = parse(version);
    String[] ids = activePair(v, CryptographicAlgorithm.EC, length);
    PublicKey publicKey = publicKey(v, ids[1], "EC");
    HashingAlgorithm h = HashingAlgorithm.valueOf(hash);
    byte[] sig =
        sign(
            v,
            ids[0],
            params(
                new TtlvEnumeration(
                    Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.ECDSA.value()),
                hashing(h)),
            new TtlvByteString(Tag.DATA, DATA));
    Signature jdk = Signature.getInstance(jca);
    jdk.initVerify(publicKey);
    jdk.update(DATA);
    assertThat(jdk.verify(sig)).isTrue();
    DigitalSignatureAlgorithm named =
        switch (length) {
          case 256 -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA256;
          case 384 -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA384;
          default -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA512;
        };
    assertThat(verify(v, ids[1], params(dsa(named)), new TtlvByteString(Tag.DATA, DATA), sig))
        .isEqualTo(ValidityIndicator.VALID.value());
    // The public key of an EC pair comes as X.509 only.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.GET,
                    uid(ids[1]),
                    new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.PKCS_1.value()))))
        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  /** A Common group naming EC and a curve through Cryptographic Domain Parameters. */
  static Ttlv curveGroup(KmipVersion v, RecommendedCurve curve) {
    TtlvStructure parameters =
        TtlvStructure.of(
            Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS,
            new TtlvEnumeration(Tag.RECOMMENDED_CURVE, curve.value()));
    KmipAttribute ec =
        KmipAttribute.enumeration(
            StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.EC);
    if (v.major() >= 2) {
      return TtlvStructure.builder(Tag.COMMON_ATTRIBUTES)
          .addAll(
              KmipAttributeCodec.encodeV2Attributes(Tag.ATTRIBUTES, KmipAttributes.of(ec))
                  .children())
          .add(parameters)
          .build();
    }
    return TtlvStructure.builder(Tag.COMMON_TEMPLATE_ATTRIBUTE)
        .addAll(KmipAttributeCodec.encodeV1List(KmipAttributes.of(ec)))
        .add(
            TtlvStructure.of(
                Tag.ATTRIBUTE,
                new TtlvTextString(Tag.ATTRIBUTE_NAME, "Cryptographic Domain Parameters"),
                new TtlvStructure(Tag.ATTRIBUTE_VALUE, parameters.children())))
        .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void ecCurveComesFromTheRecommendedCurve(String version) throws Exception {
    KmipVersion v = parse(version);
    TtlvStructure p =
        ok(admin.one(v, Operation.CREATE_KEY_PAIR, curveGroup(v, RecommendedCurve.P_384)));
    String priv = p.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    assertThat(
            attributesOf(v, priv)
                .first(StandardAttribute.CRYPTOGRAPHIC_LENGTH)
                .orElseThrow()
                .intValue())
        .isEqualTo(384);
    ECPublicKey key = (ECPublicKey) publicKey(v, p.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER), "EC");
    assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(384);
    assertThat(
            failed(admin.one(v, Operation.CREATE_KEY_PAIR, curveGroup(v, RecommendedCurve.P_224))))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.0"})
  void errorPathsCarryTheirResultReasons(String version) throws Exception {
    KmipVersion v = parse(version);
    boolean two = v.major() >= 2;
    // Sizes, curves and algorithms Clavis does not offer.
    assertThat(
            failed(createKeyPair(admin, v, algorithm(CryptographicAlgorithm.RSA, 1024), List.of())))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(createKeyPair(admin, v, algorithm(CryptographicAlgorithm.EC, 224), List.of())))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(createKeyPair(admin, v, algorithm(CryptographicAlgorithm.AES, 256), List.of())))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // Not permitted.
    assertThat(
            failed(createKeyPair(nobody, v, algorithm(CryptographicAlgorithm.EC, 256), List.of())))
        .isEqualTo(ResultReason.PERMISSION_DENIED);

    String[] rsa = activePair(v, CryptographicAlgorithm.RSA, 2048);
    Ttlv data = new TtlvByteString(Tag.DATA, DATA);
    // A hash or padding Clavis does not sign with, a scheme of the other family.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[0]),
                    params(padding(PaddingMethod.PSS), hashing(HashingAlgorithm.SHA_1)),
                    data)))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[0]),
                    params(padding(PaddingMethod.OAEP), hashing(HashingAlgorithm.SHA_256)),
                    data)))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[0]),
                    params(dsa(DigitalSignatureAlgorithm.ECDSA_WITH_SHA256)),
                    data)))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // A digest of the wrong length.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[0]),
                    params(dsa(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                    new TtlvByteString(Tag.DIGESTED_DATA, new byte[20]))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // Sign needs the private key; a symmetric key cannot sign.
    ResultReason wrongKey =
        two ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.INVALID_FIELD;
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[1]),
                    params(dsa(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                    data)))
        .isEqualTo(wrongKey);
    String aes =
        ok(admin.batch(v, KmipOperationsTest.createItem(v, unique("pair-aes"))).get(0))
            .text(Tag.UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(aes)));
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.SIGN,
                    uid(aes),
                    params(dsa(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                    data)))
        .isEqualTo(wrongKey);
    // No right to use the key, not even to verify.
    assertThat(
            failed(
                nobody.one(
                    v,
                    Operation.SIGN,
                    uid(rsa[0]),
                    params(dsa(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                    data)))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(
            failed(
                nobody.one(
                    v,
                    Operation.SIGNATURE_VERIFY,
                    uid(rsa[1]),
                    params(dsa(DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION)),
                    data,
                    new TtlvByteString(Tag.SIGNATURE_DATA, new byte[256]))))
        .isEqualTo(ResultReason.PERMISSION_DENIED);

    // A private key created not Extractable stays here; its public key does not.
    TtlvStructure sealed =
        ok(
            createKeyPair(
                admin,
                v,
                algorithm(CryptographicAlgorithm.EC, 256),
                List.of(KmipAttribute.bool(StandardAttribute.EXTRACTABLE, false))));
    assertThat(
            failed(
                admin.one(v, Operation.GET, uid(sealed.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER)))))
        .isEqualTo(two ? ResultReason.NOT_EXTRACTABLE : ResultReason.PERMISSION_DENIED);
    assertThat(
            new BigInteger(
                    1,
                    material(
                        v,
                        sealed.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER),
                        Tag.PUBLIC_KEY,
                        KeyFormatType.X_509))
                .signum())
        .isPositive();
  }
}
