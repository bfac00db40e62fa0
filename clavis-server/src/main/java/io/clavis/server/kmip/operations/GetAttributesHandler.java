package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipOperationHandler;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributeName;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * Get Attributes: the attributes named by Attribute Name (1.x) or Attribute Reference (2.x), all of
 * them when none is named; attributes the object does not have are left out. Needs {@code read
 * keys}.
 */
final class GetAttributesHandler extends ObjectOperation {
  GetAttributesHandler(ManagedObjects objects) {
    super(Operation.GET_ATTRIBUTES, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    List<KmipAttributeName> names = new ArrayList<>();
    if (ctx.isKmip2()) {
      for (Ttlv r : payload.children(Tag.ATTRIBUTE_REFERENCE)) {
        names.add(KmipAttributeCodec.decodeReference(r));
      }
    } else {
      for (Ttlv n : payload.children(Tag.ATTRIBUTE_NAME)) {
        names.add(KmipAttributeCodec.decodeV1Name(n));
      }
    }
    KmipAttributes found = objects.attributes(ctx.principal(), id, names);
    List<Ttlv> out = new ArrayList<>();
    out.add(uid(id));
    out.addAll(Payloads.encode(ctx, found));
    return KmipOperationHandler.responsePayload(out);
  }
}
