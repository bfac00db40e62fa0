package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipOperationHandler;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipObjectException;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.List;
import java.util.Objects;

/**
 * The common part of the managed-object handlers: they call {@link ManagedObjects}, which fails
 * only with {@link KmipObjectException}; this class turns that into the {@link KmipException} the
 * message layer answers, with the Result Reason a client of the request's version knows.
 */
abstract class ObjectOperation implements KmipOperationHandler {
  protected final ManagedObjects objects;
  private final Operation operation;

  ObjectOperation(Operation operation, ManagedObjects objects) {
    this.operation = Objects.requireNonNull(operation, "operation");
    this.objects = Objects.requireNonNull(objects, "objects");
  }

  @Override
  public final Operation operation() {
    return operation;
  }

  @Override
  public final TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload)
      throws KmipException {
    try {
      return run(ctx, payload);
    } catch (KmipObjectException e) {
      throw new KmipException(e.reasonFor(ctx.version()), e.getMessage());
    }
  }

  /** Does the operation; may throw {@link KmipObjectException}. */
  abstract TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException;

  /** The object the payload names, recorded in the item's audit record. */
  static String target(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = ctx.uniqueIdentifier(payload);
    ctx.addAuditResource("keyId", id);
    return id;
  }

  static TtlvTextString uid(String id) {
    return new TtlvTextString(Tag.UNIQUE_IDENTIFIER, id);
  }

  static TtlvStructure response(Ttlv... children) {
    return KmipOperationHandler.responsePayload(List.of(children));
  }
}
