package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.time.Instant;

/**
 * Revoke: with a Revocation Reason (code and optional message) and, for a compromise, the
 * Compromise Occurrence Date. Needs {@code manage keys}.
 */
final class RevokeHandler extends ObjectOperation {
  RevokeHandler(ManagedObjects objects) {
    super(Operation.REVOKE, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    TtlvStructure reason = payload.structure(Tag.REVOCATION_REASON);
    int code = reason.enumeration(Tag.REVOCATION_REASON_CODE);
    RevocationReasonCode c =
        RevocationReasonCode.fromValue(code)
            .orElseThrow(
                () ->
                    KmipException.invalidField(
                        String.format("Revocation Reason Code 0x%08X is unknown", code)));
    String message =
        reason
            .optional(Tag.REVOCATION_MESSAGE, TtlvTextString.class)
            .map(TtlvTextString::value)
            .orElse(null);
    Instant occurred =
        payload
            .optional(Tag.COMPROMISE_OCCURRENCE_DATE, TtlvDateTime.class)
            .map(TtlvDateTime::toInstant)
            .orElse(null);
    objects.revoke(ctx.principal(), id, c, message, occurred);
    return response(uid(id));
  }
}
