package io.clavis.server.kmip.objects;

import io.clavis.kmip.spec.KmipTags;
import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.NameType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvInterval;
import io.clavis.kmip.ttlv.TtlvLongInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.kmip.ttlv.UnexpectedItemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Converts attributes between the model and their two TTLV forms.
 *
 * <ul>
 *   <li><b>KMIP 1.x</b>: each attribute is an Attribute structure holding an Attribute Name (text),
 *       an optional Attribute Index (which instance of a multi-valued attribute) and an Attribute
 *       Value whose type depends on the attribute (a structure for Name, Revocation Reason, Link).
 *       Custom attributes are named {@code x-...} or {@code y-...}.
 *   <li><b>KMIP 2.x</b>: an Attributes structure holds each attribute as an item tagged with the
 *       attribute's own tag; a custom attribute is a Vendor Attribute, a structure (tagged
 *       0x420008, the 1.x Attribute tag the 2.x tables reuse) of Vendor Identification, Attribute
 *       Name and Attribute Value. Instances have no index. Get Attributes names attributes by
 *       Attribute Reference: an Enumeration holding the tag, or a structure of vendor and name.
 * </ul>
 *
 * <p>Decoding is strict, because these structures come from the network: a missing, repeated or
 * unexpected field is Invalid Field, an attribute Clavis does not keep is Unsupported Attribute,
 * and a value of the wrong type or outside its enumeration is Invalid Attribute Value, each a
 * {@link KmipObjectException}. Messages name tags and attributes, never values.
 */
public final class KmipAttributeCodec {
  /** The tag of a 2.x Vendor Attribute structure: the 1.x Attribute tag, reused. */
  public static final int VENDOR_ATTRIBUTE = Tag.ATTRIBUTE;

  private static final Set<Integer> V1_ATTRIBUTE_FIELDS =
      Set.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_INDEX, Tag.ATTRIBUTE_VALUE);
  private static final Set<Integer> VENDOR_FIELDS =
      Set.of(Tag.VENDOR_IDENTIFICATION, Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_VALUE);
  private static final Set<Integer> NAME_FIELDS = Set.of(Tag.NAME_VALUE, Tag.NAME_TYPE);
  private static final Set<Integer> REVOCATION_FIELDS =
      Set.of(Tag.REVOCATION_REASON_CODE, Tag.REVOCATION_MESSAGE);
  private static final Set<Integer> LINK_FIELDS =
      Set.of(Tag.LINK_TYPE, Tag.LINKED_OBJECT_IDENTIFIER);

  private KmipAttributeCodec() {}

  /** A KMIP 1.x attribute with the Attribute Index it carried (0 when absent). */
  public record IndexedAttribute(KmipAttribute attribute, int index) {}

  // ---- KMIP 1.x -------------------------------------------------------------------------------

  /**
   * Decodes one KMIP 1.x Attribute structure.
   *
   * @throws KmipObjectException INVALID_FIELD, UNSUPPORTED_ATTRIBUTE or INVALID_ATTRIBUTE_VALUE
   */
  public static IndexedAttribute decodeV1(Ttlv item) {
    TtlvStructure s = structure(item, Tag.ATTRIBUTE, "an Attribute");
    try {
      onlyFields(s, V1_ATTRIBUTE_FIELDS);
      KmipAttributeName name = KmipAttributeName.parseV1(s.text(Tag.ATTRIBUTE_NAME));
      int index =
          s.optional(Tag.ATTRIBUTE_INDEX, TtlvInteger.class).map(TtlvInteger::value).orElse(0);
      if (index < 0) {
        throw KmipObjectException.invalidField("an Attribute Index is not negative");
      }
      Ttlv value =
          s.child(Tag.ATTRIBUTE_VALUE)
              .orElseThrow(
                  () -> KmipObjectException.invalidField(name + " has no Attribute Value"));
      return new IndexedAttribute(new KmipAttribute(name, decodeValue(name, value)), index);
    } catch (UnexpectedItemException e) {
      throw malformed("an Attribute structure", e);
    }
  }

  /** Parses a KMIP 1.x Attribute Name, as Get Attributes and Delete Attribute carry it. */
  public static KmipAttributeName decodeV1Name(Ttlv item) {
    if (!(item instanceof TtlvTextString text) || item.tag() != Tag.ATTRIBUTE_NAME) {
      throw KmipObjectException.invalidField(
          "expected an Attribute Name text string, got " + describe(item));
    }
    return KmipAttributeName.parseV1(text.value());
  }

  /**
   * Decodes the Attribute structures of a KMIP 1.x Template-Attribute (or any structure whose
   * children are Attributes), in order. Template names are refused: Clavis has no templates.
   *
   * @throws KmipObjectException FEATURE_NOT_SUPPORTED for a template Name, otherwise as {@link
   *     #decodeV1}
   */
  public static KmipAttributes decodeV1List(TtlvStructure container) {
    List<KmipAttribute> out = new ArrayList<>();
    for (Ttlv child : container.children()) {
      if (child.tag() == Tag.NAME) {
        throw new KmipObjectException(
            ResultReason.FEATURE_NOT_SUPPORTED, "templates are not supported");
      }
      out.add(decodeV1(child).attribute());
    }
    return new KmipAttributes(out);
  }

  /**
   * Encodes one attribute as a KMIP 1.x Attribute structure; the Attribute Index is written when it
   * is not 0.
   *
   * @throws KmipObjectException UNSUPPORTED_ATTRIBUTE for a vendor attribute 1.x cannot name
   */
  public static TtlvStructure encodeV1(KmipAttribute attribute, int index) {
    String name =
        attribute
            .name()
            .v1Name()
            .orElseThrow(
                () ->
                    new KmipObjectException(
                        ResultReason.UNSUPPORTED_ATTRIBUTE,
                        attribute.name() + " has no KMIP 1.x form"));
    TtlvStructure.Builder b =
        TtlvStructure.builder(Tag.ATTRIBUTE).add(new TtlvTextString(Tag.ATTRIBUTE_NAME, name));
    if (index != 0) {
      b.add(new TtlvInteger(Tag.ATTRIBUTE_INDEX, index));
    }
    return b.add(encodeValue(Tag.ATTRIBUTE_VALUE, attribute.value())).build();
  }

  /**
   * Encodes a list as KMIP 1.x Attribute structures with their indexes, leaving out what a 1.x
   * client cannot be shown (vendor attributes other than {@code x-} and {@code y-}).
   */
  public static List<TtlvStructure> encodeV1List(KmipAttributes attributes) {
    List<TtlvStructure> out = new ArrayList<>();
    for (int i = 0; i < attributes.size(); i++) {
      KmipAttribute a = attributes.list().get(i);
      if (a.name().v1Name().isPresent()) {
        out.add(encodeV1(a, attributes.indexAt(i)));
      }
    }
    return out;
  }

  // ---- KMIP 2.x -------------------------------------------------------------------------------

  /**
   * Decodes one item of a KMIP 2.x Attributes structure (or a Current Attribute / New Attribute).
   *
   * @throws KmipObjectException UNSUPPORTED_ATTRIBUTE for a tag Clavis does not keep, INVALID_FIELD
   *     for a malformed Vendor Attribute, INVALID_ATTRIBUTE_VALUE for a value of the wrong type
   */
  public static KmipAttribute decodeV2(Ttlv item) {
    try {
      if (item.tag() == VENDOR_ATTRIBUTE) {
        TtlvStructure s = structure(item, VENDOR_ATTRIBUTE, "a Vendor Attribute");
        onlyFields(s, VENDOR_FIELDS);
        KmipAttributeName name =
            KmipAttributeName.custom(s.text(Tag.VENDOR_IDENTIFICATION), s.text(Tag.ATTRIBUTE_NAME));
        Ttlv value =
            s.child(Tag.ATTRIBUTE_VALUE)
                .orElseThrow(
                    () -> KmipObjectException.invalidField(name + " has no Attribute Value"));
        return new KmipAttribute(name, decodeValue(name, value));
      }
      StandardAttribute standard =
          StandardAttribute.byTag(item.tag())
              .orElseThrow(
                  () ->
                      new KmipObjectException(
                          ResultReason.UNSUPPORTED_ATTRIBUTE,
                          "attribute " + KmipTags.displayName(item.tag()) + " is not supported"));
      KmipAttributeName name = KmipAttributeName.of(standard);
      return new KmipAttribute(name, decodeValue(name, item));
    } catch (UnexpectedItemException e) {
      throw malformed("a Vendor Attribute", e);
    }
  }

  /** Decodes every item of a KMIP 2.x Attributes structure, in order. */
  public static KmipAttributes decodeV2Attributes(TtlvStructure attributes) {
    List<KmipAttribute> out = new ArrayList<>(attributes.children().size());
    for (Ttlv child : attributes.children()) {
      out.add(decodeV2(child));
    }
    return new KmipAttributes(out);
  }

  /** Encodes one attribute as a KMIP 2.x item (a Vendor Attribute for custom attributes). */
  public static Ttlv encodeV2(KmipAttribute attribute) {
    KmipAttributeName name = attribute.name();
    if (name.standard() != null) {
      return encodeValue(name.standard().tag(), attribute.value());
    }
    return TtlvStructure.of(
        VENDOR_ATTRIBUTE,
        new TtlvTextString(Tag.VENDOR_IDENTIFICATION, name.vendor()),
        new TtlvTextString(Tag.ATTRIBUTE_NAME, name.name()),
        encodeValue(Tag.ATTRIBUTE_VALUE, attribute.value()));
  }

  /**
   * Encodes a list as a KMIP 2.x structure with the given tag ({@link Tag#ATTRIBUTES}, {@link
   * Tag#COMMON_ATTRIBUTES}, ...).
   */
  public static TtlvStructure encodeV2Attributes(int tag, KmipAttributes attributes) {
    TtlvStructure.Builder b = TtlvStructure.builder(tag);
    attributes.list().forEach(a -> b.add(encodeV2(a)));
    return b.build();
  }

  /**
   * Decodes a KMIP 2.x Attribute Reference: an Enumeration whose value is the attribute's tag, or a
   * structure of Vendor Identification and Attribute Name.
   */
  public static KmipAttributeName decodeReference(Ttlv item) {
    if (item.tag() != Tag.ATTRIBUTE_REFERENCE) {
      throw KmipObjectException.invalidField(
          "expected an Attribute Reference, got " + describe(item));
    }
    try {
      if (item instanceof TtlvEnumeration e) {
        int tag = e.value();
        return StandardAttribute.byTag(tag)
            .map(KmipAttributeName::of)
            .orElseThrow(
                () ->
                    new KmipObjectException(
                        ResultReason.UNSUPPORTED_ATTRIBUTE,
                        "attribute "
                            + (tag >= 0 && tag <= 0xFFFFFF
                                ? KmipTags.displayName(tag)
                                : String.format("0x%08X", tag))
                            + " is not supported"));
      }
      TtlvStructure s = structure(item, Tag.ATTRIBUTE_REFERENCE, "an Attribute Reference");
      onlyFields(s, Set.of(Tag.VENDOR_IDENTIFICATION, Tag.ATTRIBUTE_NAME));
      return KmipAttributeName.custom(
          s.text(Tag.VENDOR_IDENTIFICATION), s.text(Tag.ATTRIBUTE_NAME));
    } catch (UnexpectedItemException e) {
      throw malformed("an Attribute Reference", e);
    }
  }

  /** Encodes a KMIP 2.x Attribute Reference. */
  public static Ttlv encodeReference(KmipAttributeName name) {
    if (name.standard() != null) {
      return new TtlvEnumeration(Tag.ATTRIBUTE_REFERENCE, name.standard().tag());
    }
    return TtlvStructure.of(
        Tag.ATTRIBUTE_REFERENCE,
        new TtlvTextString(Tag.VENDOR_IDENTIFICATION, name.vendor()),
        new TtlvTextString(Tag.ATTRIBUTE_NAME, name.name()));
  }

  // ---- values ---------------------------------------------------------------------------------

  private static KmipValue decodeValue(KmipAttributeName name, Ttlv item) {
    StandardAttribute standard = name.standard();
    if (standard == null) {
      return decodePrimitive(name, item);
    }
    return switch (standard.kind()) {
      case NAME -> decodeName(name, item);
      case REVOCATION_REASON -> decodeRevocationReason(name, item);
      case LINK -> decodeLink(name, item);
      default -> decodePrimitive(name, item);
    };
  }

  private static KmipValue decodeName(KmipAttributeName name, Ttlv item) {
    TtlvStructure s = valueStructure(name, item);
    onlyFields(s, NAME_FIELDS);
    NameType nameType = defined(s, Tag.NAME_TYPE, NameType::fromValue, "Name Type");
    return new KmipValue.NameValue(s.text(Tag.NAME_VALUE), nameType);
  }

  private static KmipValue decodeRevocationReason(KmipAttributeName name, Ttlv item) {
    TtlvStructure s = valueStructure(name, item);
    onlyFields(s, REVOCATION_FIELDS);
    RevocationReasonCode reason =
        defined(
            s,
            Tag.REVOCATION_REASON_CODE,
            RevocationReasonCode::fromValue,
            "Revocation Reason Code");
    return new KmipValue.RevocationReasonValue(
        reason,
        s.optional(Tag.REVOCATION_MESSAGE, TtlvTextString.class)
            .map(TtlvTextString::value)
            .orElse(null));
  }

  private static KmipValue decodeLink(KmipAttributeName name, Ttlv item) {
    TtlvStructure s = valueStructure(name, item);
    onlyFields(s, LINK_FIELDS);
    LinkType linkType = defined(s, Tag.LINK_TYPE, LinkType::fromValue, "Link Type");
    return new KmipValue.LinkValue(linkType, s.text(Tag.LINKED_OBJECT_IDENTIFIER));
  }

  /** An enumeration field of a structured value, which must hold a value the enumeration has. */
  private static <E> E defined(
      TtlvStructure s, int tag, IntFunction<Optional<E>> fromValue, String what) {
    int value = s.enumeration(tag);
    return fromValue
        .apply(value)
        .orElseThrow(
            () ->
                new KmipObjectException(
                    ResultReason.INVALID_ATTRIBUTE_VALUE,
                    String.format("%s 0x%08X is not defined", what, value)));
  }

  private static KmipValue decodePrimitive(KmipAttributeName name, Ttlv item) {
    return primitive(item)
        .orElseThrow(
            () ->
                new KmipObjectException(
                    ResultReason.INVALID_ATTRIBUTE_VALUE,
                    name + " cannot hold a " + item.type().specName()));
  }

  /** A primitive item as an attribute value; empty for a structure. */
  public static Optional<KmipValue> primitive(Ttlv item) {
    return Optional.ofNullable(
        switch (item) {
          case TtlvTextString t -> new KmipValue.Text(t.value());
          case TtlvInteger i -> new KmipValue.IntegerValue(i.value());
          case TtlvLongInteger l -> new KmipValue.LongIntegerValue(l.value());
          case TtlvBigInteger b -> new KmipValue.BigIntegerValue(b.value());
          case TtlvEnumeration e -> new KmipValue.EnumerationValue(e.value());
          case TtlvBoolean b -> new KmipValue.BooleanValue(b.value());
          case TtlvByteString b -> new KmipValue.ByteStringValue(b.value());
          case TtlvDateTime d -> new KmipValue.DateTimeValue(d.toInstant());
          case TtlvInterval i -> new KmipValue.IntervalValue(i.seconds());
          default -> null;
        });
  }

  private static Ttlv encodeValue(int tag, KmipValue value) {
    return switch (value) {
      case KmipValue.Text t -> new TtlvTextString(tag, t.value());
      case KmipValue.IntegerValue i -> new TtlvInteger(tag, i.value());
      case KmipValue.LongIntegerValue l -> new TtlvLongInteger(tag, l.value());
      case KmipValue.BigIntegerValue b -> new TtlvBigInteger(tag, b.value());
      case KmipValue.EnumerationValue e -> new TtlvEnumeration(tag, e.value());
      case KmipValue.BooleanValue b -> new TtlvBoolean(tag, b.value());
      case KmipValue.ByteStringValue b -> new TtlvByteString(tag, b.value());
      case KmipValue.DateTimeValue d -> TtlvDateTime.of(tag, d.value());
      case KmipValue.IntervalValue i -> new TtlvInterval(tag, i.seconds());
      case KmipValue.NameValue n ->
          TtlvStructure.of(
              tag,
              new TtlvTextString(Tag.NAME_VALUE, n.value()),
              new TtlvEnumeration(Tag.NAME_TYPE, n.nameType().value()));
      case KmipValue.RevocationReasonValue r -> {
        TtlvStructure.Builder b =
            TtlvStructure.builder(tag)
                .add(new TtlvEnumeration(Tag.REVOCATION_REASON_CODE, r.code().value()));
        if (r.message() != null) {
          b.add(new TtlvTextString(Tag.REVOCATION_MESSAGE, r.message()));
        }
        yield b.build();
      }
      case KmipValue.LinkValue l ->
          TtlvStructure.of(
              tag,
              new TtlvEnumeration(Tag.LINK_TYPE, l.linkType().value()),
              new TtlvTextString(Tag.LINKED_OBJECT_IDENTIFIER, l.linkedObjectIdentifier()));
    };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static TtlvStructure structure(Ttlv item, int tag, String what) {
    if (item.tag() != tag || !(item instanceof TtlvStructure s)) {
      throw KmipObjectException.invalidField("expected " + what + ", got " + describe(item));
    }
    return s;
  }

  private static TtlvStructure valueStructure(KmipAttributeName name, Ttlv item) {
    if (!(item instanceof TtlvStructure s)) {
      throw new KmipObjectException(
          ResultReason.INVALID_ATTRIBUTE_VALUE,
          name + " holds a structure, not a " + item.type().specName());
    }
    return s;
  }

  private static void onlyFields(TtlvStructure s, Set<Integer> allowed) {
    for (Ttlv child : s.children()) {
      if (!allowed.contains(child.tag())) {
        throw KmipObjectException.invalidField(
            KmipTags.displayName(s.tag())
                + " does not take a "
                + KmipTags.displayName(child.tag())
                + " field");
      }
    }
  }

  private static KmipObjectException malformed(String what, UnexpectedItemException e) {
    String detail = KmipTags.displayName(e.tag());
    return KmipObjectException.invalidField(
        what + " is malformed at " + detail + ": " + e.getMessage());
  }

  private static String describe(Ttlv item) {
    return KmipTags.displayName(item.tag()) + " (" + item.type().specName() + ")";
  }
}
