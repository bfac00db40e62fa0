package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Destroy: erases the value of an object that is not Active; its attributes remain. Needs {@code
 * manage keys}.
 */
final class DestroyHandler extends ObjectOperation {
  DestroyHandler(ManagedObjects objects) {
    super(Operation.DESTROY, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    objects.destroy(ctx.principal(), id);
    return response(uid(id));
  }
}
