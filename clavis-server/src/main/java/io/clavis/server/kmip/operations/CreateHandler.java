package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * Create: a new symmetric key (AES or HMAC) with the attributes of the Template-Attribute (1.x) or
 * the Attributes (2.x). The new object's identifier becomes the ID Placeholder for the following
 * items of the request. Needs {@code manage keys} on the default vault.
 */
final class CreateHandler extends ObjectOperation {
  CreateHandler(ManagedObjects objects) {
    super(Operation.CREATE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    ObjectType type = Payloads.objectType(payload);
    if (ctx.isKmip2() && payload.child(Tag.TEMPLATE_ATTRIBUTE).isPresent()) {
      throw KmipException.invalidField(
          "KMIP 2 requests carry Attributes, not a Template-Attribute");
    }
    String id = objects.create(ctx.principal(), type, Payloads.objectAttributes(ctx, payload));
    ctx.addAuditResource("keyId", id);
    ctx.setIdPlaceholder(id);
    return response(new TtlvEnumeration(Tag.OBJECT_TYPE, type.value()), uid(id));
  }
}
