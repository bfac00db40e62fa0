package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.aes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.attributes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.length;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.parse;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static io.clavis.server.kmip.operations.KmipOperationsTest.unique;
import static io.clavis.server.kmip.operations.KmipService.item;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.DerivationMethod;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvInterval;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.KmipValue;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Re-key, Re-key Key Pair and Derive Key over the wire, in the 1.x and 2.x layouts, with the Link
 * attributes they set; every derived value is recomputed here with the JDK from the registered base
 * material.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipRekeyDeriveTest {
  private static final byte[] BASE_KEY = bytes(32, 7);
  private static final byte[] PASSWORD =
      "correct horse battery staple".getBytes(StandardCharsets.UTF_8);
  private static final byte[] DATA = bytes(32, 100);
  private static final byte[] SALT = bytes(16, 200);

  private TestNode node;
  private KmipService admin;
  private KmipService nobody;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-rekey-derive-test-passphrase");
    admin = KmipService.register(node, "kmip-rekey-admin", List.of("key-admins"));
    nobody = KmipService.register(node, "kmip-rekey-nobody", List.of());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static byte[] bytes(int n, int from) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (from + i);
    }
    return b;
  }

  private static KmipAttribute mask(CryptographicUsageMask... bits) {
    return KmipAttribute.integer(
        StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK,
        CryptographicUsageMask.toMask(java.util.EnumSet.copyOf(List.of(bits))));
  }

  private String createAes(KmipVersion v, KmipAttribute... more) throws Exception {
    List<KmipAttribute> all = new ArrayList<>(List.of(aes(), length(256)));
    all.addAll(List.of(more));
    return ok(admin.one(
            v,
            Operation.CREATE,
            new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
            attributes(v, all.toArray(new KmipAttribute[0]))))
        .text(Tag.UNIQUE_IDENTIFIER);
  }

  private String register(KmipVersion v, ObjectType type, TtlvStructure object, KmipAttribute m)
      throws Exception {
    String id =
        ok(admin.one(
                v,
                Operation.REGISTER,
                new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()),
                attributes(v, KmipAttribute.name(unique("base")), m),
                object))
            .text(Tag.UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(id)));
    return id;
  }

  private String registerAesBase(KmipVersion v, KmipAttribute m) throws Exception {
    return register(
        v,
        ObjectType.SYMMETRIC_KEY,
        TtlvStructure.of(
            Tag.SYMMETRIC_KEY,
            TtlvStructure.of(
                Tag.KEY_BLOCK,
                new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
                TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, BASE_KEY)),
                new TtlvEnumeration(
                    Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
                new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256))),
        m);
  }

  private String registerPasswordBase(KmipVersion v) throws Exception {
    return register(
        v,
        ObjectType.SECRET_DATA,
        TtlvStructure.of(
            Tag.SECRET_DATA,
            new TtlvEnumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()),
            TtlvStructure.of(
                Tag.KEY_BLOCK,
                new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE.value()),
                TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, PASSWORD)))),
        mask(CryptographicUsageMask.DERIVE_KEY));
  }

  private static List<KmipValue.LinkValue> links(KmipAttributes a) {
    return a.all(StandardAttribute.LINK).stream()
        .map(l -> (KmipValue.LinkValue) l.value())
        .toList();
  }

  private static KmipValue.LinkValue link(LinkType type, String id) {
    return new KmipValue.LinkValue(type, id);
  }

  private static int state(KmipAttributes a) {
    return a.first(StandardAttribute.STATE).orElseThrow().intValue();
  }

  private static List<String> names(KmipAttributes a) {
    return a.all(StandardAttribute.NAME).stream().map(KmipAttribute::textValue).toList();
  }

  private byte[] material(KmipVersion v, String id, int objectTag) throws Exception {
    return ok(admin.one(v, Operation.GET, uid(id)))
        .structure(objectTag)
        .structure(Tag.KEY_BLOCK)
        .structure(Tag.KEY_VALUE)
        .bytes(Tag.KEY_MATERIAL);
  }

  /** Encrypt or Decrypt in AES-CBC with the given IV; returns the Data of the response. */
  private byte[] cbc(KmipVersion v, Operation op, String id, byte[] iv, byte[] data)
      throws Exception {
    return ok(admin.one(
            v,
            op,
            uid(id),
            TtlvStructure.of(
                Tag.CRYPTOGRAPHIC_PARAMETERS,
                new TtlvEnumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value())),
            new TtlvByteString(Tag.DATA, data),
            new TtlvByteString(Tag.IV_COUNTER_NONCE, iv)))
        .bytes(Tag.DATA);
  }

  private static TtlvStructure rekeyItem(String id, Ttlv... more) {
    List<Ttlv> fields = new ArrayList<>();
    if (id != null) {
      fields.add(uid(id));
    }
    fields.addAll(List.of(more));
    return item(Operation.RE_KEY, fields.toArray(new Ttlv[0]));
  }

  // ---- Re-key --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void rekeyMovesTheNamesLinksBothKeysAndTheOldKeyStillDecrypts(String version) throws Exception {
    KmipVersion v = parse(version);
    String name = unique("rekeyed");
    KmipAttribute group = KmipAttribute.text(StandardAttribute.OBJECT_GROUP, unique("group"));
    String old = createAes(v, KmipAttribute.name(name), group);
    ok(admin.one(v, Operation.ACTIVATE, uid(old)));
    byte[] iv = bytes(16, 1);
    byte[] plain = "kept readable after the re-key".getBytes(StandardCharsets.UTF_8);
    byte[] sealed = cbc(v, Operation.ENCRYPT, old, iv, plain);

    String replacement = ok(admin.batch(v, rekeyItem(old)).get(0)).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(replacement).isNotEqualTo(old);

    KmipAttributes was = admin.attributes(v, old);
    assertThat(names(was)).isEmpty();
    assertThat(links(was)).containsExactly(link(LinkType.REPLACEMENT_OBJECT_LINK, replacement));
    assertThat(state(was)).isEqualTo(State.ACTIVE.value());
    KmipAttributes now = admin.attributes(v, replacement);
    assertThat(names(now)).containsExactly(name);
    assertThat(links(now)).containsExactly(link(LinkType.REPLACED_OBJECT_LINK, old));
    assertThat(now.all(StandardAttribute.OBJECT_GROUP)).containsExactly(group);
    assertThat(now.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).orElseThrow().intValue())
        .isEqualTo(256);
    // No Offset: the old key's Activation Date is copied, so the replacement is Active at once.
    assertThat(now.first(StandardAttribute.ACTIVATION_DATE))
        .isEqualTo(was.first(StandardAttribute.ACTIVATION_DATE));
    assertThat(state(now)).isEqualTo(State.ACTIVE.value());

    assertThat(cbc(v, Operation.DECRYPT, old, iv, sealed)).isEqualTo(plain);
    byte[] fresh = cbc(v, Operation.ENCRYPT, replacement, iv, plain);
    assertThat(fresh).isNotEqualTo(sealed);
    assertThat(cbc(v, Operation.DECRYPT, replacement, iv, fresh)).isEqualTo(plain);
    assertThat(material(v, replacement, Tag.SYMMETRIC_KEY))
        .isNotEqualTo(material(v, old, Tag.SYMMETRIC_KEY));

    TtlvStructure located =
        ok(
            admin.one(
                v,
                Operation.LOCATE,
                v.major() >= 2
                    ? attributes(v, KmipAttribute.name(name))
                    : KmipAttributeCodec.encodeV1(KmipAttribute.name(name), 0)));
    assertThat(located.all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class))
        .extracting(TtlvTextString::value)
        .containsExactly(replacement);

    // A REST client sees two keys; the replacement is a new key, not a new version.
    TestNode.Response rest = node.call("GET", "/v1/keys/" + replacement, null);
    assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
    assertThat(rest.text("state")).isEqualTo("ENABLED");

    // The audit trail names the old key and its replacement.
    assertThat(auditResources("kmip.re-key"))
        .anySatisfy(
            r -> {
              assertThat(r.path("keyId").asText()).isEqualTo(old);
              assertThat(r.path("replacementKeyId").asText()).isEqualTo(replacement);
            });
  }

  /** The resources of the allowed audit events of a KMIP operation. */
  private List<JsonNode> auditResources(String operation) throws Exception {
    TestNode.Response r =
        node.call("GET", "/v1/audit-events?limit=1000&result=allowed&operation=" + operation, null);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<JsonNode> out = new ArrayList<>();
    r.json().path("items").forEach(e -> out.add(e.path("resources")));
    return out;
  }

  @Test
  void rekeyWithAnOffsetShiftsTheDatesAndFollowsTheIdPlaceholder() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    Instant activation = Instant.ofEpochSecond(Instant.now().getEpochSecond() - 600);
    Instant deactivation = activation.plusSeconds(86_400);
    Instant before = Instant.now();
    List<TtlvStructure> items =
        admin.batch(
            v,
            item(
                Operation.CREATE,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes(
                    v,
                    aes(),
                    length(128),
                    KmipAttribute.date(StandardAttribute.ACTIVATION_DATE, activation),
                    KmipAttribute.date(StandardAttribute.DEACTIVATION_DATE, deactivation))),
            rekeyItem(null, new TtlvInterval(Tag.OFFSET, 3600)),
            item(Operation.GET_ATTRIBUTES));
    Instant after = Instant.now();
    String old = ok(items.get(0)).text(Tag.UNIQUE_IDENTIFIER);
    String replacement = ok(items.get(1)).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(replacement).isNotEqualTo(old);
    // The ID Placeholder now names the replacement.
    assertThat(ok(items.get(2)).text(Tag.UNIQUE_IDENTIFIER)).isEqualTo(replacement);

    KmipAttributes now = admin.attributes(v, replacement);
    Instant newActivation = now.first(StandardAttribute.ACTIVATION_DATE).orElseThrow().instant();
    Instant newDeactivation =
        now.first(StandardAttribute.DEACTIVATION_DATE).orElseThrow().instant();
    assertThat(newActivation).isBetween(before.plusSeconds(3600 - 1), after.plusSeconds(3600 + 1));
    assertThat(newDeactivation.getEpochSecond() - newActivation.getEpochSecond())
        .isEqualTo(deactivation.getEpochSecond() - activation.getEpochSecond());
    assertThat(state(now)).isEqualTo(State.PRE_ACTIVE.value());
    assertThat(state(admin.attributes(v, old))).isEqualTo(State.ACTIVE.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void rekeyKeyPairLinksBothHalvesAndTheNewPairSigns(String version) throws Exception {
    KmipVersion v = parse(version);
    TtlvStructure created =
        ok(
            KmipKeyPairTest.createKeyPair(
                admin,
                v,
                KmipKeyPairTest.algorithm(CryptographicAlgorithm.RSA, 2048),
                List.of(KmipAttribute.name(unique("pair")))));
    String priv = created.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String pub = created.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(priv)));

    TtlvStructure rekeyed =
        ok(
            admin.one(
                v,
                Operation.RE_KEY_KEY_PAIR,
                new TtlvTextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, priv)));
    String newPriv = rekeyed.text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    String newPub = rekeyed.text(Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
    assertThat(newPriv).isNotEqualTo(priv);
    assertThat(newPub).isEqualTo(newPriv + "-public");

    assertThat(links(admin.attributes(v, priv)))
        .containsExactly(
            link(LinkType.REPLACEMENT_OBJECT_LINK, newPriv), link(LinkType.PUBLIC_KEY_LINK, pub));
    assertThat(links(admin.attributes(v, pub)))
        .containsExactly(
            link(LinkType.REPLACEMENT_OBJECT_LINK, newPub), link(LinkType.PRIVATE_KEY_LINK, priv));
    KmipAttributes newPrivate = admin.attributes(v, newPriv);
    assertThat(links(newPrivate))
        .containsExactly(
            link(LinkType.REPLACED_OBJECT_LINK, priv), link(LinkType.PUBLIC_KEY_LINK, newPub));
    assertThat(links(admin.attributes(v, newPub)))
        .containsExactly(
            link(LinkType.REPLACED_OBJECT_LINK, pub), link(LinkType.PRIVATE_KEY_LINK, newPriv));
    assertThat(state(newPrivate)).isEqualTo(State.ACTIVE.value());

    TtlvStructure pss =
        TtlvStructure.of(
            Tag.CRYPTOGRAPHIC_PARAMETERS,
            new TtlvEnumeration(Tag.PADDING_METHOD, PaddingMethod.PSS.value()),
            new TtlvEnumeration(Tag.HASHING_ALGORITHM, HashingAlgorithm.SHA_256.value()));
    byte[] signature =
        ok(admin.one(v, Operation.SIGN, uid(newPriv), pss, new TtlvByteString(Tag.DATA, DATA)))
            .bytes(Tag.SIGNATURE_DATA);
    byte[] spki =
        ok(admin.one(v, Operation.GET, uid(newPub)))
            .structure(Tag.PUBLIC_KEY)
            .structure(Tag.KEY_BLOCK)
            .structure(Tag.KEY_VALUE)
            .bytes(Tag.KEY_MATERIAL);
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki));
    Signature jdk = Signature.getInstance("RSASSA-PSS");
    jdk.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
    jdk.initVerify(key);
    jdk.update(DATA);
    assertThat(jdk.verify(signature)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void rekeyErrorsCarryTheirResultReasons(String version) throws Exception {
    KmipVersion v = parse(version);
    boolean two = v.major() >= 2;
    String key = createAes(v);
    String priv =
        ok(KmipKeyPairTest.createKeyPair(
                admin, v, KmipKeyPairTest.algorithm(CryptographicAlgorithm.EC, 256), List.of()))
            .text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    ResultReason wrongType = two ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD;
    assertThat(failed(admin.one(v, Operation.RE_KEY, uid(priv)))).isEqualTo(wrongType);
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.RE_KEY_KEY_PAIR,
                    new TtlvTextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, key))))
        .isEqualTo(wrongType);
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.RE_KEY_KEY_PAIR,
                    new TtlvTextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, priv + "-public"))))
        .isEqualTo(wrongType);
    assertThat(failed(admin.one(v, Operation.RE_KEY, uid("key_doesnotexist"))))
        .isEqualTo(two ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND);
    assertThat(failed(nobody.one(v, Operation.RE_KEY, uid(key))))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(failed(admin.one(v, Operation.RE_KEY, uid(key), attributes(v, length(128)))))
        .isEqualTo(two ? ResultReason.INVALID_ATTRIBUTE_VALUE : ResultReason.INVALID_FIELD);
    if (two) {
      // KMIP 2 takes Attributes; an empty Template-Attribute (PyKMIP's) is no attributes at all.
      assertThat(
              failed(
                  admin.one(
                      v,
                      Operation.RE_KEY,
                      uid(key),
                      TtlvStructure.of(
                          Tag.TEMPLATE_ATTRIBUTE,
                          KmipAttributeCodec.encodeV1(KmipAttribute.name(unique("t")), 0)))))
          .isEqualTo(ResultReason.INVALID_FIELD);
    }
    // Nothing was replaced by the refused requests.
    assertThat(links(admin.attributes(v, key))).isEmpty();
  }

  // ---- Derive Key ----------------------------------------------------------------------------

  private static TtlvStructure hashParams(HashingAlgorithm h) {
    return TtlvStructure.of(
        Tag.CRYPTOGRAPHIC_PARAMETERS, new TtlvEnumeration(Tag.HASHING_ALGORITHM, h.value()));
  }

  private static TtlvStructure derivationParameters(Ttlv... fields) {
    return TtlvStructure.of(Tag.DERIVATION_PARAMETERS, fields);
  }

  private TtlvStructure derive(
      KmipService who,
      KmipVersion v,
      ObjectType type,
      String base,
      DerivationMethod method,
      TtlvStructure parameters,
      KmipAttribute... template)
      throws Exception {
    return who.one(
        v,
        Operation.DERIVE_KEY,
        new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()),
        uid(base),
        new TtlvEnumeration(Tag.DERIVATION_METHOD, method.value()),
        parameters,
        attributes(v, template));
  }

  /** Derives, checks the links both ways, and returns the derived value as Get gives it. */
  private byte[] derived(
      KmipVersion v,
      ObjectType type,
      String base,
      DerivationMethod method,
      TtlvStructure parameters,
      KmipAttribute... template)
      throws Exception {
    String id =
        ok(derive(admin, v, type, base, method, parameters, template)).text(Tag.UNIQUE_IDENTIFIER);
    KmipAttributes a = admin.attributes(v, id);
    assertThat(links(a)).containsExactly(link(LinkType.DERIVATION_BASE_OBJECT_LINK, base));
    assertThat(auditResources("kmip.derive-key"))
        .anySatisfy(
            r -> {
              assertThat(r.path("keyId").asText()).isEqualTo(base);
              assertThat(r.path("derivedKeyId").asText()).isEqualTo(id);
            });
    assertThat(links(admin.attributes(v, base))).contains(link(LinkType.DERIVED_KEY_LINK, id));
    assertThat(state(a)).isEqualTo(State.PRE_ACTIVE.value());
    if (v.compareTo(KmipVersion.V1_4) >= 0) {
      assertThat(a.first(StandardAttribute.EXTRACTABLE).orElseThrow().boolValue()).isTrue();
    }
    return material(v, id, type == ObjectType.SECRET_DATA ? Tag.SECRET_DATA : Tag.SYMMETRIC_KEY);
  }

  private static KmipAttribute algorithm(CryptographicAlgorithm a) {
    return KmipAttribute.enumeration(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, a);
  }

  private static byte[] hmac(String algorithm, byte[] key, byte[]... parts) throws Exception {
    Mac mac = Mac.getInstance(algorithm);
    mac.init(new SecretKeySpec(key, algorithm));
    for (byte[] p : parts) {
      mac.update(p);
    }
    return mac.doFinal();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void deriveKeyWithEachMethodGivesWhatTheJdkComputes(String version) throws Exception {
    KmipVersion v = parse(version);
    String key =
        registerAesBase(
            v,
            mask(
                CryptographicUsageMask.ENCRYPT,
                CryptographicUsageMask.DECRYPT,
                CryptographicUsageMask.DERIVE_KEY));
    String password = registerPasswordBase(v);
    Ttlv data = new TtlvByteString(Tag.DERIVATION_DATA, DATA);
    Ttlv salt = new TtlvByteString(Tag.SALT, SALT);
    char[] chars = new String(PASSWORD, StandardCharsets.UTF_8).toCharArray();

    // PBKDF2 with SHA-256, into an AES-256 key.
    byte[] pbkdf2 =
        derived(
            v,
            ObjectType.SYMMETRIC_KEY,
            password,
            DerivationMethod.PBKDF2,
            derivationParameters(
                hashParams(HashingAlgorithm.SHA_256),
                salt,
                new TtlvInteger(Tag.ITERATION_COUNT, 1000)),
            algorithm(CryptographicAlgorithm.AES),
            length(256));
    assertThat(pbkdf2)
        .isEqualTo(
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(chars, SALT, 1000, 256))
                .getEncoded());

    // PBKDF2 without Cryptographic Parameters is HMAC-SHA1, here into 40 bytes of Secret Data.
    byte[] pbkdf2Sha1 =
        derived(
            v,
            ObjectType.SECRET_DATA,
            password,
            DerivationMethod.PBKDF2,
            derivationParameters(salt, new TtlvInteger(Tag.ITERATION_COUNT, 10)),
            length(320));
    assertThat(pbkdf2Sha1)
        .isEqualTo(
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                .generateSecret(new PBEKeySpec(chars, SALT, 10, 320))
                .getEncoded());

    // HASH: the hash of the base material and the Derivation Data.
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    sha256.update(BASE_KEY);
    assertThat(
            derived(
                v,
                ObjectType.SYMMETRIC_KEY,
                key,
                DerivationMethod.HASH,
                derivationParameters(hashParams(HashingAlgorithm.SHA_256), data),
                algorithm(CryptographicAlgorithm.AES),
                length(128)))
        .isEqualTo(Arrays.copyOf(sha256.digest(DATA), 16));

    // HMAC-SHA512 of the Derivation Data, into an HMAC-SHA512 key.
    assertThat(
            derived(
                v,
                ObjectType.SYMMETRIC_KEY,
                key,
                DerivationMethod.HMAC,
                derivationParameters(hashParams(HashingAlgorithm.SHA_512), data),
                algorithm(CryptographicAlgorithm.HMAC_SHA512),
                length(512)))
        .isEqualTo(hmac("HmacSHA512", BASE_KEY, DATA));

    // ENCRYPT: AES-CBC of the Derivation Data with the base key.
    byte[] iv = bytes(16, 50);
    Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(BASE_KEY, "AES"), new IvParameterSpec(iv));
    assertThat(
            derived(
                v,
                ObjectType.SYMMETRIC_KEY,
                key,
                DerivationMethod.ENCRYPT,
                derivationParameters(
                    TtlvStructure.of(
                        Tag.CRYPTOGRAPHIC_PARAMETERS,
                        new TtlvEnumeration(Tag.BLOCK_CIPHER_MODE, BlockCipherMode.CBC.value()),
                        new TtlvEnumeration(Tag.PADDING_METHOD, PaddingMethod.NONE.value())),
                    new TtlvByteString(Tag.INITIALIZATION_VECTOR, iv),
                    data),
                algorithm(CryptographicAlgorithm.AES),
                length(256)))
        .isEqualTo(cipher.doFinal(DATA));

    // NIST SP 800-108 counter mode with HMAC-SHA256: two blocks for 48 bytes.
    byte[] k1 = hmac("HmacSHA256", BASE_KEY, ByteBuffer.allocate(4).putInt(1).array(), DATA);
    byte[] k2 = hmac("HmacSHA256", BASE_KEY, ByteBuffer.allocate(4).putInt(2).array(), DATA);
    byte[] expected = Arrays.copyOf(k1, 48);
    System.arraycopy(k2, 0, expected, 32, 16);
    assertThat(
            derived(
                v,
                ObjectType.SECRET_DATA,
                key,
                DerivationMethod.NIST800_108_C,
                derivationParameters(data),
                length(384)))
        .isEqualTo(expected);
  }

  @Test
  void hkdfIsRfc5869() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String key = registerAesBase(v, mask(CryptographicUsageMask.DERIVE_KEY));
    byte[] prk = hmac("HmacSHA256", SALT, BASE_KEY);
    byte[] t1 = hmac("HmacSHA256", prk, DATA, new byte[] {1});
    byte[] t2 = hmac("HmacSHA256", prk, t1, DATA, new byte[] {2});
    byte[] expected = Arrays.copyOf(t1, 40);
    System.arraycopy(t2, 0, expected, 32, 8);
    assertThat(
            derived(
                v,
                ObjectType.SECRET_DATA,
                key,
                DerivationMethod.HKDF,
                derivationParameters(
                    new TtlvByteString(Tag.SALT, SALT),
                    new TtlvByteString(Tag.DERIVATION_DATA, DATA)),
                length(320)))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.4", "2.0"})
  void deriveKeyErrorsCarryTheirResultReasons(String version) throws Exception {
    KmipVersion v = parse(version);
    boolean two = v.major() >= 2;
    String base = registerAesBase(v, mask(CryptographicUsageMask.DERIVE_KEY));
    TtlvStructure hmacData = derivationParameters(new TtlvByteString(Tag.DERIVATION_DATA, DATA));
    KmipAttribute[] aes256 = {algorithm(CryptographicAlgorithm.AES), length(256)};

    // The base needs the Derive Key bit...
    String noBit = registerAesBase(v, mask(CryptographicUsageMask.ENCRYPT));
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    noBit,
                    DerivationMethod.HMAC,
                    hmacData,
                    aes256)))
        .isEqualTo(
            two ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.INVALID_FIELD);
    // ... and must be Active.
    String preActive = createAes(v, mask(CryptographicUsageMask.DERIVE_KEY));
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    preActive,
                    DerivationMethod.HMAC,
                    hmacData,
                    aes256)))
        .isEqualTo(two ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
    // Keys are derived into Symmetric Keys or Secret Data, from the same.
    ResultReason wrongType = two ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD;
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.PRIVATE_KEY,
                    base,
                    DerivationMethod.HMAC,
                    hmacData,
                    aes256)))
        .isEqualTo(wrongType);
    String pair =
        ok(KmipKeyPairTest.createKeyPair(
                admin, v, KmipKeyPairTest.algorithm(CryptographicAlgorithm.EC, 256), List.of()))
            .text(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    ok(admin.one(v, Operation.ACTIVATE, uid(pair)));
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    pair,
                    DerivationMethod.HMAC,
                    hmacData,
                    aes256)))
        .isEqualTo(wrongType);
    // PBKDF2's Iteration Count is 1 to 10,000,000.
    for (int count : new int[] {0, 10_000_001}) {
      assertThat(
              failed(
                  derive(
                      admin,
                      v,
                      ObjectType.SYMMETRIC_KEY,
                      base,
                      DerivationMethod.PBKDF2,
                      derivationParameters(
                          new TtlvByteString(Tag.SALT, SALT),
                          new TtlvInteger(Tag.ITERATION_COUNT, count)),
                      aes256)))
          .as("iteration count %d", count)
          .isEqualTo(ResultReason.INVALID_FIELD);
    }
    // Methods: an unknown value, one Clavis does not offer.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.DERIVE_KEY,
                    new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                    uid(base),
                    new TtlvEnumeration(Tag.DERIVATION_METHOD, 0x7777),
                    hmacData,
                    attributes(v, aes256))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    base,
                    DerivationMethod.NIST800_108_F,
                    hmacData,
                    aes256)))
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    // Lengths: none, more than a method gives, more than 512 bits.
    assertThat(
            failed(derive(admin, v, ObjectType.SECRET_DATA, base, DerivationMethod.HMAC, hmacData)))
        .isEqualTo(ResultReason.MISSING_DATA);
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SECRET_DATA,
                    base,
                    DerivationMethod.HASH,
                    hmacData,
                    length(384))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(
                derive(
                    admin,
                    v,
                    ObjectType.SECRET_DATA,
                    base,
                    DerivationMethod.NIST800_108_C,
                    hmacData,
                    length(1024))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // A service no policy names.
    assertThat(
            failed(
                derive(
                    nobody,
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    base,
                    DerivationMethod.HMAC,
                    hmacData,
                    aes256)))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    // None of the refusals left a link on the base.
    assertThat(links(admin.attributes(v, base))).isEmpty();
  }

  // ---- the Link attribute ------------------------------------------------------------------

  @Test
  void aClientAddsModifiesAndDeletesLinks() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    String id = createAes(v);
    String other = createAes(v);
    KmipAttribute parent =
        KmipAttribute.of(StandardAttribute.LINK, link(LinkType.PARENT_LINK, other));
    ok(admin.one(v, Operation.ADD_ATTRIBUTE, uid(id), KmipAttributeCodec.encodeV1(parent, 0)));
    assertThat(links(admin.attributes(v, id))).containsExactly(link(LinkType.PARENT_LINK, other));
    KmipAttribute next = KmipAttribute.of(StandardAttribute.LINK, link(LinkType.NEXT_LINK, other));
    ok(admin.one(v, Operation.MODIFY_ATTRIBUTE, uid(id), KmipAttributeCodec.encodeV1(next, 0)));
    assertThat(links(admin.attributes(v, id))).containsExactly(link(LinkType.NEXT_LINK, other));
    ok(
        admin.one(
            v,
            Operation.DELETE_ATTRIBUTE,
            uid(id),
            new TtlvTextString(Tag.ATTRIBUTE_NAME, "Link"),
            new TtlvInteger(Tag.ATTRIBUTE_INDEX, 0)));
    assertThat(links(admin.attributes(v, id))).isEmpty();

    // KMIP 2: Link is multi-valued, so Set Attribute is refused; Add Attribute works.
    KmipVersion v2 = KmipVersion.V2_0;
    assertThat(
            failed(
                admin.one(
                    v2,
                    Operation.SET_ATTRIBUTE,
                    uid(id),
                    TtlvStructure.of(Tag.NEW_ATTRIBUTE, KmipAttributeCodec.encodeV2(parent)))))
        .isEqualTo(ResultReason.MULTI_VALUED_ATTRIBUTE);
    ok(
        admin.one(
            v2,
            Operation.ADD_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(Tag.NEW_ATTRIBUTE, KmipAttributeCodec.encodeV2(parent))));
    assertThat(links(admin.attributes(v2, id))).containsExactly(link(LinkType.PARENT_LINK, other));
  }
}
