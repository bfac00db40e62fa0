package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.Hmac;
import io.clavis.core.crypto.HmacAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.ValidityIndicator;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;

/**
 * MAC and MAC Verify with an Active HMAC key (HMAC-SHA256/384/512, as the key was made): the full
 * tag in MAC Data; MAC Verify answers a Validity Indicator. A Cryptographic Algorithm in the
 * Cryptographic Parameters must be the key's. Needs {@code use keys}.
 */
final class MacHandler extends ObjectOperation {
  private final CryptoKeys keys;
  private final boolean verify;

  MacHandler(Operation operation, ManagedObjects objects, CryptoKeys keys) {
    super(operation, objects);
    if (operation != Operation.MAC && operation != Operation.MAC_VERIFY) {
      throw new IllegalArgumentException(operation.kmipName());
    }
    this.keys = keys;
    this.verify = operation == Operation.MAC_VERIFY;
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    CryptoKeys.noStreaming(payload);
    TtlvStructure params = CryptoKeys.parameters(payload);
    byte[] data = payload.bytes(Tag.DATA);
    byte[] expected = verify ? payload.bytes(Tag.MAC_DATA) : null;
    CryptoKeys.UsableKey key = keys.usable(ctx, payload, KeyFamily.HMAC);
    HmacAlgorithm hmac = HmacAlgorithm.valueOf(key.algorithm().name());
    CryptographicAlgorithm kmip =
        switch (hmac) {
          case HMAC_SHA256 -> CryptographicAlgorithm.HMAC_SHA256;
          case HMAC_SHA384 -> CryptographicAlgorithm.HMAC_SHA384;
          case HMAC_SHA512 -> CryptographicAlgorithm.HMAC_SHA512;
        };
    var asked = CryptoKeys.enumeration(params, Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (asked.isPresent() && asked.get() != kmip.value()) {
      throw KmipException.invalidField("the key is a " + kmip.kmipName() + " key");
    }
    Hmac mac = new Hmac(hmac, key.secret());
    if (verify) {
      boolean valid = mac.verify(data, expected);
      return response(
          uid(key.uniqueIdentifier()),
          new TtlvEnumeration(
              Tag.VALIDITY_INDICATOR,
              (valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID).value()));
    }
    return response(
        uid(key.uniqueIdentifier()), new TtlvByteString(Tag.MAC_DATA, mac.compute(data)));
  }
}
