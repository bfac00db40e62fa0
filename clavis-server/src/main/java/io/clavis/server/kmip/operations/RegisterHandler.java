package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.KmipValue;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.RegisterRequest;
import io.clavis.server.kmip.objects.StandardAttribute;
import java.util.Arrays;

/**
 * Register: stores an object the client supplies — a Symmetric Key (Raw or Transparent Symmetric
 * Key, unwrapped), Secret Data (Opaque key format), an Opaque Object or an X.509 Certificate. A
 * key's Cryptographic Algorithm and Length may come from its Key Block or from the attributes. The
 * new identifier becomes the ID Placeholder. Needs {@code manage keys} on the default vault.
 */
final class RegisterHandler extends ObjectOperation {
  RegisterHandler(ManagedObjects objects) {
    super(Operation.REGISTER, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    ObjectType type = Payloads.objectType(payload);
    KmipAttributes attributes = Payloads.objectAttributes(ctx, payload);
    RegisterRequest request =
        switch (type) {
          case SYMMETRIC_KEY -> symmetricKey(object(payload, Tag.SYMMETRIC_KEY, type), attributes);
          case SECRET_DATA -> secretData(object(payload, Tag.SECRET_DATA, type), attributes);
          case OPAQUE_OBJECT -> {
            TtlvStructure o = object(payload, Tag.OPAQUE_OBJECT, type);
            yield new RegisterRequest(
                type,
                o.enumeration(Tag.OPAQUE_DATA_TYPE),
                secret(o.bytes(Tag.OPAQUE_DATA_VALUE)),
                attributes);
          }
          case CERTIFICATE -> {
            TtlvStructure o = object(payload, Tag.CERTIFICATE, type);
            yield new RegisterRequest(
                type,
                o.enumeration(Tag.CERTIFICATE_TYPE),
                secret(o.bytes(Tag.CERTIFICATE_VALUE)),
                attributes);
          }
          default ->
              throw new KmipException(
                  ResultReason.FEATURE_NOT_SUPPORTED,
                  "registering " + type.kmipName() + " objects is not supported");
        };
    String id = objects.register(ctx.principal(), request);
    ctx.addAuditResource("keyId", id);
    ctx.setIdPlaceholder(id);
    return response(uid(id));
  }

  private static TtlvStructure object(TtlvStructure payload, int tag, ObjectType type)
      throws KmipException {
    return payload
        .optional(tag, TtlvStructure.class)
        .orElseThrow(
            () ->
                KmipException.invalidField(
                    "the payload holds no " + type.kmipName() + " for its Object Type"));
  }

  private static RegisterRequest symmetricKey(TtlvStructure key, KmipAttributes attributes)
      throws KmipException {
    TtlvStructure block = key.structure(Tag.KEY_BLOCK);
    byte[] material = material(block, KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
    KmipAttributes all = attributes;
    if (all.first(StandardAttribute.CRYPTOGRAPHIC_ALGORITHM).isEmpty()) {
      var alg = block.optional(Tag.CRYPTOGRAPHIC_ALGORITHM, TtlvEnumeration.class);
      if (alg.isPresent()) {
        all =
            all.with(
                KmipAttribute.of(
                    StandardAttribute.CRYPTOGRAPHIC_ALGORITHM,
                    new KmipValue.EnumerationValue(alg.get().value())));
      }
    }
    if (all.first(StandardAttribute.CRYPTOGRAPHIC_LENGTH).isEmpty()) {
      var len = block.optional(Tag.CRYPTOGRAPHIC_LENGTH, TtlvInteger.class);
      if (len.isPresent()) {
        all =
            all.with(
                KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, len.get().value()));
      }
    }
    return new RegisterRequest(ObjectType.SYMMETRIC_KEY, null, secret(material), all);
  }

  private static RegisterRequest secretData(TtlvStructure data, KmipAttributes attributes)
      throws KmipException {
    int dataType = data.enumeration(Tag.SECRET_DATA_TYPE);
    byte[] material = material(data.structure(Tag.KEY_BLOCK), KeyFormatType.OPAQUE, null);
    return new RegisterRequest(ObjectType.SECRET_DATA, dataType, secret(material), attributes);
  }

  /** The bytes of an unwrapped Key Block in one of the accepted formats. */
  private static byte[] material(TtlvStructure block, KeyFormatType raw, KeyFormatType transparent)
      throws KmipException {
    if (block.child(Tag.KEY_WRAPPING_DATA).isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "wrapped key material cannot be registered yet");
    }
    int format = block.enumeration(Tag.KEY_FORMAT_TYPE);
    Ttlv value = block.child(Tag.KEY_VALUE).orElse(null);
    if (!(value instanceof TtlvStructure keyValue)) {
      throw KmipException.invalidField("the Key Block needs a Key Value structure");
    }
    if (format == raw.value()) {
      return keyValue.bytes(Tag.KEY_MATERIAL);
    }
    if (transparent != null && format == transparent.value()) {
      return keyValue.structure(Tag.KEY_MATERIAL).bytes(Tag.KEY);
    }
    throw new KmipException(
        ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
        KeyFormatType.fromValue(format).map(KeyFormatType::kmipName).orElse("this Key Format Type")
            + " is not accepted here");
  }

  private static SecretBytes secret(byte[] bytes) {
    SecretBytes s = SecretBytes.copyOf(bytes);
    Arrays.fill(bytes, (byte) 0);
    return s;
  }
}
