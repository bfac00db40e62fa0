package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
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
import java.util.Optional;

/**
 * Get: an object's value, when it is Extractable and not Sensitive (a Sensitive one only wrapped).
 * Symmetric keys come as Raw (default) or Transparent Symmetric Key, secret data as Opaque,
 * certificates as X.509, opaque objects as their value, public keys as X.509 (default), PKCS#1
 * (RSA) or Transparent RSA/EC Public Key, private keys as PKCS#8 (default) or Transparent RSA/EC
 * Private Key, split keys as registered. With a Key Wrapping Specification the Key Block leaves
 * wrapped ({@link KeyWrapping}). Needs {@code use keys} ({@code read keys} for a public key), and
 * {@code use keys} on a wrapping key.
 */
final class GetHandler extends ObjectOperation {
  GetHandler(ManagedObjects objects) {
    super(Operation.GET, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    String id = target(ctx, payload);
    Optional<KeyWrapping> wrapping = KeyWrapping.of(payload);
    // Key Compression Type and Key Wrap Type concern EC point compression and keys registered
    // wrapped, which Clavis neither offers nor keeps: they are ignored.
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
    ManagedObject o = objects.get(ctx.principal(), id, format, wrapping.isPresent());
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
            case SPLIT_KEY -> SplitKeys.decode(value);
            default ->
                throw new KmipException(
                    ResultReason.FEATURE_NOT_SUPPORTED,
                    "Get of " + o.objectType().kmipName() + " objects is not supported yet");
          };
      if (wrapping.isPresent()) {
        object = wrapping.get().wrap(ctx, objects, object);
        ctx.addAuditResource("wrappingKeyId", wrapping.get().wrappingKeyId());
      }
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
    KeyFormatType format = o.keyFormatType();
    if (format == KeyFormatType.TRANSPARENT_SYMMETRIC_KEY) {
      kv.add(TtlvStructure.of(Tag.KEY_MATERIAL, new TtlvByteString(Tag.KEY, value)));
    } else if (KeyFormats.isTransparent(format)) {
      kv.add(
          o.objectType() == ObjectType.PRIVATE_KEY
              ? KeyFormats.transparentPrivate(format, value)
              : KeyFormats.transparentPublic(format, value));
    } else {
      kv.add(new TtlvByteString(Tag.KEY_MATERIAL, value));
    }
    TtlvStructure.Builder b =
        TtlvStructure.builder(Tag.KEY_BLOCK)
            .add(new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, format.value()))
            .add(kv.build());
    if (key && o.algorithm() != null) {
      b.add(new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, o.algorithm().value()));
      b.add(new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, o.cryptographicLength()));
    }
    return b.build();
  }
}
