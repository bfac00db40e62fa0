package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Add Attribute: a new instance of a client-modifiable attribute (Name, Object Group, Contact
 * Information, custom {@code x-} attributes, ...). 1.x: an Attribute, answered with the instance
 * and its Attribute Index; 2.x: a New Attribute. Needs {@code manage keys}.
 */
final class AddAttributeHandler extends ObjectOperation {
  AddAttributeHandler(ManagedObjects objects) {
    super(Operation.ADD_ATTRIBUTE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    if (ctx.isKmip2()) {
      objects.addAttribute(
          ctx.principal(), id, AttributeEdits.wrapped(payload, AttributeEdits.NEW));
      return response(uid(id));
    }
    Ttlv item =
        payload
            .child(Tag.ATTRIBUTE)
            .orElseThrow(() -> KmipException.invalidField("Add Attribute needs an Attribute"));
    KmipAttribute attribute = KmipAttributeCodec.decodeV1(item).attribute();
    int index = objects.addAttribute(ctx.principal(), id, attribute);
    return response(uid(id), KmipAttributeCodec.encodeV1(attribute, index));
  }
}
