package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;

/** The 2.x Current Attribute / New Attribute wrappers: a structure holding one attribute item. */
final class AttributeEdits {
  private AttributeEdits() {}

  static KmipAttribute wrapped(TtlvStructure payload, int tag) throws KmipException {
    TtlvStructure s = payload.structure(tag);
    if (s.children().size() != 1) {
      throw KmipException.invalidField("the structure holds exactly one attribute");
    }
    Ttlv item = s.children().get(0);
    return KmipAttributeCodec.decodeV2(item);
  }

  static KmipAttribute optionalWrapped(TtlvStructure payload, int tag) throws KmipException {
    return payload.child(tag).isPresent() ? wrapped(payload, tag) : null;
  }

  static final int CURRENT = Tag.CURRENT_ATTRIBUTE;
  static final int NEW = Tag.NEW_ATTRIBUTE;
}
