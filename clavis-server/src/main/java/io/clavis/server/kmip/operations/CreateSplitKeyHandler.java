package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.ManagedObject;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.SymmetricKeys;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Create Split Key (KMIP 2.0): a new AES or HMAC key (from the Cryptographic Algorithm and Length
 * attributes), or an existing Extractable, non-Sensitive symmetric key named by its Unique
 * Identifier, split into Split Key Parts Split Key objects, by XOR (every part needed) or by
 * Polynomial Sharing GF(2^8) (any Split Key Threshold parts). The new key itself is not kept. The
 * parts' identifiers are returned in part order; the first becomes the ID Placeholder. Needs {@code
 * manage keys} on the default vault (and {@code use keys} on an existing key).
 */
final class CreateSplitKeyHandler extends ObjectOperation {
  CreateSplitKeyHandler(ManagedObjects objects) {
    super(Operation.CREATE_SPLIT_KEY, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    ObjectType type = Payloads.objectType(payload);
    if (type != ObjectType.SYMMETRIC_KEY) {
      throw new KmipException(
          ResultReason.INVALID_OBJECT_TYPE, "Clavis splits symmetric keys, not " + type.kmipName());
    }
    int parts = payload.integer(Tag.SPLIT_KEY_PARTS);
    int threshold = payload.integer(Tag.SPLIT_KEY_THRESHOLD);
    int method = payload.enumeration(Tag.SPLIT_KEY_METHOD);
    Optional<TtlvBigInteger> primeField =
        payload.optional(Tag.PRIME_FIELD_SIZE, TtlvBigInteger.class);
    KmipAttributes attributes = Payloads.objectAttributes(ctx, payload);

    CryptographicAlgorithm algorithm;
    int length;
    byte[] key;
    Optional<TtlvTextString> existing =
        payload.optional(Tag.UNIQUE_IDENTIFIER, TtlvTextString.class);
    if (existing.isPresent()) {
      String id = existing.get().value();
      ctx.addAuditResource("keyId", id);
      ManagedObject o = objects.get(ctx.principal(), id, null);
      if (o.objectType() != ObjectType.SYMMETRIC_KEY) {
        throw new KmipException(
            ResultReason.INVALID_OBJECT_TYPE, "object " + id + " is not a symmetric key");
      }
      algorithm = o.algorithm();
      length = o.cryptographicLength();
      key = o.value().toByteArray(SecretAccess.get());
    } else {
      KeyAlgorithm made = SymmetricKeys.requested(attributes);
      algorithm = SymmetricKeys.kmipAlgorithm(made);
      length = made.bits();
      key = SecureRandoms.bytes(made.bits() / 8);
    }
    List<String> ids = new ArrayList<>();
    try {
      List<TtlvStructure> split =
          SplitKeys.split(
              key, parts, threshold, method, primeField.orElse(null), algorithm, length);
      KmipAttributes partAttributes = SplitKeys.partAttributes(attributes);
      for (TtlvStructure part : split) {
        String id = objects.register(ctx.principal(), SplitKeys.request(part, partAttributes));
        ids.add(id);
        ctx.addAuditResource("keyId", id);
      }
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    ctx.setIdPlaceholder(ids.get(0));
    List<Ttlv> out = new ArrayList<>();
    for (String id : ids) {
      out.add(uid(id));
    }
    return response(out.toArray(new Ttlv[0]));
  }
}
