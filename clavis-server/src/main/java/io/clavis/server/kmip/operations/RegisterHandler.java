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
 * Key), a Private Key (PKCS#8, PKCS#1, ECPrivateKey, Transparent RSA/EC Private Key; becomes an
 * RSA/EC key pair whose public half is {@code <id>-public}), a Public Key alone (X.509, PKCS#1,
 * Transparent RSA/EC Public Key), Secret Data (Opaque key format), an Opaque Object, an X.509
 * Certificate or a Split Key; key material unwrapped. A key's Cryptographic Algorithm and Length
 * may come from its Key Block or from the attributes. The new identifier becomes the ID
 * Placeholder. Needs {@code manage keys} on the default vault.
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
          case PRIVATE_KEY -> {
            TtlvStructure block = object(payload, Tag.PRIVATE_KEY, type).structure(Tag.KEY_BLOCK);
            KeyFormatType format = format(block);
            byte[] pkcs8 = KeyFormats.privateKeyDer(format, keyValue(block));
            yield new RegisterRequest(
                type, null, secret(pkcs8), withBlockAlgorithm(block, attributes));
          }
          case PUBLIC_KEY -> {
            TtlvStructure block = object(payload, Tag.PUBLIC_KEY, type).structure(Tag.KEY_BLOCK);
            byte[] spki = KeyFormats.publicKeyDer(format(block), keyValue(block));
            yield new RegisterRequest(
                type, null, secret(spki), withBlockAlgorithm(block, attributes));
          }
          case SPLIT_KEY ->
              new RegisterRequest(
                  type,
                  null,
                  secret(SplitKeys.canonical(object(payload, Tag.SPLIT_KEY, type))),
                  attributes);
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
    return new RegisterRequest(
        ObjectType.SYMMETRIC_KEY, null, secret(material), withBlockAlgorithm(block, attributes));
  }

  /**
   * The attributes, with the Key Block's Cryptographic Algorithm and Length where they lack them.
   */
  static KmipAttributes withBlockAlgorithm(TtlvStructure block, KmipAttributes attributes) {
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
    return all;
  }

  private static RegisterRequest secretData(TtlvStructure data, KmipAttributes attributes)
      throws KmipException {
    int dataType = data.enumeration(Tag.SECRET_DATA_TYPE);
    byte[] material = material(data.structure(Tag.KEY_BLOCK), KeyFormatType.OPAQUE, null);
    return new RegisterRequest(ObjectType.SECRET_DATA, dataType, secret(material), attributes);
  }

  /** The bytes of an unwrapped Key Block in one of the accepted formats. */
  static byte[] material(TtlvStructure block, KeyFormatType raw, KeyFormatType transparent)
      throws KmipException {
    KeyFormatType format = format(block);
    TtlvStructure keyValue = keyValue(block);
    if (format == raw) {
      return keyValue.bytes(Tag.KEY_MATERIAL);
    }
    if (transparent != null && format == transparent) {
      return keyValue.structure(Tag.KEY_MATERIAL).bytes(Tag.KEY);
    }
    throw new KmipException(
        ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, format.kmipName() + " is not accepted here");
  }

  /** The Key Format Type of an unwrapped Key Block. */
  static KeyFormatType format(TtlvStructure block) throws KmipException {
    if (block.child(Tag.KEY_WRAPPING_DATA).isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "wrapped key material cannot be registered yet");
    }
    int format = block.enumeration(Tag.KEY_FORMAT_TYPE);
    return KeyFormatType.fromValue(format)
        .orElseThrow(
            () ->
                new KmipException(
                    ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED,
                    String.format("Key Format Type 0x%08X is not accepted here", format)));
  }

  /** The Key Value structure of an unwrapped Key Block. */
  static TtlvStructure keyValue(TtlvStructure block) throws KmipException {
    Ttlv value = block.child(Tag.KEY_VALUE).orElse(null);
    if (!(value instanceof TtlvStructure keyValue)) {
      throw KmipException.invalidField("the Key Block needs a Key Value structure");
    }
    return keyValue;
  }

  private static SecretBytes secret(byte[] bytes) {
    SecretBytes s = SecretBytes.copyOf(bytes);
    Arrays.fill(bytes, (byte) 0);
    return s;
  }
}
