package io.clavis.server.kmip.operations;

import static io.clavis.server.kmip.operations.KmipOperationsTest.attributes;
import static io.clavis.server.kmip.operations.KmipOperationsTest.failed;
import static io.clavis.server.kmip.operations.KmipOperationsTest.ok;
import static io.clavis.server.kmip.operations.KmipOperationsTest.parse;
import static io.clavis.server.kmip.operations.KmipOperationsTest.uid;
import static io.clavis.server.kmip.operations.KmipOperationsTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.SecretDataType;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.StandardAttribute;
import io.clavis.server.testing.TestNode;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Split Key objects: Register, Get as registered, Locate by object type, and the refusals. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmipSplitKeyTest {
  private static final byte[] PART = {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
    27, 28, 29, 30, 31, 32
  };
  private TestNode node;
  private KmipService admin;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    node = new TestNode(dir);
    node.initialize("kmip-split-key-test-passphrase");
    admin = KmipService.register(node, "kmip-split-admin", List.of("key-admins"));
  }

  @AfterAll
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  static TtlvStructure splitKey(int parts, int id, int threshold, int method, Ttlv... extra) {
    List<Ttlv> fields = new ArrayList<>();
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_PARTS, parts));
    fields.add(new TtlvInteger(Tag.KEY_PART_IDENTIFIER, id));
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_THRESHOLD, threshold));
    fields.add(new TtlvEnumeration(Tag.SPLIT_KEY_METHOD, method));
    fields.addAll(List.of(extra));
    fields.add(
        TtlvStructure.of(
            Tag.KEY_BLOCK,
            new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
            TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, PART)),
            new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
            new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 256)));
    return new TtlvStructure(Tag.SPLIT_KEY, fields);
  }

  TtlvStructure register(KmipVersion v, TtlvStructure splitKey, String name) throws Exception {
    return admin.one(
        v,
        Operation.REGISTER,
        new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SPLIT_KEY.value()),
        attributes(v, KmipAttribute.name(name)),
        splitKey);
  }

  List<String> locate(KmipVersion v, KmipAttribute... criteria) throws Exception {
    return admin.locate(v, criteria);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "1.4", "2.0"})
  void aSplitKeyComesBackAsRegisteredAndIsLocatedByType(String version) throws Exception {
    KmipVersion v = parse(version);
    String name = unique("split");
    TtlvStructure polynomial = splitKey(5, 2, 3, 2);
    String id = ok(register(v, polynomial, name)).text(Tag.UNIQUE_IDENTIFIER);
    TtlvStructure got = ok(admin.one(v, Operation.GET, uid(id)));
    assertThat(got.enumeration(Tag.OBJECT_TYPE)).isEqualTo(ObjectType.SPLIT_KEY.value());
    assertThat(got.structure(Tag.SPLIT_KEY)).isEqualTo(polynomial);

    // With a Prime Field Size.
    TtlvStructure prime =
        splitKey(3, 3, 2, 3, new TtlvBigInteger(Tag.PRIME_FIELD_SIZE, BigInteger.valueOf(65537)));
    String primeId = ok(register(v, prime, unique("split-prime"))).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(ok(admin.one(v, Operation.GET, uid(primeId))).structure(Tag.SPLIT_KEY))
        .isEqualTo(prime);

    assertThat(
            locate(
                v, KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.SPLIT_KEY)))
        .contains(id, primeId);
    assertThat(locate(v, KmipAttribute.name(name))).containsExactly(id);
    // Split keys are not another kind of symmetric key.
    assertThat(
            locate(
                v,
                KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY)))
        .doesNotContain(id);
  }

  @Test
  void badSplitKeysAreRefusedAndNothingIsStored() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String name = unique("bad-split");
    for (TtlvStructure bad :
        List.of(
            splitKey(3, 1, 4, 2), // threshold above the parts
            splitKey(3, 0, 2, 2), // no part 0
            splitKey(3, 1, 2, 3), // prime field without its size
            splitKey(3, 1, 2, 1), // XOR needs every part
            splitKey(3, 1, 2, 9))) { // no such method
      assertThat(failed(register(v, bad, name))).isEqualTo(ResultReason.INVALID_FIELD);
    }
    // A Cryptographic Algorithm attribute: a split key's algorithm is in its Key Block.
    TtlvStructure withAlgorithm =
        admin.one(
            v,
            Operation.REGISTER,
            new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SPLIT_KEY.value()),
            attributes(
                v,
                KmipAttribute.name(name),
                KmipAttribute.enumeration(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES)),
            splitKey(3, 1, 2, 2));
    assertThat(failed(withAlgorithm)).isEqualTo(ResultReason.INVALID_ATTRIBUTE);
    assertThat(locate(v, KmipAttribute.name(name))).isEmpty();
    // Get in a Key Format Type: a split key comes only as registered.
    String id = ok(register(v, splitKey(2, 1, 2, 1), unique("xor"))).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(
            failed(
                admin.one(
                    v,
                    Operation.GET,
                    uid(id),
                    new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()))))
        .isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED);
  }

  // ---- Create Split Key and Join Split Key -----------------------------------------------------

  TtlvStructure createSplit(KmipVersion v, int parts, int threshold, int method, Ttlv... extra)
      throws Exception {
    List<Ttlv> payload = new ArrayList<>();
    payload.add(new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()));
    payload.addAll(List.of(extra));
    payload.add(new TtlvInteger(Tag.SPLIT_KEY_PARTS, parts));
    payload.add(new TtlvInteger(Tag.SPLIT_KEY_THRESHOLD, threshold));
    payload.add(new TtlvEnumeration(Tag.SPLIT_KEY_METHOD, method));
    return admin.one(v, Operation.CREATE_SPLIT_KEY, payload.toArray(new Ttlv[0]));
  }

  static List<String> ids(TtlvStructure payload) {
    return payload.all(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class).stream()
        .map(TtlvTextString::value)
        .toList();
  }

  TtlvStructure join(KmipVersion v, ObjectType type, List<String> parts, Ttlv... extra)
      throws Exception {
    List<Ttlv> payload = new ArrayList<>();
    payload.add(new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()));
    parts.forEach(p -> payload.add(uid(p)));
    payload.addAll(List.of(extra));
    return admin.one(v, Operation.JOIN_SPLIT_KEY, payload.toArray(new Ttlv[0]));
  }

  byte[] keyBytes(KmipVersion v, String id, int objectTag) throws Exception {
    return ok(admin.one(v, Operation.GET, uid(id)))
        .structure(objectTag)
        .structure(Tag.KEY_BLOCK)
        .structure(Tag.KEY_VALUE)
        .bytes(Tag.KEY_MATERIAL);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.2", "1.4", "2.0"})
  void aNewKeySplitByPolynomialSharingJoinsBackFromAnyThresholdOfParts(String version)
      throws Exception {
    KmipVersion v = parse(version);
    List<String> parts =
        ids(
            ok(
                createSplit(
                    v,
                    3,
                    2,
                    4,
                    attributes(
                        v,
                        KmipAttribute.name(unique("shamir")),
                        KmipAttribute.enumeration(
                            StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                        KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256)))));
    assertThat(parts).hasSize(3);
    TtlvStructure second =
        ok(admin.one(v, Operation.GET, uid(parts.get(1)))).structure(Tag.SPLIT_KEY);
    assertThat(second.integer(Tag.KEY_PART_IDENTIFIER)).isEqualTo(2);
    assertThat(second.integer(Tag.SPLIT_KEY_THRESHOLD)).isEqualTo(2);

    String a =
        ok(join(v, ObjectType.SYMMETRIC_KEY, List.of(parts.get(0), parts.get(2))))
            .text(Tag.UNIQUE_IDENTIFIER);
    String b =
        ok(join(v, ObjectType.SYMMETRIC_KEY, List.of(parts.get(2), parts.get(1))))
            .text(Tag.UNIQUE_IDENTIFIER);
    byte[] key = keyBytes(v, a, Tag.SYMMETRIC_KEY);
    assertThat(key).hasSize(32).isEqualTo(keyBytes(v, b, Tag.SYMMETRIC_KEY));
    assertThat(
            admin
                .attributesOf(v, a)
                .first(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM)
                .orElseThrow()
                .intValue())
        .isEqualTo(CryptographicAlgorithm.AES.value());
    // One part is below the threshold.
    assertThat(failed(join(v, ObjectType.SYMMETRIC_KEY, List.of(parts.get(0)))))
        .isEqualTo(ResultReason.INVALID_FIELD);
  }

  @Test
  void anExistingKeySplitByXorNeedsEveryPart() throws Exception {
    KmipVersion v = KmipVersion.V2_0;
    String key =
        ok(admin.one(
                v,
                Operation.CREATE,
                new TtlvEnumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.value()),
                attributes(
                    v,
                    KmipAttribute.enumeration(
                        StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES),
                    KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 128))))
            .text(Tag.UNIQUE_IDENTIFIER);
    byte[] original = keyBytes(v, key, Tag.SYMMETRIC_KEY);
    List<String> parts = ids(ok(createSplit(v, 3, 3, 1, uid(key))));
    assertThat(parts).hasSize(3);
    for (String p : parts) {
      assertThat(keyBytes(v, p, Tag.SPLIT_KEY)).hasSize(16).isNotEqualTo(original);
    }
    String joined = ok(join(v, ObjectType.SYMMETRIC_KEY, parts)).text(Tag.UNIQUE_IDENTIFIER);
    assertThat(keyBytes(v, joined, Tag.SYMMETRIC_KEY)).isEqualTo(original);
    // Joined as Secret Data of a given type.
    String secret =
        ok(join(
                v,
                ObjectType.SECRET_DATA,
                parts,
                new TtlvEnumeration(Tag.SECRET_DATA_TYPE, SecretDataType.SEED.value())))
            .text(Tag.UNIQUE_IDENTIFIER);
    assertThat(keyBytes(v, secret, Tag.SECRET_DATA)).isEqualTo(original);
    // Two of three XOR parts say nothing.
    assertThat(failed(join(v, ObjectType.SYMMETRIC_KEY, parts.subList(0, 2))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // Parts of different splits do not join.
    List<String> others = ids(ok(createSplit(v, 3, 3, 1, uid(key))));
    assertThat(
            failed(
                join(
                    v,
                    ObjectType.SYMMETRIC_KEY,
                    List.of(parts.get(0), parts.get(1), others.get(2), others.get(0)))))
        .isEqualTo(ResultReason.INVALID_FIELD);
    // Clavis computes in GF(2^8) only.
    assertThat(failed(createSplit(v, 3, 2, 2, uid(key))))
        .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    // Before KMIP 1.2 the operations do not exist.
    assertThat(failed(createSplit(KmipVersion.V1_1, 3, 3, 1, uid(key))))
        .isEqualTo(ResultReason.OPERATION_NOT_SUPPORTED);
  }
}
