package io.clavis.server.kmip.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.NameType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.State;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvDateTimeExtended;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The two TTLV forms of attributes: every kind of value survives both, through the wire bytes too;
 * 1.x custom attributes and 2.x vendor attributes are the same attribute; and every malformed
 * structure fails with the reason a client should be told.
 */
class KmipAttributeCodecTest {
  private static final Instant WHEN = Instant.parse("2025-03-04T05:06:07Z");

  static Stream<KmipAttribute> attributes() {
    return Stream.of(
        KmipAttribute.text(StandardAttribute.UNIQUE_IDENTIFIER, "key_abc"),
        KmipAttribute.name("db-master"),
        KmipAttribute.of(
            StandardAttribute.NAME, new KmipValue.NameValue("https://example.com/k", NameType.URI)),
        KmipAttribute.enumeration(StandardAttribute.OBJECT_TYPE, ObjectType.SECRET_DATA),
        KmipAttribute.enumeration(
            StandardAttribute.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.HMAC_SHA256),
        KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, 256),
        KmipAttribute.integer(
            StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK,
            CryptographicUsageMask.ENCRYPT.value() | CryptographicUsageMask.DECRYPT.value()),
        KmipAttribute.enumeration(StandardAttribute.STATE, State.DESTROYED_COMPROMISED),
        KmipAttribute.date(StandardAttribute.INITIAL_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.ACTIVATION_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.DEACTIVATION_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.COMPROMISE_OCCURRENCE_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.COMPROMISE_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.DESTROY_DATE, WHEN),
        KmipAttribute.date(StandardAttribute.LAST_CHANGE_DATE, WHEN),
        KmipAttribute.of(
            StandardAttribute.REVOCATION_REASON,
            new KmipValue.RevocationReasonValue(RevocationReasonCode.KEY_COMPROMISE, "leaked")),
        KmipAttribute.of(
            StandardAttribute.REVOCATION_REASON,
            new KmipValue.RevocationReasonValue(RevocationReasonCode.SUPERSEDED, null)),
        KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "payments"),
        KmipAttribute.text(StandardAttribute.CONTACT_INFORMATION, "dba@example.com"),
        KmipAttribute.bool(StandardAttribute.SENSITIVE, true),
        KmipAttribute.bool(StandardAttribute.ALWAYS_SENSITIVE, false),
        KmipAttribute.bool(StandardAttribute.EXTRACTABLE, false),
        KmipAttribute.bool(StandardAttribute.NEVER_EXTRACTABLE, true),
        KmipAttribute.custom("x", "colour", new KmipValue.Text("blue")),
        KmipAttribute.custom("x", "count", new KmipValue.IntegerValue(-7)),
        KmipAttribute.custom("x", "big-count", new KmipValue.LongIntegerValue(1L << 40)),
        KmipAttribute.custom(
            "x", "huge", new KmipValue.BigIntegerValue(BigInteger.TWO.pow(100).negate())),
        KmipAttribute.custom("x", "kind", new KmipValue.EnumerationValue(0x80000001)),
        KmipAttribute.custom("x", "flag", new KmipValue.BooleanValue(true)),
        KmipAttribute.custom("x", "blob", new KmipValue.ByteStringValue(new byte[] {0, 1, -1})),
        KmipAttribute.custom("x", "when", new KmipValue.DateTimeValue(WHEN)),
        KmipAttribute.custom("y", "period", new KmipValue.IntervalValue(0xFFFF_FFFFL)));
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void everyAttributeSurvivesTheV1FormOnTheWire(KmipAttribute attribute) {
    TtlvStructure encoded = KmipAttributeCodec.encodeV1(attribute, 0);
    assertThat(encoded.tag()).isEqualTo(Tag.ATTRIBUTE);
    assertThat(encoded.text(Tag.ATTRIBUTE_NAME)).isEqualTo(attribute.name().v1Name().orElseThrow());
    assertThat(encoded.child(Tag.ATTRIBUTE_INDEX)).isEmpty();
    Ttlv wire = TtlvDecoder.decode(TtlvEncoder.encode(encoded));
    KmipAttributeCodec.IndexedAttribute decoded = KmipAttributeCodec.decodeV1(wire);
    assertThat(decoded.attribute()).isEqualTo(attribute);
    assertThat(decoded.index()).isZero();
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void everyAttributeSurvivesTheV2FormOnTheWire(KmipAttribute attribute) {
    Ttlv encoded = KmipAttributeCodec.encodeV2(attribute);
    if (attribute.name().isCustom()) {
      assertThat(encoded.tag()).isEqualTo(KmipAttributeCodec.VENDOR_ATTRIBUTE);
      TtlvStructure s = (TtlvStructure) encoded;
      assertThat(s.text(Tag.VENDOR_IDENTIFICATION)).isEqualTo(attribute.name().vendor());
      assertThat(s.text(Tag.ATTRIBUTE_NAME)).isEqualTo(attribute.name().name());
    } else {
      assertThat(encoded.tag()).isEqualTo(attribute.name().standard().tag());
    }
    Ttlv wire = TtlvDecoder.decode(TtlvEncoder.encode(encoded));
    assertThat(KmipAttributeCodec.decodeV2(wire)).isEqualTo(attribute);
  }

  @ParameterizedTest
  @MethodSource("attributes")
  void everyAttributeIsNamedByAReference(KmipAttribute attribute) {
    Ttlv reference = KmipAttributeCodec.encodeReference(attribute.name());
    Ttlv wire = TtlvDecoder.decode(TtlvEncoder.encode(reference));
    assertThat(KmipAttributeCodec.decodeReference(wire)).isEqualTo(attribute.name());
  }

  @Test
  void aWholeListSurvivesBothFormsInOrderWithIndexes() {
    KmipAttributes list = new KmipAttributes(attributes().toList());
    TtlvStructure template =
        TtlvStructure.builder(Tag.TEMPLATE_ATTRIBUTE)
            .addAll(KmipAttributeCodec.encodeV1List(list))
            .build();
    assertThat(KmipAttributeCodec.decodeV1List(template)).isEqualTo(list);

    TtlvStructure v2 = KmipAttributeCodec.encodeV2Attributes(Tag.ATTRIBUTES, list);
    assertThat(v2.tag()).isEqualTo(Tag.ATTRIBUTES);
    Ttlv wire = TtlvDecoder.decode(TtlvEncoder.encode(v2));
    assertThat(KmipAttributeCodec.decodeV2Attributes((TtlvStructure) wire)).isEqualTo(list);
  }

  @Test
  void multiValuedAttributesCarryTheirIndexInV1() {
    KmipAttributes list =
        KmipAttributes.of(
            KmipAttribute.name("first"),
            KmipAttribute.text(StandardAttribute.OBJECT_GROUP, "g"),
            KmipAttribute.name("second"),
            KmipAttribute.name("third"));
    List<TtlvStructure> encoded = KmipAttributeCodec.encodeV1List(list);
    assertThat(encoded.get(0).child(Tag.ATTRIBUTE_INDEX)).isEmpty();
    assertThat(encoded.get(1).child(Tag.ATTRIBUTE_INDEX)).isEmpty();
    assertThat(encoded.get(2).integer(Tag.ATTRIBUTE_INDEX)).isEqualTo(1);
    assertThat(encoded.get(3).integer(Tag.ATTRIBUTE_INDEX)).isEqualTo(2);
    KmipAttributeCodec.IndexedAttribute third = KmipAttributeCodec.decodeV1(encoded.get(3));
    assertThat(third.index()).isEqualTo(2);
    assertThat(third.attribute().textValue()).isEqualTo("third");
  }

  @Test
  void v1CustomAttributesAreV2VendorAttributesOfVendorX() {
    TtlvStructure v1 =
        TtlvStructure.of(
            Tag.ATTRIBUTE,
            new TtlvTextString(Tag.ATTRIBUTE_NAME, "x-owner"),
            new TtlvTextString(Tag.ATTRIBUTE_VALUE, "team-a"));
    KmipAttribute decoded = KmipAttributeCodec.decodeV1(v1).attribute();
    assertThat(decoded.name()).isEqualTo(KmipAttributeName.custom("x", "owner"));

    TtlvStructure v2 = (TtlvStructure) KmipAttributeCodec.encodeV2(decoded);
    assertThat(v2.text(Tag.VENDOR_IDENTIFICATION)).isEqualTo("x");
    assertThat(v2.text(Tag.ATTRIBUTE_NAME)).isEqualTo("owner");
    assertThat(KmipAttributeCodec.encodeV1(KmipAttributeCodec.decodeV2(v2), 0)).isEqualTo(v1);
  }

  @Test
  void otherVendorsHaveNoV1FormAndAreLeftOutOfV1Lists() {
    KmipAttribute acme = KmipAttribute.custom("acme", "tier", new KmipValue.Text("gold"));
    expect(() -> KmipAttributeCodec.encodeV1(acme, 0), ResultReason.UNSUPPORTED_ATTRIBUTE);
    KmipAttributes list = KmipAttributes.of(KmipAttribute.name("n"), acme);
    assertThat(KmipAttributeCodec.encodeV1List(list)).hasSize(1);
    assertThat(list.visibleIn(KmipVersion.V1_4).list()).containsExactly(KmipAttribute.name("n"));
    assertThat(list.visibleIn(KmipVersion.V2_0)).isEqualTo(list);
  }

  @Test
  void olderClientsAreNotShownNewerAttributes() {
    KmipAttributes list =
        KmipAttributes.of(
            KmipAttribute.bool(StandardAttribute.EXTRACTABLE, true), KmipAttribute.name("n"));
    assertThat(list.visibleIn(KmipVersion.V1_2).list()).containsExactly(KmipAttribute.name("n"));
    assertThat(list.visibleIn(KmipVersion.V1_4)).isEqualTo(list);
  }

  @Test
  void randomCustomValuesSurviveBothForms() {
    Random random = new Random(20250304L);
    for (int i = 0; i < 500; i++) {
      KmipValue value =
          switch (random.nextInt(8)) {
            case 0 -> new KmipValue.IntegerValue(random.nextInt());
            case 1 -> new KmipValue.LongIntegerValue(random.nextLong());
            case 2 ->
                new KmipValue.BigIntegerValue(new BigInteger(1 + random.nextInt(300), random));
            case 3 -> new KmipValue.BooleanValue(random.nextBoolean());
            case 4 -> new KmipValue.Text(randomText(random));
            case 5 -> {
              byte[] b = new byte[random.nextInt(40)];
              random.nextBytes(b);
              yield new KmipValue.ByteStringValue(b);
            }
            case 6 ->
                new KmipValue.DateTimeValue(
                    Instant.ofEpochSecond(random.nextLong(-10_000_000_000L, 10_000_000_000L)));
            default -> new KmipValue.IntervalValue(random.nextLong(0, 0x1_0000_0000L));
          };
      KmipAttribute a = KmipAttribute.custom("x", "p" + i, value);
      Ttlv v1 = TtlvDecoder.decode(TtlvEncoder.encode(KmipAttributeCodec.encodeV1(a, i % 3)));
      assertThat(KmipAttributeCodec.decodeV1(v1))
          .isEqualTo(new KmipAttributeCodec.IndexedAttribute(a, i % 3));
      Ttlv v2 = TtlvDecoder.decode(TtlvEncoder.encode(KmipAttributeCodec.encodeV2(a)));
      assertThat(KmipAttributeCodec.decodeV2(v2)).isEqualTo(a);
    }
  }

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int n = random.nextInt(30);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(
          random.nextBoolean() ? 'a' + random.nextInt(26) : 0x4E00 + random.nextInt(500));
    }
    return sb.toString();
  }

  // ---- malformed KMIP 1.x ---------------------------------------------------------------------

  private static TtlvStructure v1(Ttlv... fields) {
    return TtlvStructure.of(Tag.ATTRIBUTE, fields);
  }

  private static TtlvTextString name(String n) {
    return new TtlvTextString(Tag.ATTRIBUTE_NAME, n);
  }

  @Test
  void v1StructuresMissingOrRepeatingFieldsAreInvalidFields() {
    TtlvTextString value = new TtlvTextString(Tag.ATTRIBUTE_VALUE, "g");
    expect(() -> KmipAttributeCodec.decodeV1(v1(value)), ResultReason.INVALID_FIELD);
    expect(() -> KmipAttributeCodec.decodeV1(v1(name("Object Group"))), ResultReason.INVALID_FIELD);
    expect(
        () -> KmipAttributeCodec.decodeV1(v1(name("Object Group"), value, value)),
        ResultReason.INVALID_FIELD);
    expect(
        () -> KmipAttributeCodec.decodeV1(v1(name("Object Group"), name("Object Group"), value)),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(
                    new TtlvInteger(Tag.ATTRIBUTE_NAME, 7),
                    new TtlvTextString(Tag.ATTRIBUTE_VALUE, "g"))),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(name("Object Group"), new TtlvTextString(Tag.ATTRIBUTE_INDEX, "0"), value)),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(name("Object Group"), new TtlvInteger(Tag.ATTRIBUTE_INDEX, -1), value)),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(name("Object Group"), value, new TtlvTextString(Tag.NAME_VALUE, "extra"))),
        ResultReason.INVALID_FIELD);
  }

  @Test
  void v1ItemsThatAreNotAttributeStructuresAreInvalidFields() {
    expect(
        () -> KmipAttributeCodec.decodeV1(new TtlvTextString(Tag.ATTRIBUTE, "Name")),
        ResultReason.INVALID_FIELD);
    expect(
        () -> KmipAttributeCodec.decodeV1(TtlvStructure.of(Tag.ATTRIBUTES, name("Object Group"))),
        ResultReason.INVALID_FIELD);
    expect(
        () -> KmipAttributeCodec.decodeV1Name(new TtlvInteger(Tag.ATTRIBUTE_NAME, 1)),
        ResultReason.INVALID_FIELD);
  }

  @Test
  void unknownV1NamesAreUnsupported() {
    for (String unknown :
        List.of("Frobnication Level", "object group", "z-colour", "x-", "Usage Limits", "")) {
      expect(
          () ->
              KmipAttributeCodec.decodeV1(
                  v1(name(unknown), new TtlvTextString(Tag.ATTRIBUTE_VALUE, "v"))),
          ResultReason.UNSUPPORTED_ATTRIBUTE);
    }
    expect(
        () -> KmipAttributeCodec.decodeV1Name(name("Lease Time")),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
    assertThat(KmipAttributeCodec.decodeV1Name(name("Object Group")))
        .isEqualTo(KmipAttributeName.of(StandardAttribute.OBJECT_GROUP));
  }

  @Test
  void v1ValuesOfTheWrongTypeAreInvalidAttributeValues() {
    List<TtlvStructure> wrong =
        List.of(
            v1(name("Cryptographic Algorithm"), new TtlvInteger(Tag.ATTRIBUTE_VALUE, 3)),
            v1(name("Cryptographic Length"), new TtlvEnumeration(Tag.ATTRIBUTE_VALUE, 128)),
            v1(name("Name"), new TtlvTextString(Tag.ATTRIBUTE_VALUE, "plain text")),
            v1(name("Object Type"), new TtlvEnumeration(Tag.ATTRIBUTE_VALUE, 0x99)),
            v1(name("State"), new TtlvEnumeration(Tag.ATTRIBUTE_VALUE, 0)),
            v1(name("Extractable"), new TtlvInteger(Tag.ATTRIBUTE_VALUE, 1)),
            v1(name("Activation Date"), new TtlvInteger(Tag.ATTRIBUTE_VALUE, 1)),
            v1(name("Activation Date"), TtlvDateTimeExtended.of(Tag.ATTRIBUTE_VALUE, WHEN)),
            v1(name("Object Group"), new TtlvBoolean(Tag.ATTRIBUTE_VALUE, true)),
            v1(
                name("Name"),
                TtlvStructure.of(
                    Tag.ATTRIBUTE_VALUE,
                    new TtlvTextString(Tag.NAME_VALUE, "n"),
                    new TtlvEnumeration(Tag.NAME_TYPE, 99))),
            v1(
                name("Revocation Reason"),
                TtlvStructure.of(
                    Tag.ATTRIBUTE_VALUE, new TtlvEnumeration(Tag.REVOCATION_REASON_CODE, 42))),
            v1(
                name("x-nested"),
                TtlvStructure.of(Tag.ATTRIBUTE_VALUE, new TtlvTextString(Tag.NAME_VALUE, "n"))),
            v1(name("x-extended"), TtlvDateTimeExtended.of(Tag.ATTRIBUTE_VALUE, WHEN)));
    for (TtlvStructure s : wrong) {
      expect(() -> KmipAttributeCodec.decodeV1(s), ResultReason.INVALID_ATTRIBUTE_VALUE);
    }
  }

  @Test
  void malformedStructuredValuesAreInvalidFields() {
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(
                    name("Name"),
                    TtlvStructure.of(
                        Tag.ATTRIBUTE_VALUE, new TtlvTextString(Tag.NAME_VALUE, "no type")))),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(
                    name("Name"),
                    TtlvStructure.of(
                        Tag.ATTRIBUTE_VALUE,
                        new TtlvTextString(Tag.NAME_VALUE, "n"),
                        new TtlvEnumeration(Tag.NAME_TYPE, 1),
                        new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, 1)))),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeV1(
                v1(
                    name("Revocation Reason"),
                    TtlvStructure.of(
                        Tag.ATTRIBUTE_VALUE,
                        new TtlvTextString(Tag.REVOCATION_REASON_CODE, "compromise")))),
        ResultReason.INVALID_FIELD);
  }

  @Test
  void templatesAreNotSupported() {
    TtlvStructure template =
        TtlvStructure.of(
            Tag.TEMPLATE_ATTRIBUTE,
            TtlvStructure.of(
                Tag.NAME,
                new TtlvTextString(Tag.NAME_VALUE, "a template"),
                new TtlvEnumeration(Tag.NAME_TYPE, 1)));
    expect(() -> KmipAttributeCodec.decodeV1List(template), ResultReason.FEATURE_NOT_SUPPORTED);
  }

  // ---- malformed KMIP 2.x ---------------------------------------------------------------------

  @Test
  void v2TagsClavisDoesNotKeepAreUnsupported() {
    expect(
        () -> KmipAttributeCodec.decodeV2(new TtlvInteger(Tag.USAGE_LIMITS_COUNT, 1)),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
    expect(
        () -> KmipAttributeCodec.decodeV2(new TtlvTextString(0x540001, "vendor tag")),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
    expect(
        () ->
            KmipAttributeCodec.decodeV2(
                TtlvStructure.of(
                    Tag.CRYPTOGRAPHIC_PARAMETERS, new TtlvEnumeration(Tag.BLOCK_CIPHER_MODE, 1))),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
  }

  @Test
  void v2ValuesOfTheWrongTypeAreInvalidAttributeValues() {
    List<Ttlv> wrong =
        List.of(
            new TtlvInteger(Tag.CRYPTOGRAPHIC_ALGORITHM, 3),
            new TtlvTextString(Tag.NAME, "not a structure"),
            new TtlvEnumeration(Tag.CRYPTOGRAPHIC_LENGTH, 256),
            new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 0x1234),
            new TtlvTextString(Tag.ACTIVATION_DATE, "2025-01-01"),
            new TtlvDateTime(Tag.SENSITIVE, 5),
            TtlvStructure.of(
                KmipAttributeCodec.VENDOR_ATTRIBUTE,
                new TtlvTextString(Tag.VENDOR_IDENTIFICATION, "acme"),
                new TtlvTextString(Tag.ATTRIBUTE_NAME, "nested"),
                TtlvStructure.of(Tag.ATTRIBUTE_VALUE)));
    for (Ttlv item : wrong) {
      expect(() -> KmipAttributeCodec.decodeV2(item), ResultReason.INVALID_ATTRIBUTE_VALUE);
    }
  }

  @Test
  void malformedVendorAttributesAreInvalidFields() {
    TtlvTextString vendor = new TtlvTextString(Tag.VENDOR_IDENTIFICATION, "acme");
    TtlvTextString attributeName = new TtlvTextString(Tag.ATTRIBUTE_NAME, "tier");
    TtlvTextString value = new TtlvTextString(Tag.ATTRIBUTE_VALUE, "gold");
    int tag = KmipAttributeCodec.VENDOR_ATTRIBUTE;
    List<Ttlv> malformed =
        List.of(
            new TtlvTextString(tag, "not a structure"),
            TtlvStructure.of(tag, attributeName, value),
            TtlvStructure.of(tag, vendor, value),
            TtlvStructure.of(tag, vendor, attributeName),
            TtlvStructure.of(tag, vendor, vendor, attributeName, value),
            TtlvStructure.of(
                tag, vendor, attributeName, value, new TtlvInteger(Tag.ATTRIBUTE_INDEX, 0)),
            TtlvStructure.of(
                tag, new TtlvInteger(Tag.VENDOR_IDENTIFICATION, 1), attributeName, value));
    for (Ttlv item : malformed) {
      expect(() -> KmipAttributeCodec.decodeV2(item), ResultReason.INVALID_FIELD);
    }
    expect(
        () ->
            KmipAttributeCodec.decodeV2(
                TtlvStructure.of(
                    tag, new TtlvTextString(Tag.VENDOR_IDENTIFICATION, ""), attributeName, value)),
        ResultReason.INVALID_ATTRIBUTE);
  }

  @Test
  void malformedAttributeReferences() {
    expect(
        () ->
            KmipAttributeCodec.decodeReference(
                new TtlvEnumeration(Tag.ATTRIBUTE_REFERENCE, Tag.USAGE_LIMITS)),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
    expect(
        () ->
            KmipAttributeCodec.decodeReference(
                new TtlvEnumeration(Tag.ATTRIBUTE_REFERENCE, 0x7F000000)),
        ResultReason.UNSUPPORTED_ATTRIBUTE);
    expect(
        () ->
            KmipAttributeCodec.decodeReference(new TtlvTextString(Tag.ATTRIBUTE_REFERENCE, "Name")),
        ResultReason.INVALID_FIELD);
    expect(
        () -> KmipAttributeCodec.decodeReference(new TtlvEnumeration(Tag.ATTRIBUTE_NAME, Tag.NAME)),
        ResultReason.INVALID_FIELD);
    expect(
        () ->
            KmipAttributeCodec.decodeReference(
                TtlvStructure.of(
                    Tag.ATTRIBUTE_REFERENCE, new TtlvTextString(Tag.ATTRIBUTE_NAME, "tier"))),
        ResultReason.INVALID_FIELD);
  }

  @Test
  void modelRefusesValuesThatDoNotFitTheAttribute() {
    expect(
        () -> KmipAttribute.of(StandardAttribute.NAME, new KmipValue.Text("x")),
        ResultReason.INVALID_ATTRIBUTE_VALUE);
    expect(
        () ->
            KmipAttribute.custom(
                "x",
                "n",
                new KmipValue.RevocationReasonValue(RevocationReasonCode.UNSPECIFIED, null)),
        ResultReason.INVALID_ATTRIBUTE_VALUE);
    expect(() -> KmipAttribute.name(""), ResultReason.INVALID_ATTRIBUTE_VALUE);
    expect(() -> KmipAttributeName.custom("x", ""), ResultReason.INVALID_ATTRIBUTE);
  }

  @Test
  void errorMessagesNeverQuoteValues() {
    List<String> messages = new ArrayList<>();
    for (Ttlv bad :
        List.of(
            v1(name("Name"), new TtlvTextString(Tag.ATTRIBUTE_VALUE, "s3cr3t-value")),
            v1(
                name("x-n"),
                TtlvStructure.of(
                    Tag.ATTRIBUTE_VALUE, new TtlvTextString(Tag.NAME_VALUE, "s3cr3t-value"))))) {
      try {
        KmipAttributeCodec.decodeV1(bad);
      } catch (KmipObjectException e) {
        messages.add(e.getMessage());
      }
    }
    assertThat(messages).hasSize(2).noneMatch(m -> m.contains("s3cr3t"));
  }

  private static void expect(ThrowingCallable call, ResultReason reason) {
    assertThatThrownBy(call)
        .isInstanceOf(KmipObjectException.class)
        .satisfies(e -> assertThat(((KmipObjectException) e).reason()).isEqualTo(reason));
  }
}
