package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.ManagedObject;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.RegisterRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Join Split Key (KMIP 2.0): the Split Key objects named by the Unique Identifiers (at least the
 * threshold of one XOR or Polynomial Sharing GF(2^8) split, each Extractable and not Sensitive)
 * joined into a new Symmetric Key, or Secret Data of the given Secret Data Type, registered with
 * the request's attributes and the parts' Cryptographic Algorithm and Length. Needs {@code use
 * keys} on the parts and {@code manage keys} on the default vault.
 */
final class JoinSplitKeyHandler extends ObjectOperation {
  JoinSplitKeyHandler(ManagedObjects objects) {
    super(Operation.JOIN_SPLIT_KEY, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    ObjectType type = Payloads.objectType(payload);
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
      throw new KmipException(
          ResultReason.INVALID_OBJECT_TYPE,
          "a split joins into a Symmetric Key or Secret Data, not " + type.kmipName());
    }
    List<TtlvStructure> parts = new ArrayList<>();
    for (Ttlv item : payload.children(Tag.UNIQUE_IDENTIFIER)) {
      if (!(item instanceof TtlvTextString text)) {
        throw KmipException.invalidField("Join Split Key names its parts by text identifiers");
      }
      ctx.addAuditResource("keyId", text.value());
      ManagedObject o = objects.get(ctx.principal(), text.value(), null);
      if (o.objectType() != ObjectType.SPLIT_KEY) {
        throw new KmipException(
            ResultReason.INVALID_OBJECT_TYPE, "object " + text.value() + " is not a Split Key");
      }
      byte[] stored = o.value().toByteArray(SecretAccess.get());
      try {
        parts.add(SplitKeys.decode(stored));
      } finally {
        Arrays.fill(stored, (byte) 0);
      }
    }
    if (parts.isEmpty()) {
      throw new KmipException(ResultReason.MISSING_DATA, "Join Split Key needs the parts");
    }
    KmipAttributes attributes = Payloads.objectAttributes(ctx, payload);
    byte[] key = SplitKeys.join(parts);
    RegisterRequest request;
    try {
      if (type == ObjectType.SYMMETRIC_KEY) {
        request =
            new RegisterRequest(
                type,
                null,
                SecretBytes.copyOf(key),
                RegisterHandler.withBlockAlgorithm(SplitKeys.keyBlock(parts.get(0)), attributes));
      } else {
        int dataType =
            payload
                .optional(Tag.SECRET_DATA_TYPE, TtlvEnumeration.class)
                .orElseThrow(
                    () -> KmipException.invalidField("Secret Data needs a Secret Data Type"))
                .value();
        request = new RegisterRequest(type, dataType, SecretBytes.copyOf(key), attributes);
      }
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    String id = objects.register(ctx.principal(), request);
    ctx.addAuditResource("keyId", id);
    ctx.setIdPlaceholder(id);
    return response(uid(id));
  }
}
