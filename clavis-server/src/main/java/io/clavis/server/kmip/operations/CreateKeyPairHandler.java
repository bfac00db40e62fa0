package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.RecommendedCurve;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipAttribute;
import io.clavis.server.kmip.objects.KmipAttributeCodec;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.ObjectId;
import io.clavis.server.kmip.objects.StandardAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Create Key Pair: an RSA or EC key pair, from the Common, Private Key and Public Key
 * Template-Attributes (1.x) or Attributes (2.x). Clavis keeps the pair as one key: the Private Key
 * Unique Identifier is the key id, the Public Key Unique Identifier {@code <keyId>-public}. The
 * private key's identifier becomes the ID Placeholder. An EC curve is named by the Cryptographic
 * Length (256, 384, 521) or by the Recommended Curve of a Cryptographic Domain Parameters attribute
 * (P-256, P-384, P-521), which Clavis turns into that length rather than keeping. Needs {@code
 * manage keys} on the default vault.
 */
final class CreateKeyPairHandler extends ObjectOperation {
  private static final String DOMAIN_PARAMETERS = "Cryptographic Domain Parameters";

  CreateKeyPairHandler(ManagedObjects objects) {
    super(Operation.CREATE_KEY_PAIR, objects);
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    PairTemplates t = templates(ctx, payload);
    String id = objects.createKeyPair(ctx.principal(), t.common(), t.privateKey(), t.publicKey());
    ctx.addAuditResource("keyId", id);
    ctx.setIdPlaceholder(id);
    return pairResponse(id);
  }

  /** The three attribute groups of Create Key Pair and Re-key Key Pair. */
  record PairTemplates(
      KmipAttributes common, KmipAttributes privateKey, KmipAttributes publicKey) {}

  /** Reads the Common, Private Key and Public Key Template-Attributes (1.x) or Attributes (2.x). */
  static PairTemplates templates(KmipRequestContext ctx, TtlvStructure payload)
      throws KmipException {
    if (ctx.isKmip2()) {
      if (payload.child(Tag.COMMON_TEMPLATE_ATTRIBUTE).isPresent()
          || payload.child(Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE).isPresent()
          || payload.child(Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE).isPresent()) {
        throw KmipException.invalidField(
            "KMIP 2 requests carry Common/Private Key/Public Key Attributes, not Template-Attributes");
      }
      return new PairTemplates(
          v2(payload, Tag.COMMON_ATTRIBUTES),
          v2(payload, Tag.PRIVATE_KEY_ATTRIBUTES),
          v2(payload, Tag.PUBLIC_KEY_ATTRIBUTES));
    }
    return new PairTemplates(
        v1(payload, Tag.COMMON_TEMPLATE_ATTRIBUTE),
        v1(payload, Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE),
        v1(payload, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE));
  }

  /** The Private and Public Key Unique Identifiers of the pair whose key id is {@code id}. */
  static TtlvStructure pairResponse(String id) {
    return response(
        new TtlvTextString(Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER, id),
        new TtlvTextString(
            Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER, new ObjectId(id, true).uniqueIdentifier()));
  }

  private static KmipAttributes v2(TtlvStructure payload, int tag) throws KmipException {
    Optional<TtlvStructure> group = payload.optional(tag, TtlvStructure.class);
    if (group.isEmpty()) {
      return KmipAttributes.empty();
    }
    List<Ttlv> kept = new ArrayList<>();
    List<KmipAttribute> curves = new ArrayList<>();
    for (Ttlv child : group.get().children()) {
      if (child.tag() == Tag.CRYPTOGRAPHIC_DOMAIN_PARAMETERS && child instanceof TtlvStructure d) {
        curves.add(curveLength(d));
      } else {
        kept.add(child);
      }
    }
    return withCurves(
        KmipAttributeCodec.decodeV2Attributes(new TtlvStructure(Tag.ATTRIBUTES, kept)), curves);
  }

  private static KmipAttributes v1(TtlvStructure payload, int tag) throws KmipException {
    Optional<TtlvStructure> group = payload.optional(tag, TtlvStructure.class);
    if (group.isEmpty()) {
      return KmipAttributes.empty();
    }
    List<Ttlv> kept = new ArrayList<>();
    List<KmipAttribute> curves = new ArrayList<>();
    for (Ttlv child : group.get().children()) {
      if (child instanceof TtlvStructure a
          && child.tag() == Tag.ATTRIBUTE
          && a.optional(Tag.ATTRIBUTE_NAME, TtlvTextString.class)
              .map(n -> DOMAIN_PARAMETERS.equals(n.value()))
              .orElse(false)) {
        Optional<TtlvStructure> value = a.optional(Tag.ATTRIBUTE_VALUE, TtlvStructure.class);
        if (value.isEmpty()) {
          throw KmipException.invalidField(DOMAIN_PARAMETERS + " needs a structure value");
        }
        curves.add(curveLength(value.get()));
      } else {
        kept.add(child);
      }
    }
    return withCurves(KmipAttributeCodec.decodeV1List(new TtlvStructure(tag, kept)), curves);
  }

  /**
   * The Cryptographic Length a Cryptographic Domain Parameters' Recommended Curve stands for:
   * Clavis keeps no domain parameters, only the curve, which for its three curves the length names.
   */
  private static KmipAttribute curveLength(TtlvStructure parameters) throws KmipException {
    Optional<TtlvEnumeration> curve =
        parameters.optional(Tag.RECOMMENDED_CURVE, TtlvEnumeration.class);
    if (curve.isEmpty()) {
      throw KmipException.invalidField(
          DOMAIN_PARAMETERS + " without a Recommended Curve are not supported");
    }
    int v = curve.get().value();
    int bits;
    if (v == RecommendedCurve.P_256.value()) {
      bits = 256;
    } else if (v == RecommendedCurve.P_384.value()) {
      bits = 384;
    } else if (v == RecommendedCurve.P_521.value()) {
      bits = 521;
    } else {
      throw KmipException.invalidField(
          "Clavis makes EC keys on P-256, P-384 and P-521, not "
              + RecommendedCurve.fromValue(v)
                  .map(RecommendedCurve::kmipName)
                  .orElse(String.format("0x%08X", v)));
    }
    return KmipAttribute.integer(StandardAttribute.CRYPTOGRAPHIC_LENGTH, bits);
  }

  private static KmipAttributes withCurves(KmipAttributes attributes, List<KmipAttribute> curves) {
    KmipAttributes out = attributes;
    for (KmipAttribute c : curves) {
      out = out.with(c);
    }
    return out;
  }
}
