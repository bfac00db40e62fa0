package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.KmipValue;
import java.util.ArrayList;
import java.util.List;

/** Reading the payload fields several operations share, in both the 1.x and the 2.x layout. */
final class Payloads {
  private Payloads() {}

  /** The Object Type field, as a known object type. */
  static ObjectType objectType(TtlvStructure payload) throws KmipException {
    int value = payload.enumeration(Tag.OBJECT_TYPE);
    return ObjectType.fromValue(value)
        .orElseThrow(
            () ->
                KmipException.invalidField(String.format("Object Type 0x%08X is unknown", value)));
  }

  /**
   * The attributes a Create or Register carries: the Template-Attribute's Attributes (1.x) or the
   * Attributes structure (2.x); none when the field is absent.
   */
  static KmipAttributes objectAttributes(KmipRequestContext ctx, TtlvStructure payload) {
    if (ctx.isKmip2()) {
      return payload
          .optional(Tag.ATTRIBUTES, TtlvStructure.class)
          .map(KmipAttributeCodec::decodeV2Attributes)
          .orElse(KmipAttributes.empty());
    }
    List<KmipAttribute> all = new ArrayList<>();
    for (TtlvStructure t : payload.all(Tag.TEMPLATE_ATTRIBUTE, TtlvStructure.class)) {
      all.addAll(KmipAttributeCodec.decodeV1List(t).list());
    }
    return new KmipAttributes(all);
  }

  /** Locate's attributes: Attribute structures in the payload (1.x) or an Attributes (2.x). */
  static KmipAttributes locateAttributes(KmipRequestContext ctx, TtlvStructure payload) {
    if (ctx.isKmip2()) {
      return payload
          .optional(Tag.ATTRIBUTES, TtlvStructure.class)
          .map(KmipAttributeCodec::decodeV2Attributes)
          .orElse(KmipAttributes.empty());
    }
    List<KmipAttribute> all = new ArrayList<>();
    for (Ttlv a : payload.children(Tag.ATTRIBUTE)) {
      all.add(KmipAttributeCodec.decodeV1(a).attribute());
    }
    return new KmipAttributes(all);
  }

  /** The attributes to return to a client of the context's version, in its form. */
  static List<Ttlv> encode(KmipRequestContext ctx, KmipAttributes attributes) {
    KmipAttributes visible = attributes.visibleIn(ctx.version());
    if (ctx.isKmip2()) {
      return List.of(KmipAttributeCodec.encodeV2Attributes(Tag.ATTRIBUTES, visible));
    }
    return List.copyOf(KmipAttributeCodec.encodeV1List(visible));
  }

  /** A primitive item as an attribute value (Adjust Attribute's Adjustment Value). */
  static KmipValue primitive(Ttlv item) throws KmipException {
    return KmipAttributeCodec.primitive(item)
        .orElseThrow(() -> KmipException.invalidField("a value cannot be a structure here"));
  }
}
