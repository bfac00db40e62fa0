package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
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
 * Get Attribute List: the names (1.x Attribute Name) or references (2.x Attribute Reference) of the
 * attributes an object has, as far as the client's version defines them. Needs {@code read keys}.
 */
final class GetAttributeListHandler extends ObjectOperation {
  GetAttributeListHandler(ManagedObjects objects) {
    super(Operation.GET_ATTRIBUTE_LIST, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    KmipAttributes visible =
        objects.attributes(ctx.principal(), id, List.of()).visibleIn(ctx.version());
    List<Ttlv> out = new ArrayList<>();
    out.add(uid(id));
    for (KmipAttributeName name : visible.names()) {
      if (ctx.isKmip2()) {
        out.add(KmipAttributeCodec.encodeReference(name));
      } else {
        name.v1Name().ifPresent(n -> out.add(new TtlvTextString(Tag.ATTRIBUTE_NAME, n)));
      }
    }
    return KmipOperationHandler.responsePayload(out);
  }
}
