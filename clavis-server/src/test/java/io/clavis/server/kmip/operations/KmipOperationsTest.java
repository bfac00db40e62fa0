package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipService.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.QueryFunction;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.ResultStatus;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.State;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributeName;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.KmipValue;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import io.clavis.server.tls.ClusterCa;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The managed-object operations over the wire: raw TTLV requests over mutual TLS to a real node, in
 * the 1.x and 2.x payload layouts, and the Result Reasons of the error paths.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipOperationsTest {
  private static final AtomicInteger UNIQUE = new AtomicInteger();
  private TestNode node;
  private KmipService admin;
  private KmipService nobody;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-operations-test-passphrase");
    admin = KmipService.register(node, "kmip-ops-admin", List.of("key-admins"));
    nobody = KmipService.register(node, "kmip-ops-nobody", List.of());
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  static KmipVersion parse(String v) {
    String[] p = v.split("\\.");
    return new KmipVersion(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
  }

  // ---- request builders ----------------------------------------------------------------------

  static Ttlv attributes(KmipVersion v, KmipAttribute... list) {
    KmipAttributes all = KmipAttributes.of(list);
    if (v.major() >= 2) {
      return KmipAttributeCodec.encodeV2Attributes(Tag.ATTRIBUTES, all);
    }
    return TtlvStructure.builder(Tag.TEMPLATE_ATTRIBUTE)
        .addAll(KmipAttributeCodec.encodeV1List(all))
        .build();
  }

  static KmipAttribute aes() {
    return KmipAttribute.enumeration(
        StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES);
  }

  static KmipAttribute length(int bits) {
    return KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, bits);
  }

  static TtlvStructure createItem(KmipVersion v, String name) {
    return item(
        Operation.CREATE,
        new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
        attributes(v, aes(), length(256), KmipAttribute.name(name)));
  }

  static Ttlv uid(String id) {
    return new TtlvTextString(Tag.UNIQUE_IDENTIFIER, id);
  }

  static String unique(String prefix) {
    return prefix + "-" + UNIQUE.incrementAndGet();
  }

  // ---- response readers ----------------------------------------------------------------------

  static TtlvStructure ok(TtlvStructure item) {
    assertThat(item.enumeration(Tag.RESULT_STATUS))
        .as("%s", item)
        .isEqualTo(ResultStatus.SUCCESS.value());
    return item.optional(Tag.RESPONSE_PAYLOAD, TtlvStructure.class)
        .orElse(TtlvStructure.of(Tag.RESPONSE_PAYLOAD));
  }

  static ResultReason failed(TtlvStructure item) {
    assertThat(item.enumeration(Tag.RESULT_STATUS))
        .as("%s", item)
        .isEqualTo(ResultStatus.OPERATION_FAILED.value());
    int r = item.enumeration(Tag.RESULT_REASON);
    return ResultReason.fromValue(r).orElseThrow();
  }

  String create(KmipVersion v, String name) throws Exception {
    return ok(admin.batch(v, createItem(v, name)).get(0)).text(Tag.UNIQUE_IDENTIFIER);
  }

  KmipAttributes attributesOf(KmipVersion v, String id) throws Exception {
    return admin.attributesOf(v, id);
  }

  static int state(KmipAttributes a) {
    return a.first(StandardAttribute.STATE).orElseThrow().intValue();
  }

  // ---- tests ---------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1"})
  void createGetAttributesLocateActivateRevokeDestroy(String version) throws Exception {
    KmipVersion v = parse(version);
    String name = unique("ops-key");
    String id = create(v, name);

    KmipAttributes attrs = attributesOf(v, id);
    assertThat(state(attrs)).isEqualTo(State.PRE_ACTIVE.value());
    assertThat(attrs.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).orElseThrow().intValue())
        .isEqualTo(256);
    assertThat(attrs.first(StandardAttribute.NAME).orElseThrow().textValue()).isEqualTo(name);

    TtlvStructure list = ok(admin.one(v, Operation.GET_ATTRIBUTE_LIST, uid(id)));
    if (v.major() >= 2) {
      assertThat(list.children(Tag.ATTRIBUTE_REFERENCE)).isNotEmpty();
    } else {
      assertThat(list.all(Tag.ATTRIBUTE_NAME, TtlvTextString.class))
          .extracting(TtlvTextString::value)
          .contains("Name", "State", "Cryptographic Algorithm");
    }

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
        .containsExactly(id);
    assertThat(located.child(Tag.LOCATED_ITEMS).isPresent())
        .isEqualTo(v.compareTo(KmipVersion.V1_3) >= 0);

    TtlvStructure got = ok(admin.one(v, Operation.GET, uid(id)));
    TtlvStructure block = got.structure(Tag.SYMMETRIC_KEY).structure(Tag.KEY_BLOCK);
    assertThat(block.enumeration(Tag.KEY_FORMAT_TYPE)).isEqualTo(KeyFormatType.RAW.value());
    byte[] raw = block.structure(Tag.KEY_VALUE).bytes(Tag.KEY_MATERIAL);
    assertThat(raw).hasSize(32);
    TtlvStructure transparent =
        ok(
            admin.one(
                v,
                Operation.GET,
                uid(id),
                new TtlvEnumeration(
                    Tag.KEY_FORMAT_TYPE, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY.value())));
    assertThat(
            transparent
                .structure(Tag.SYMMETRIC_KEY)
                .structure(Tag.KEY_BLOCK)
                .structure(Tag.KEY_VALUE)
                .structure(Tag.KEY_MATERIAL)
                .bytes(Tag.KEY))
        .isEqualTo(raw);

    ok(admin.one(v, Operation.ACTIVATE, uid(id)));
    assertThat(state(attributesOf(v, id))).isEqualTo(State.ACTIVE.value());
    TestNode.Response rest = node.call("GET", "/v1/keys/" + id, null);
    assertThat(rest.status()).as(rest.toString()).isEqualTo(200);
    assertThat(rest.text("state")).isEqualTo("ENABLED");
    TestNode.Response enc =
        node.call("POST", "/v1/keys/" + id + "/encrypt", "{\"plaintext\":\"aGVsbG8=\"}");
    assertThat(enc.status()).as(enc.toString()).isEqualTo(200);

    // An Active key cannot be destroyed.
    ResultReason refused = failed(admin.one(v, Operation.DESTROY, uid(id)));
    assertThat(refused)
        .isEqualTo(
            v.major() >= 2
                ? ResultReason.WRONG_KEY_LIFECYCLE_STATE
                : ResultReason.PERMISSION_DENIED);

    ok(
        admin.one(
            v,
            Operation.REVOKE,
            uid(id),
            TtlvStructure.of(
                Tag.REVOCATION_REASON,
                new TtlvEnumeration(
                    Tag.REVOCATION_REASON_CODE,
                    RevocationReasonCode.CESSATION_OF_OPERATION.value()),
                new TtlvTextString(Tag.REVOCATION_MESSAGE, "retired"))));
    assertThat(state(attributesOf(v, id))).isEqualTo(State.DEACTIVATED.value());
    ok(admin.one(v, Operation.DESTROY, uid(id)));
    assertThat(state(attributesOf(v, id))).isEqualTo(State.DESTROYED.value());
    assertThat(failed(admin.one(v, Operation.GET, uid(id))))
        .isNotEqualTo(ResultReason.GENERAL_FAILURE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.0"})
  void createThenActivateInOneBatchThroughTheIdPlaceholder(String version) throws Exception {
    KmipVersion v = parse(version);
    List<TtlvStructure> items =
        admin.batch(v, createItem(v, unique("batch")), item(Operation.ACTIVATE));
    String id = ok(items.get(0)).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(ok(items.get(1)).text(Tag.UNIQUE_IDENTIFIER)).isEqualTo(id);
    assertThat(state(attributesOf(v, id))).isEqualTo(State.ACTIVE.value());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.2", "1.4", "2.0", "2.1"})
  void registerEveryObjectTypeAndGetItBack(String version) throws Exception {
    KmipVersion v = parse(version);
    byte[] aes = new byte[16];
    new java.security.SecureRandom().nextBytes(aes);
    TtlvStructure key =
        TtlvStructure.of(
            Tag.SYMMETRIC_KEY,
            TtlvStructure.of(
                Tag.KEY_BLOCK,
                new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
                TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, aes)),
                new TtlvEnumeration(
                    Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
                new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 128)));
    String keyId = register(v, ObjectType.SYMMETRIC_KEY, key);
    assertThat(
            ok(admin.one(v, Operation.GET, uid(keyId)))
                .structure(Tag.SYMMETRIC_KEY)
                .structure(Tag.KEY_BLOCK)
                .structure(Tag.KEY_VALUE)
                .bytes(Tag.KEY_MATERIAL))
        .isEqualTo(aes);

    byte[] secret = "a database password".getBytes(StandardCharsets.UTF_8);
    TtlvStructure data =
        TtlvStructure.of(
            Tag.SECRET_DATA,
            new TtlvEnumeration(Tag.SECRET_DATA_TYPE, SecretDataType.PASSWORD.value()),
            TtlvStructure.of(
                Tag.KEY_BLOCK,
                new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.OPAQUE.value()),
                TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, secret))));
    String dataId = register(v, ObjectType.SECRET_DATA, data);
    TtlvStructure gotData = ok(admin.one(v, Operation.GET, uid(dataId))).structure(Tag.SECRET_DATA);
    assertThat(gotData.enumeration(Tag.SECRET_DATA_TYPE))
        .isEqualTo(SecretDataType.PASSWORD.value());
    assertThat(gotData.structure(Tag.KEY_BLOCK).structure(Tag.KEY_VALUE).bytes(Tag.KEY_MATERIAL))
        .isEqualTo(secret);

    byte[] opaque = {1, 2, 3, 4, 5};
    String opaqueId =
        register(
            v,
            ObjectType.OPAQUE_OBJECT,
            TtlvStructure.of(
                Tag.OPAQUE_OBJECT,
                new TtlvEnumeration(Tag.OPAQUE_DATA_TYPE, 0x80000001),
                new TtlvByteString(Tag.OPAQUE_DATA_VALUE, opaque)));
    TtlvStructure gotOpaque =
        ok(admin.one(v, Operation.GET, uid(opaqueId))).structure(Tag.OPAQUE_OBJECT);
    assertThat(gotOpaque.bytes(Tag.OPAQUE_DATA_VALUE)).isEqualTo(opaque);
    assertThat(gotOpaque.enumeration(Tag.OPAQUE_DATA_TYPE)).isEqualTo(0x80000001);

    var pair = KeyPairGenerator.getInstance("EC").generateKeyPair();
    byte[] der =
        ClusterCa.create("kmip-cert")
            .issueNodeCertificate("cert", pair.getPublic(), List.of(), Duration.ofDays(1))
            .getEncoded();
    String certId =
        register(
            v,
            ObjectType.CERTIFICATE,
            TtlvStructure.of(
                Tag.CERTIFICATE,
                new TtlvEnumeration(Tag.CERTIFICATE_TYPE, 1),
                new TtlvByteString(Tag.CERTIFICATE_VALUE, der)));
    TtlvStructure gotCert =
        ok(admin.one(
                v,
                Operation.GET,
                uid(certId),
                new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.X_509.value())))
            .structure(Tag.CERTIFICATE);
    assertThat(gotCert.bytes(Tag.CERTIFICATE_VALUE)).isEqualTo(der);
  }

  private String register(KmipVersion v, ObjectType type, TtlvStructure object) throws Exception {
    return ok(admin.one(
            v,
            Operation.REGISTER,
            new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()),
            attributes(v, KmipAttribute.name(unique("reg"))),
            object))
        .text(Tag.UNIQUE_IDENTIFIER);
  }

  @Test
  void addModifyDeleteAttributeInKmip1() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    String id = create(v, unique("edit1"));
    KmipAttribute colour = KmipAttribute.custom("x", "colour", new KmipValue.Text("red"));
    TtlvStructure added =
        ok(admin.one(v, Operation.ADD_ATTRIBUTE, uid(id), KmipAttributeCodec.encodeV1(colour, 0)));
    assertThat(KmipAttributeCodec.decodeV1(added.structure(Tag.ATTRIBUTE)).attribute())
        .isEqualTo(colour);
    KmipAttribute blue = KmipAttribute.custom("x", "colour", new KmipValue.Text("blue"));
    ok(admin.one(v, Operation.MODIFY_ATTRIBUTE, uid(id), KmipAttributeCodec.encodeV1(blue, 0)));
    KmipAttributeName name = KmipAttributeName.custom("x", "colour");
    assertThat(attributesOf(v, id).all(name)).containsExactly(blue);
    TtlvStructure deleted =
        ok(
            admin.one(
                v,
                Operation.DELETE_ATTRIBUTE,
                uid(id),
                new TtlvTextString(Tag.ATTRIBUTE_NAME, "x-colour")));
    assertThat(KmipAttributeCodec.decodeV1(deleted.structure(Tag.ATTRIBUTE)).attribute())
        .isEqualTo(blue);
    assertThat(attributesOf(v, id).all(name)).isEmpty();
  }

  @Test
  void setAdjustModifyDeleteAttributeInKmip2() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String id = create(v, unique("edit2"));
    KmipAttribute count = KmipAttribute.custom("x", "count", new KmipValue.IntegerValue(1));
    ok(
        admin.one(
            v,
            Operation.ADD_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(Tag.NEW_ATTRIBUTE, KmipAttributeCodec.encodeV2(count))));
    KmipAttributeName name = KmipAttributeName.custom("x", "count");
    ok(
        admin.one(
            v,
            Operation.ADJUST_ATTRIBUTE,
            uid(id),
            KmipAttributeCodec.encodeReference(name),
            new TtlvEnumeration(Tag.ADJUSTMENT_TYPE, 1),
            new TtlvInteger(Tag.ADJUSTMENT_VALUE, 4)));
    assertThat(attributesOf(v, id).first(name).orElseThrow().intValue()).isEqualTo(5);
    KmipAttribute contact = KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "ops");
    ok(
        admin.one(
            v,
            Operation.SET_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(Tag.NEW_ATTRIBUTE, KmipAttributeCodec.encodeV2(contact))));
    assertThat(attributesOf(v, id).first(StandardAttribute.CONTACT_INFORMATION)).contains(contact);
    // Extractable only goes from true to false; then the value stays on the server.
    ok(
        admin.one(
            v,
            Operation.SET_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(
                Tag.NEW_ATTRIBUTE,
                KmipAttributeCodec.encodeV2(
                    KmipAttribute.bool(StandardAttribute.EXTRACTABLE, false)))));
    assertThat(failed(admin.one(v, Operation.GET, uid(id))))
        .isEqualTo(ResultReason.NOT_EXTRACTABLE);
    KmipAttribute two = KmipAttribute.custom("x", "count", new KmipValue.IntegerValue(2));
    ok(
        admin.one(
            v,
            Operation.MODIFY_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(Tag.NEW_ATTRIBUTE, KmipAttributeCodec.encodeV2(two))));
    assertThat(attributesOf(v, id).all(name)).containsExactly(two);
    ok(
        admin.one(
            v,
            Operation.DELETE_ATTRIBUTE,
            uid(id),
            TtlvStructure.of(Tag.CURRENT_ATTRIBUTE, KmipAttributeCodec.encodeV2(two))));
    assertThat(attributesOf(v, id).all(name)).isEmpty();
  }

  @Test
  void locatePagesWithMaximumAndOffsetItemsAndFindsByGroupAndType() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    String group = unique("grp");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          ok(admin.one(
                  v,
                  Operation.CREATE,
                  new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                  attributes(
                      v,
                      aes(),
                      length(128),
                      KmipAttribute.text(StandardAttribute.OBJECT_GROUP, group))))
              .text(Tag.UNIQUE_IDENTIFIER));
    }
    ids.sort(null);
    Ttlv byGroup =
        KmipAttributeCodec.encodeV1(KmipAttribute.text(StandardAttribute.OBJECT_GROUP, group), 0);
    Ttlv byType =
        KmipAttributeCodec.encodeV1(
            KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY), 0);
    TtlvStructure page =
        ok(
            admin.one(
                v,
                Operation.LOCATE,
                new TtlvInteger(Tag.MAXIMUM_ITEMS, 1),
                new TtlvInteger(Tag.OFFSET_ITEMS, 1),
                byGroup,
                byType));
    assertThat(page.integer(Tag.LOCATED_ITEMS)).isEqualTo(3);
    assertThat(page.all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class))
        .extracting(TtlvTextString::value)
        .containsExactly(ids.get(1));
  }

  @Test
  void restKeysAreLocatedButTheirValueStaysOnTheServer() throws Exception {
    String vault = node.createVault(unique("rest-vault"));
    String name = unique("rest-key");
    String keyId = node.createKey(vault, name, "AES_256");
    KmipVersion v = KmipVersion.V1_4;
    TtlvStructure located =
        ok(
            admin.one(
                v, Operation.LOCATE, KmipAttributeCodec.encodeV1(KmipAttribute.name(name), 0)));
    assertThat(located.all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class))
        .extracting(TtlvTextString::value)
        .containsExactly(keyId);
    assertThat(failed(admin.one(v, Operation.GET, uid(keyId))))
        .isEqualTo(ResultReason.NOT_EXTRACTABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "2.0"})
  void errorPathsCarryTheirResultReasons(String version) throws Exception {
    KmipVersion v = parse(version);
    boolean two = v.major() >= 2;
    assertThat(failed(admin.one(v, Operation.GET, uid("key_doesnotexist"))))
        .isEqualTo(two ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND);
    assertThat(failed(admin.one(v, Operation.GET_ATTRIBUTES, uid("nothing-like-an-id"))))
        .isIn(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND);

    // Create makes symmetric keys only.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.CREATE,
                    new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SECRET_DATA.value()),
                    attributes(v))))
        .isEqualTo(two ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.INVALID_FIELD);

    // An attribute Clavis does not keep.
    Ttlv bad =
        two
            ? TtlvStructure.of(
                Tag.ATTRIBUTES, new TtlvTextString(Tag.OPERATION_POLICY_NAME, "default"))
            : TtlvStructure.of(
                Tag.TEMPLATE_ATTRIBUTE,
                TtlvStructure.of(
                    Tag.ATTRIBUTE,
                    new TtlvTextString(Tag.ATTRIBUTE_NAME, "Colour Of The Sky"),
                    new TtlvTextString(Tag.ATTRIBUTE_VALUE, "blue")));
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.CREATE,
                    new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                    bad)))
        .isEqualTo(two ? ResultReason.UNSUPPORTED_ATTRIBUTE : ResultReason.INVALID_FIELD);

    // A service no policy names.
    String id = create(v, unique("err"));
    assertThat(failed(nobody.one(v, Operation.GET, uid(id))))
        .isEqualTo(ResultReason.PERMISSION_DENIED);
    assertThat(failed(nobody.batch(v, createItem(v, unique("denied"))).get(0)))
        .isEqualTo(ResultReason.PERMISSION_DENIED);

    // A Key Wrapping Specification without its Wrapping Method.
    assertThat(
            failed(
                admin.one(
                    v, Operation.GET, uid(id), TtlvStructure.of(Tag.KEY_WRAPPING_SPECIFICATION))))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void rngRetrieveAndQueryListTheOperations() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    TtlvStructure rng =
        ok(admin.one(v, Operation.RNG_RETRIEVE, new TtlvInteger(Tag.DATA_LENGTH, 48)));
    assertThat(rng.bytes(Tag.DATA)).hasSize(48);
    assertThat(failed(admin.one(v, Operation.RNG_RETRIEVE, new TtlvInteger(Tag.DATA_LENGTH, 0))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    TtlvStructure q =
        ok(
            admin.one(
                v,
                Operation.QUERY,
                new TtlvEnumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OPERATIONS.value()),
                new TtlvEnumeration(Tag.QUERY_FUNCTION, QueryFunction.QUERY_OBJECTS.value())));
    assertThat(q.all(Tag.OPERATION, TtlvEnumeration.class))
        .extracting(TtlvEnumeration::value)
        .contains(
            Operation.CREATE.value(),
            Operation.REGISTER.value(),
            Operation.GET.value(),
            Operation.LOCATE.value(),
            Operation.DESTROY.value(),
            Operation.RNG_RETRIEVE.value())
        .doesNotContain(Operation.SET_ATTRIBUTE.value());
    assertThat(q.all(Tag.OBJECT_TYPE, TtlvEnumeration.class))
        .extracting(TtlvEnumeration::value)
        .contains(ObjectType.SYMMETRIC_KEY.value(), ObjectType.CERTIFICATE.value());
  }

  @Test
  void checkAcceptsAnExistingObjectAndComparesTheUsageMask() throws Exception {
    KmipVersion v = KmipVersion.V1_4;
    String id =
        ok(admin.one(
                v,
                Operation.CREATE,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes(
                    v,
                    aes(),
                    length(128),
                    KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK, 0x4 | 0x8))))
            .text(Tag.UNIQUE_IDENTIFIER);
    assertThat(ok(admin.one(v, Operation.CHECK, uid(id))).text(Tag.UNIQUE_IDENTIFIER))
        .isEqualTo(id);
    ok(admin.one(v, Operation.CHECK, uid(id), new TtlvInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x4)));
    // Sign (0x1) is not in the mask: Incompatible Cryptographic Usage Mask, Invalid Field for 1.x.
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.CHECK,
                    uid(id),
                    new TtlvInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x1))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    assertThat(
            failed(
                admin.one(
                    KmipVersion.V2_0,
                    Operation.CHECK,
                    uid(id),
                    new TtlvInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, 0x1))))
        .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
  }
}
