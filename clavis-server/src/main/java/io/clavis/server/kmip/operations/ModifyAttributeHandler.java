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
 * Modify Attribute. 1.x: the instance at the Attribute's index takes its value, answered with the
 * attribute as it now is; 2.x: the instance equal to the Current Attribute (or the first one) takes
 * the New Attribute's value. Needs {@code manage keys}.
 */
final class ModifyAttributeHandler extends ObjectOperation {
  ModifyAttributeHandler(ManagedObjects objects) {
    super(Operation.MODIFY_ATTRIBUTE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    if (ctx.isKmip2()) {
      KmipAttribute current = AttributeEdits.optionalWrapped(payload, AttributeEdits.CURRENT);
      KmipAttribute next = AttributeEdits.wrapped(payload, AttributeEdits.NEW);
      objects.modifyAttribute(ctx.principal(), id, current, next);
      return response(uid(id));
    }
    Ttlv item =
        payload
            .child(Tag.ATTRIBUTE)
            .orElseThrow(() -> KmipException.invalidField("Modify Attribute needs an Attribute"));
    KmipAttributeCodec.IndexedAttribute a = KmipAttributeCodec.decodeV1(item);
    KmipAttribute now = objects.modifyAttribute(ctx.principal(), id, a.attribute(), a.index());
    return response(uid(id), KmipAttributeCodec.encodeV1(now, a.index()));
  }
}
