package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInterval;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.DerivedObjects;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.List;
import java.util.Optional;

/**
 * Re-key (a symmetric key) and Re-key Key Pair (an RSA or EC pair, named by its Private Key Unique
 * Identifier): a new key replaces the old one, with an optional Offset (seconds from now to the new
 * key's Activation Date) and attributes from the Template-Attribute(s) (1.x) or Attributes (2.x).
 * The old key, the ID Placeholder when the payload names none, stays usable. The new key's
 * identifier becomes the ID Placeholder. Needs {@code manage keys} on the old key.
 *
 * <p>PyKMIP 0.10 sends an empty Template-Attribute in its 2.0 Re-key; an empty one is accepted in
 * 2.x as "no attributes", a non-empty one is refused as in Create.
 */
final class RekeyHandler extends ObjectOperation {
  private final DerivedObjects derived;
  private final boolean keyPair;

  RekeyHandler(Operation operation, ManagedObjects objects, DerivedObjects derived) {
    super(operation, objects);
    if (operation != Operation.RE_KEY && operation != Operation.RE_KEY_KEY_PAIR) {
      throw new IllegalArgumentException(operation.kmipName());
    }
    this.derived = derived;
    this.keyPair = operation == Operation.RE_KEY_KEY_PAIR;
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String old = keyPair ? privateKey(ctx, payload) : target(ctx, payload);
    Long offset =
        payload.optional(Tag.OFFSET, TtlvInterval.class).map(TtlvInterval::seconds).orElse(null);
    KmipAttributes attributes;
    if (keyPair) {
      CreateKeyPairHandler.PairTemplates t = CreateKeyPairHandler.templates(ctx, payload);
      attributes = ManagedObjects.pairAttributes(t.common(), t.privateKey(), t.publicKey());
    } else {
      attributes = attributes(ctx, payload);
    }
    String id = derived.rekey(ctx.principal(), old, offset, attributes, keyPair);
    ctx.addAuditResource("replacementKeyId", id);
    ctx.setIdPlaceholder(id);
    return keyPair ? CreateKeyPairHandler.pairResponse(id) : response(uid(id));
  }

  /** The Private Key Unique Identifier, or the ID Placeholder; recorded for the audit. */
  private static String privateKey(KmipRequestContext ctx, TtlvStructure payload)
      throws KmipException {
    Optional<Ttlv> given = payload.child(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
    // Read as a Unique Identifier would be, so a 2.x enumeration names an earlier item's result.
    Ttlv asUid =
        switch (given.orElse(null)) {
          case null -> null;
          case TtlvTextString t -> new TtlvTextString(Tag.UNIQUE_IDENTIFIER, t.value());
          case TtlvEnumeration e -> new TtlvEnumeration(Tag.UNIQUE_IDENTIFIER, e.value());
          default ->
              throw KmipException.invalidField(
                  "the Private Key Unique Identifier must be a Text String");
        };
    TtlvStructure named =
        new TtlvStructure(Tag.REQUEST_PAYLOAD, asUid == null ? List.of() : List.of(asUid));
    return target(ctx, named);
  }

  private static KmipAttributes attributes(KmipRequestContext ctx, TtlvStructure payload)
      throws KmipException {
    if (ctx.isKmip2()) {
      Optional<TtlvStructure> template =
          payload.optional(Tag.TEMPLATE_ATTRIBUTE, TtlvStructure.class);
      if (template.isPresent() && !template.get().children().isEmpty()) {
        throw KmipException.invalidField(
            "KMIP 2 requests carry Attributes, not a Template-Attribute");
      }
    }
    return Payloads.objectAttributes(ctx, payload);
  }
}
