package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.StorageStatusMask;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipOperationHandler;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.LocateRequest;
import io.clavis.server.kmip.objects.LocateResult;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.ArrayList;
import java.util.List;

/**
 * Locate: the objects, among those the caller may {@code inspect}, that have every attribute given
 * (Name, Object Type, Cryptographic Algorithm, State, Object Group, custom attributes, ...), in
 * identifier order, paged by Maximum Items and Offset Items. Located Items (the total) is answered
 * from KMIP 1.3. Clavis keeps every object on-line, so a Storage Status Mask without On-line
 * storage finds nothing. When something is found the first identifier becomes the ID Placeholder.
 */
final class LocateHandler extends ObjectOperation {
  LocateHandler(ManagedObjects objects) {
    super(Operation.LOCATE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    Integer maximum =
        payload.optional(Tag.MAXIMUM_ITEMS, TtlvInteger.class).map(TtlvInteger::value).orElse(null);
    int offset =
        payload.optional(Tag.OFFSET_ITEMS, TtlvInteger.class).map(TtlvInteger::value).orElse(0);
    boolean online =
        payload
            .optional(Tag.STORAGE_STATUS_MASK, TtlvInteger.class)
            .map(m -> (m.value() & StorageStatusMask.ON_LINE_STORAGE.value()) != 0)
            .orElse(true);
    LocateResult r =
        online
            ? objects.locate(
                ctx.principal(),
                new LocateRequest(Payloads.locateAttributes(ctx, payload), maximum, offset))
            : new LocateResult(List.of(), 0);
    List<Ttlv> out = new ArrayList<>();
    if (ctx.version().compareTo(KmipVersion.V1_3) >= 0) {
      out.add(new TtlvInteger(Tag.LOCATED_ITEMS, r.locatedItems()));
    }
    for (String id : r.uniqueIdentifiers()) {
      out.add(uid(id));
    }
    if (!r.uniqueIdentifiers().isEmpty()) {
      ctx.setIdPlaceholder(r.uniqueIdentifiers().get(0));
    }
    return KmipOperationHandler.responsePayload(out);
  }
}
