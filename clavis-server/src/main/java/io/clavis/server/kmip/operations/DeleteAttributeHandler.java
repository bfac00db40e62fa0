package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributeName;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.List;

/**
 * Delete Attribute. 1.x: the instance of the named attribute at the Attribute Index (0 when
 * absent), answered with the deleted instance; 2.x: the instance equal to the Current Attribute, or
 * the first instance of the attribute an Attribute Reference names. Needs {@code manage keys}.
 */
final class DeleteAttributeHandler extends ObjectOperation {
  DeleteAttributeHandler(ManagedObjects objects) {
    super(Operation.DELETE_ATTRIBUTE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    if (ctx.isKmip2()) {
      KmipAttribute current = AttributeEdits.optionalWrapped(payload, AttributeEdits.CURRENT);
      if (current != null) {
        objects.deleteAttribute(ctx.principal(), id, current);
      } else {
        Ttlv ref =
            payload
                .child(Tag.ATTRIBUTE_REFERENCE)
                .orElseThrow(
                    () ->
                        KmipException.invalidField(
                            "Delete Attribute needs a Current Attribute or an Attribute"
                                + " Reference"));
        objects.deleteAttribute(ctx.principal(), id, KmipAttributeCodec.decodeReference(ref), 0);
      }
      return response(uid(id));
    }
    Ttlv nameItem =
        payload
            .child(Tag.ATTRIBUTE_NAME)
            .orElseThrow(() -> KmipException.invalidField("Delete Attribute needs a name"));
    KmipAttributeName name = KmipAttributeCodec.decodeV1Name(nameItem);
    int index =
        payload.optional(Tag.ATTRIBUTE_INDEX, TtlvInteger.class).map(TtlvInteger::value).orElse(0);
    List<KmipAttribute> instances =
        objects.attributes(ctx.principal(), id, List.of(name)).all(name);
    if (index < 0 || index >= instances.size()) {
      throw new KmipException(
          instances.isEmpty() ? ResultReason.ITEM_NOT_FOUND : ResultReason.INDEX_OUT_OF_BOUNDS,
          "the object has no " + name + " at index " + index);
    }
    KmipAttribute deleted = instances.get(index);
    objects.deleteAttribute(ctx.principal(), id, name, index);
    return response(uid(id), KmipAttributeCodec.encodeV1(deleted, index));
  }
}
