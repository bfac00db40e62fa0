package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Activate: a Pre-Active object becomes Active (a Clavis key ENABLED). Needs {@code manage keys}.
 */
final class ActivateHandler extends ObjectOperation {
  ActivateHandler(ManagedObjects objects) {
    super(Operation.ACTIVATE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    objects.activate(ctx.principal(), id);
    return response(uid(id));
  }
}
