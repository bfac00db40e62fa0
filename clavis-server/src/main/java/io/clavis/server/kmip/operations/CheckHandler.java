package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeName;
import io.clavis.server.kmip.objects.KmipObjectException;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.StandardAttribute;
import java.util.List;

/**
 * Check (basic): the object exists, the caller may read it, and when a Cryptographic Usage Mask is
 * given, the object's mask allows every usage in it. Usage Limits Count and Lease Time are not
 * checked (Clavis keeps no usage limits or leases) and are ignored. Needs {@code read keys}.
 */
final class CheckHandler extends ObjectOperation {
  CheckHandler(ManagedObjects objects) {
    super(Operation.CHECK, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    var mask = payload.optional(Tag.CRYPTOGRAPHIC_USAGE_MASK, TtlvInteger.class);
    KmipAttributeName maskName = KmipAttributeName.of(StandardAttribute.CRYPTOGRAPHIC_USAGE_MASK);
    var attributes = objects.attributes(ctx.principal(), id, List.of(maskName));
    if (mask.isPresent()) {
      int has = attributes.first(maskName).map(KmipAttribute::intValue).orElse(0);
      if ((mask.get().value() & ~has) != 0) {
        throw new KmipObjectException(
            ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
            "the object's Cryptographic Usage Mask does not allow every usage asked for");
      }
    }
    return response(uid(id));
  }
}
