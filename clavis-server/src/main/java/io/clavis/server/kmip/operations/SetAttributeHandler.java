package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Set Attribute (KMIP 2.0): a single-valued attribute is added or replaced by the New Attribute.
 * Needs {@code manage keys}.
 */
final class SetAttributeHandler extends ObjectOperation {
  SetAttributeHandler(ManagedObjects objects) {
    super(Operation.SET_ATTRIBUTE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    objects.setAttribute(ctx.principal(), id, AttributeEdits.wrapped(payload, AttributeEdits.NEW));
    return response(uid(id));
  }
}
