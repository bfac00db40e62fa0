package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.aes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.attributes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.length;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.parse;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static io.clavis.server.kmip.operations.KmipOperationsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.EncodingOption;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.WrappingMethod;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Get with a Key Wrapping Specification: AES key wrap (KW, KWP) and RSA-OAEP, No Encoding and TTLV
 * Encoding, unwrapped here with the JDK's own ciphers; and the refusals (Wrap Key bit, not
 * Extractable, unknown or inactive wrapping key, MAC/signature wrapping).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipKeyWrappingTest {
  private static final int WRAP =
      CryptographicUsageMask.WRAP_KEY.value() | CryptographicUsageMask.UNWRAP_KEY.value();
  private TestNode node;
  private KmipService admin;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-key-wrapping-test-passphrase");
    admin = KmipService.register(node, "kmip-wrap-admin", List.of("key-admins"));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** Creates an AES key with the given extra attributes; activates it when asked. */
  String aesKey(KmipVersion v, int bits, boolean activate, KmipAttribute... extra)
      throws Exception {
    List<KmipAttribute> all = new ArrayList<>(List.of(aes(), length(bits)));
    all.add(KmipAttribute.name(unique("wrap-test")));
    all.addAll(List.of(extra));
    String id =
        ok(admin.one(
                v,
                Operation.CREATE,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes(v, all.toArray(new KmipAttribute[0]))))
            .text(Tag.UNIQUE_IDENTIFIER);
    if (activate) {
      ok(admin.one(v, Operation.ACTIVATE, uid(id)));
    }
    return id;
  }

  static KmipAttribute mask(int bits) {
    return KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK, bits);
  }

  static TtlvStructure spec(String wrappingKey, Integer encoding, Ttlv... parameters) {
    TtlvStructure.Builder info =
        TtlvStructure.builder(Tag.ENCRYPTION_KEY_INFORMATION).add(uid(wrappingKey));
    if (parameters.length > 0) {
      info.add(TtlvStructure.of(Tag.CRYPTOGRAPHIC_PARAMETERS, parameters));
    }
    TtlvStructure.Builder s =
        TtlvStructure.builder(Tag.KEY_WRAPPING_SPECIFICATION)
            .add(new TtlvEnumeration(Tag.WRAPPING_METHOD, WrappingMethod.ENCRYPT.value()))
            .add(info.build());
    if (encoding != null) {
      s.add(new TtlvEnumeration(Tag.ENCODING_OPTION, encoding));
    }
    return s.build();
  }

  TtlvStructure get(KmipVersion v, String id, Ttlv... extra) throws Exception {
    List<Ttlv> payload = new ArrayList<>(List.of(uid(id)));
    payload.addAll(List.of(extra));
    return admin.one(v, Operation.GET, payload.toArray(new Ttlv[0]));
  }

  static TtlvStructure block(TtlvStructure getPayload, int objectTag) {
    return getPayload.structure(objectTag).structure(Tag.KEY_BLOCK);
  }

  byte[] raw(KmipVersion v, String id) throws Exception {
    return block(ok(get(v, id)), Tag.SYMMETRIC_KEY)
        .structure(Tag.KEY_VALUE)
        .bytes(Tag.KEY_MATERIAL);
  }

  byte[] unwrapAes(KmipVersion v, String kek, String mode, byte[] wrapped) throws Exception {
    Cipher c = Cipher.getInstance(mode);
    c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(raw(v, kek), "AES"));
    return c.doFinal(wrapped);
  }

  static Ttlv param(int tag, int value) {
    return new TtlvEnumeration(tag, value);
  }

  // ---- tests ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void aesKeyWrapGivesTheKeyBackUnderTheJdksAesWrap(String version) throws Exception {
    KmipVersion v = parse(version);
    String kek = aesKey(v, 256, true, mask(WRAP));
    String key = aesKey(v, 128, false);
    byte[] plain = raw(v, key);

    TtlvStructure got = ok(get(v, key, spec(kek, null)));
    TtlvStructure b = block(got, Tag.SYMMETRIC_KEY);
    assertThat(b.enumeration(Tag.KEY_FORMAT_TYPE)).isEqualTo(KeyFormatType.RAW.value());
    TtlvStructure data = b.structure(Tag.KEY_WRAPPING_DATA);
    assertThat(data.enumeration(Tag.WRAPPING_METHOD)).isEqualTo(WrappingMethod.ENCRYPT.value());
    assertThat(data.structure(Tag.ENCRYPTION_KEY_INFORMATION).text(Tag.UNIQUE_IDENTIFIER))
        .isEqualTo(kek);
    byte[] wrapped = b.structure(Tag.KEY_VALUE).bytes(Tag.KEY_MATERIAL);
    assertThat(wrapped).hasSize(plain.length + 8).isNotEqualTo(plain);
    assertThat(unwrapAes(v, kek, "AESWrap", wrapped)).isEqualTo(plain);

    // Explicit NIST Key Wrap and No Encoding: the same.
    TtlvStructure explicit =
        ok(
            get(
                v,
                key,
                spec(
                    kek,
                    EncodingOption.NO_ENCODING.value(),
                    param(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.NIST_KEY_WRAP.value()))));
    assertThat(
            unwrapAes(
                v,
                kek,
                "AESWrap",
                block(explicit, Tag.SYMMETRIC_KEY)
                    .structure(Tag.KEY_VALUE)
                    .bytes(Tag.KEY_MATERIAL)))
        .isEqualTo(plain);
  }

  @Test
  void aesKeyWrapWithPaddingWrapsAPrivateKeyAndTtlvEncodingWrapsTheKeyValue() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String kek = aesKey(v, 256, true, mask(WRAP));
    KeyPair pair = KmipRegisterKeysTest.rsa(2048);
    // Plain KW is refused below because the PKCS#8 encoding is no multiple of 8 bytes; about one
    // RSA key in eight encodes to a multiple of 8, so pick one that does not.
    while (pair.getPrivate().getEncoded().length % 8 == 0) {
      pair = KmipRegisterKeysTest.rsa(2048);
    }
    String priv =
        ok(admin.one(
                v,
                Operation.REGISTER,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.PRIVATE_KEY.value()),
                attributes(v, KmipAttribute.name(unique("wrapped-private"))),
                TtlvStructure.of(
                    Tag.PRIVATE_KEY,
                    KmipRegisterKeysTest.privateBlock(pair, KeyFormatType.PKCS_8))))
            .text(Tag.UNIQUE_IDENTIFIER);

    Ttlv kwp = param(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.AES_KEY_WRAP_PADDING.value());
    byte[] wrapped =
        block(ok(get(v, priv, spec(kek, null, kwp))), Tag.PRIVATE_KEY)
            .structure(Tag.KEY_VALUE)
            .bytes(Tag.KEY_MATERIAL);
    byte[] pkcs8 = unwrapAes(v, kek, "AESWrapPad", wrapped);
    assertThat(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)))
        .isEqualTo(pair.getPrivate());

    // This PKCS#8 key is no multiple of 8 bytes: plain KW cannot take it.
    TtlvStructure kw = get(v, priv, spec(kek, null));
    assertThat(failed(kw)).isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(kw.text(Tag.RESULT_MESSAGE)).contains("AES Key Wrap Padding");

    // TTLV Encoding: the Key Value itself is the wrapped TTLV encoding of the structure.
    TtlvStructure ttlv =
        block(
            ok(
                get(
                    v,
                    priv,
                    new TtlvEnumeration(
                        Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY.value()),
                    spec(kek, EncodingOption.TTLV_ENCODING.value(), kwp))),
            Tag.PRIVATE_KEY);
    TtlvStructure keyValue =
        (TtlvStructure)
            TtlvDecoder.decode(unwrapAes(v, kek, "AESWrapPad", ttlv.bytes(Tag.KEY_VALUE)));
    assertThat(keyValue.tag()).isEqualTo(Tag.KEY_VALUE);
    assertThat(keyValue.structure(Tag.KEY_MATERIAL).bigInteger(Tag.MODULUS))
        .isEqualTo(((java.security.interfaces.RSAPrivateCrtKey) pair.getPrivate()).getModulus());
    assertThat(ttlv.structure(Tag.KEY_WRAPPING_DATA).enumeration(Tag.ENCODING_OPTION))
        .isEqualTo(EncodingOption.TTLV_ENCODING.value());

    // A transparent key has no byte string to wrap without encoding.
    assertThat(
            failed(
                get(
                    v,
                    priv,
                    new TtlvEnumeration(
                        Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY.value()),
                    spec(kek, null, kwp))))
        .isEqualTo(ResultReason.ENCODING_OPTION_ERROR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void rsaOaepWrapsUnderAPublicKeyWithSha1OrSha256(String version) throws Exception {
    KmipVersion v = parse(version);
    TtlvStructure pair =
        ok(
            KmipKeyPairTest.createKeyPair(
                admin,
                v,
                KmipKeyPairTest.algorithm(CryptographicAlgorithm.RSA, 2048),
                List.of(mask(WRAP | CryptographicUsageMask.SIGN.value()))));
    String privId = pair.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String pubId = pair.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(privId)));
    PrivateKey rsaPrivate =
        KeyFactory.getInstance("RSA")
            .generatePrivate(
                new PKCS8EncodedKeySpec(
                    block(ok(get(v, privId)), Tag.PRIVATE_KEY)
                        .structure(Tag.KEY_VALUE)
                        .bytes(Tag.KEY_MATERIAL)));
    String key = aesKey(v, 256, false);
    byte[] plain = raw(v, key);

    // SHA-1 by default, through the public key's identifier.
    byte[] sha1 =
        block(ok(get(v, key, spec(pubId, null))), Tag.SYMMETRIC_KEY)
            .structure(Tag.KEY_VALUE)
            .bytes(Tag.KEY_MATERIAL);
    Cipher c = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    c.init(Cipher.DECRYPT_MODE, rsaPrivate);
    assertThat(c.doFinal(sha1)).isEqualTo(plain);

    // SHA-256 (MGF1 with SHA-256 too), through the private key's identifier.
    byte[] sha256 =
        block(
                ok(
                    get(
                        v,
                        key,
                        spec(
                            privId,
                            null,
                            param(Tag.PADDING_METHOD, PaddingMethod.OAEP.value()),
                            param(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256.value())))),
                Tag.SYMMETRIC_KEY)
            .structure(Tag.KEY_VALUE)
            .bytes(Tag.KEY_MATERIAL);
    Cipher c256 = Cipher.getInstance("RSA/ECB/OAEPPadding");
    c256.init(
        Cipher.DECRYPT_MODE,
        rsaPrivate,
        new OAEPParameterSpec(
            "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
    assertThat(c256.doFinal(sha256)).isEqualTo(plain);
  }

  @Test
  void aSensitiveKeyLeavesOnlyWrapped() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String kek = aesKey(v, 256, true, mask(WRAP));
    String key = aesKey(v, 256, false, KmipAttribute.bool(StandardAttribute.SENSITIVE, true));
    assertThat(failed(get(v, key))).isEqualTo(ResultReason.SENSITIVE);
    assertThat(
            block(ok(get(v, key, spec(kek, null))), Tag.SYMMETRIC_KEY)
                .structure(Tag.KEY_VALUE)
                .bytes(Tag.KEY_MATERIAL))
        .hasSize(40);
  }

  @Test
  void wrappingIsRefusedWithItsReason() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String kek = aesKey(v, 256, true, mask(WRAP));
    String key = aesKey(v, 256, false);

    // The wrapping key lacks Wrap Key.
    String noWrapBit =
        aesKey(
            v,
            256,
            true,
            mask(CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()));
    assertThat(failed(get(v, key, spec(noWrapBit, null))))
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    // The wrapping key is not Active.
    String preActive = aesKey(v, 256, false, mask(WRAP));
    assertThat(failed(get(v, key, spec(preActive, null))))
        .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    // The wrapping key does not exist.
    assertThat(failed(get(v, key, spec("no-such-key", null))))
        .isEqualTo(ResultReason.WRAPPING_OBJECT_NOT_FOUND);
    // The object is not extractable, wrapped or not.
    String kept = aesKey(v, 256, false, KmipAttribute.bool(StandardAttribute.EXTRACTABLE, false));
    assertThat(failed(get(v, kept, spec(kek, null)))).isEqualTo(ResultReason.NOT_EXTRACTABLE);
    // MAC/signature wrapping is not offered.
    TtlvStructure macSign =
        TtlvStructure.of(
            Tag.KEY_WRAPPING_SPECIFICATION,
            new TtlvEnumeration(Tag.WRAPPING_METHOD, WrappingMethod.MAC_SIGN.value()),
            TtlvStructure.of(Tag.MAC_SIGNATURE_KEY_INFORMATION, uid(kek)));
    assertThat(failed(get(v, key, macSign))).isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
    // An AES wrapping key wraps by key wrap only.
    assertThat(
            failed(
                get(
                    v,
                    key,
                    spec(kek, null, param(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value())))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // In KMIP 1.x the reasons are the nearest ones a 1.x client knows.
    assertThat(failed(get(KmipVersion.V1_4, key, spec(noWrapBit, null))))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }
}
