package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.AdjustmentType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipValue;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Adjust Attribute (KMIP 2.0): increments, decrements or negates a numeric or date custom attribute
 * by the Adjustment Value (1 when absent). Needs {@code manage keys}.
 */
final class AdjustAttributeHandler extends ObjectOperation {
  AdjustAttributeHandler(ManagedObjects objects) {
    super(Operation.ADJUST_ATTRIBUTE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    Ttlv ref =
        payload
            .child(Tag.ATTRIBUTE_REFERENCE)
            .orElseThrow(() -> KmipException.invalidField("Adjust Attribute needs a reference"));
    int t = payload.enumeration(Tag.ADJUSTMENT_TYPE);
    AdjustmentType type =
        AdjustmentType.fromValue(t)
            .orElseThrow(
                () ->
                    KmipException.invalidField(
                        String.format("Adjustment Type 0x%08X is unknown", t)));
    KmipValue amount = null;
    var value = payload.child(Tag.ADJUSTMENT_VALUE);
    if (value.isPresent()) {
      amount = Payloads.primitive(value.get());
    }
    objects.adjustAttribute(
        ctx.principal(), id, KmipAttributeCodec.decodeReference(ref), type, amount);
    return response(uid(id));
  }
}
