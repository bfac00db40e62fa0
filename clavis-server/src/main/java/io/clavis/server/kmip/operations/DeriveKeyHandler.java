package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.DerivationMethod;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.DerivedObjects;
import io.clavis.server.kmip.objects.DerivedObjects.DerivationBase;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.KmipObjectException;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.StandardAttribute;
import java.util.Arrays;
import java.util.List;

/**
 * Derive Key: a Symmetric Key or Secret Data derived from one base object (a Symmetric Key or
 * Secret Data with Derive Key in its usage mask, Active) by a Derivation Method of {@link
 * KeyDerivation}, as long as the template's Cryptographic Length says (8 to 512 bits). The new
 * object lives in the base object's vault, linked to it both ways; its identifier becomes the ID
 * Placeholder. Needs {@code use keys} on the base object and {@code manage keys} in its vault.
 */
final class DeriveKeyHandler extends ObjectOperation {
  private final DerivedObjects derived;

  DeriveKeyHandler(ManagedObjects objects, DerivedObjects derived) {
    super(Operation.DERIVE_KEY, objects);
    this.derived = derived;
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    ObjectType type = Payloads.objectType(payload);
    if (type != ObjectType.SYMMETRIC_KEY && type != ObjectType.SECRET_DATA) {
      throw new KmipObjectException(
          ResultReason.INVALID_OBJECT_TYPE,
          "Derive Key makes a Symmetric Key or Secret Data, not a " + type.kmipName());
    }
    if (payload.children(Tag.UNIQUE_IDENTIFIER).size() > 1) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "Clavis derives from one base object");
    }
    int methodValue = payload.enumeration(Tag.DERIVATION_METHOD);
    DerivationMethod method =
        DerivationMethod.fromValue(methodValue)
            .orElseThrow(
                () ->
                    KmipException.invalidField(
                        String.format("Derivation Method 0x%08X is not defined", methodValue)));
    KeyDerivation.Parameters parameters =
        parameters(
            payload
                .optional(Tag.DERIVATION_PARAMETERS, TtlvStructure.class)
                .orElse(TtlvStructure.of(Tag.DERIVATION_PARAMETERS)));
    if (ctx.isKmip2() && payload.child(Tag.TEMPLATE_ATTRIBUTE).isPresent()) {
      throw KmipException.invalidField(
          "KMIP 2 requests carry Attributes, not a Template-Attribute");
    }
    KmipAttributes attributes = Payloads.objectAttributes(ctx, payload);
    int bits =
        attributes
            .first(StandardAttribute.CRYPTOGRAPHIC_LENGTH)
            .map(KmipAttribute::intValue)
            .orElseThrow(
                () ->
                    new KmipException(
                        ResultReason.MISSING_DATA,
                        "the template names no Cryptographic Length to derive"));
    if (bits % 8 != 0) {
      throw KmipException.invalidField("the Cryptographic Length is a whole number of bytes");
    }
    DerivationBase base = derived.derivationBase(ctx.principal(), target(ctx, payload));
    byte[] value = KeyDerivation.derive(method, base, parameters, bits / 8);
    SecretBytes secret = SecretBytes.copyOf(value);
    Arrays.fill(value, (byte) 0);
    String id = derived.derive(ctx.principal(), type, List.of(base), secret, attributes);
    ctx.addAuditResource("derivedKeyId", id);
    ctx.setIdPlaceholder(id);
    return response(uid(id));
  }

  private static KeyDerivation.Parameters parameters(TtlvStructure p) {
    TtlvStructure crypto = CryptoKeys.parameters(p);
    return new KeyDerivation.Parameters(
        CryptoKeys.enumeration(crypto, Tag.HASHING_ALGORITHM).orElse(null),
        CryptoKeys.enumeration(crypto, Tag.CRYPTOGRAPHIC_ALGORITHM).orElse(null),
        CryptoKeys.enumeration(crypto, Tag.BLOCK_CIPHER_MODE).orElse(null),
        CryptoKeys.enumeration(crypto, Tag.PADDING_METHOD).orElse(null),
        bytes(p, Tag.INITIALIZATION_VECTOR),
        bytes(p, Tag.DERIVATION_DATA),
        bytes(p, Tag.SALT),
        p.optional(Tag.ITERATION_COUNT, TtlvInteger.class).map(TtlvInteger::value).orElse(null));
  }

  private static byte[] bytes(TtlvStructure p, int tag) {
    return p.optional(tag, TtlvByteString.class).map(TtlvByteString::value).orElse(null);
  }
}
