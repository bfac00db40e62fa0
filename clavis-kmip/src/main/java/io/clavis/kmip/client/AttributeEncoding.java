package io.clavis.kmip.client;

import io.clavis.kmip.spec.KmipTags;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.util.ArrayList;
import java.util.List;

/**
 * Attributes in a request, as each protocol version writes them. KMIP 1.x wraps each one in an
 * Attribute structure (Attribute Name as text, the value under the Attribute Value tag), inside a
 * Template-Attribute for Create; KMIP 2.0 puts the attributes themselves, under their own tags, in
 * one Attributes structure. Callers give the attributes the 2.0 way, under their own tags.
 */
final class AttributeEncoding {
  private final boolean kmip2;

  AttributeEncoding(KmipVersion version) {
    this.kmip2 = version.major() >= 2;
  }

  /** What Create and Register carry: a Template-Attribute (1.x) or Attributes (2.0). */
  Ttlv forCreate(List<Ttlv> attributes) {
    if (kmip2) {
      return new TtlvStructure(Tag.ATTRIBUTES, attributes);
    }
    return new TtlvStructure(Tag.TEMPLATE_ATTRIBUTE, wrapped(attributes));
  }

  /** What Locate carries: Attribute structures in the payload (1.x), or one Attributes (2.0). */
  List<Ttlv> forLocate(List<Ttlv> attributes) {
    if (kmip2) {
      return List.of(new TtlvStructure(Tag.ATTRIBUTES, attributes));
    }
    return wrapped(attributes);
  }

  private static List<Ttlv> wrapped(List<Ttlv> attributes) {
    List<Ttlv> out = new ArrayList<>();
    for (Ttlv a : attributes) {
      out.add(
          TtlvStructure.of(
              Tag.ATTRIBUTE,
              new TtlvTextString(Tag.ATTRIBUTE_NAME, KmipTags.displayName(a.tag())),
              asAttributeValue(a)));
    }
    return out;
  }

  /** The same value under the Attribute Value tag; only the types this client sends. */
  private static Ttlv asAttributeValue(Ttlv value) {
    int tag = Tag.ATTRIBUTE_VALUE;
    return switch (value) {
      case TtlvEnumeration e -> new TtlvEnumeration(tag, e.value());
      case TtlvInteger i -> new TtlvInteger(tag, i.value());
      case TtlvTextString t -> new TtlvTextString(tag, t.value());
      case TtlvStructure s -> new TtlvStructure(tag, s.children());
      default ->
          throw new IllegalArgumentException("no attribute of type " + value.type() + " is sent");
    };
  }
}
