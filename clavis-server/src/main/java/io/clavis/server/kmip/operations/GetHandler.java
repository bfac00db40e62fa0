package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObject;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.Arrays;

/**
 * Get: an object's value, when it is Extractable and not Sensitive. Symmetric keys come as Raw
 * (default) or Transparent Symmetric Key, secret data as Opaque, certificates as X.509, opaque
 * objects as their value, public keys as X.509 (or PKCS#1 for RSA), private keys as PKCS#8. A Key
 * Wrapping Specification (wrapped export) is refused with Operation Not Supported for now. Needs
 * {@code use keys} ({@code read keys} for a public key).
 */
final class GetHandler extends ObjectOperation {
  GetHandler(ManagedObjects objects) {
    super(Operation.GET, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    if (payload.child(Tag.KEY_WRAPPING_SPECIFICATION).isPresent()) {
      throw new KmipException(
          ResultReason.OPERATION_NOT_SUPPORTED, "Get with a Key Wrapping Specification");
    }
    // Key Compression Type and Key Wrap Type concern EC points and wrapped keys, which Get does not
    // return: they are ignored.
    KeyFormatType format = null;
    var asked = payload.optional(Tag.KEY_FORMAT_TYPE, TtlvEnumeration.class);
    if (asked.isPresent()) {
      int v = asked.get().value();
      format =
          KeyFormatType.fromValue(v)
              .orElseThrow(
                  () ->
                      KmipException.invalidField(
                          String.format("Key Format Type 0x%08X is unknown", v)));
    }
    ManagedObject o = objects.get(ctx.principal(), id, format);
    byte[] value = o.value().toByteArray(SecretAccess.get());
    try {
      TtlvStructure object =
          switch (o.objectType()) {
            case SYMMETRIC_KEY -> TtlvStructure.of(Tag.SYMMETRIC_KEY, keyBlock(o, value, true));
            case SECRET_DATA ->
                TtlvStructure.of(
                    Tag.SECRET_DATA,
                    new TtlvEnumeration(Tag.SECRET_DATA_TYPE, o.dataType()),
                    keyBlock(o, value, false));
            case OPAQUE_OBJECT ->
                TtlvStructure.of(
                    Tag.OPAQUE_OBJECT,
                    new TtlvEnumeration(Tag.OPAQUE_DATA_TYPE, o.dataType()),
                    new TtlvByteString(Tag.OPAQUE_DATA_VALUE, value));
            case CERTIFICATE ->
                TtlvStructure.of(
                    Tag.CERTIFICATE,
                    new TtlvEnumeration(Tag.CERTIFICATE_TYPE, o.dataType()),
                    new TtlvByteString(Tag.CERTIFICATE_VALUE, value));
            case PRIVATE_KEY -> TtlvStructure.of(Tag.PRIVATE_KEY, keyBlock(o, value, true));
            case PUBLIC_KEY -> TtlvStructure.of(Tag.PUBLIC_KEY, keyBlock(o, value, true));
            default ->
                throw new KmipException(
                    ResultReason.FEATURE_NOT_SUPPORTED,
                    "Get of " + o.objectType().kmipName() + " objects is not supported yet");
          };
      return response(
          new TtlvEnumeration(Tag.OBJECT_TYPE, o.objectType().value()),
          uid(o.uniqueIdentifier()),
          object);
    } finally {
      Arrays.fill(value, (byte) 0);
    }
  }

  private static TtlvStructure keyBlock(ManagedObject o, byte[] value, boolean key) {
    TtlvStructure.Builder kv = TtlvStructure.builder(Tag.KEY_VALUE);
    if (o.keyFormatType() == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY) {
      kv.add(TtlvStructure.of(Tag.KEY_MATERIAL, new TtlvByteString(Tag.KEY, value)));
    } else {
      kv.add(new TtlvByteString(Tag.KEY_MATERIAL, value));
    }
    TtlvStructure.Builder b =
        TtlvStructure.builder(Tag.KEY_BLOCK)
            .add(new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, o.keyFormatType().value()))
            .add(kv.build());
    if (key && o.algorithm() != null) {
      b.add(new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, o.algorithm().value()));
      b.add(new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, o.cryptographicLength()));
    }
    return b.build();
  }
}
