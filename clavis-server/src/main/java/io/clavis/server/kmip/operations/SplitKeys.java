package io.clavis.server.kmip.operations;

import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import java.util.ArrayList;
import java.util.List;

/**
 * Split Key objects: one part of a key split among several holders. Clavis does not join or check
 * parts (it holds one), so it keeps the whole Split Key structure, checked and re-encoded as TTLV,
 * as the object's value; Get returns it as it was registered.
 */
final class SplitKeys {
  /**
   * Split Key Method: XOR, Polynomial Sharing GF(2^16), Prime Field, GF(2^8) (KMIP 1.4 9.1.3.2.8).
   */
  private static final int XOR = 1;

  private static final int PRIME_FIELD = 3;
  private static final int LAST_METHOD = 4;

  private SplitKeys() {}

  /**
   * The TTLV encoding of a registered Split Key: its parts, identifier, threshold and method
   * checked, its Key Block unwrapped and holding Raw, Opaque or Transparent Symmetric Key bytes.
   */
  static byte[] canonical(TtlvStructure splitKey) throws KmipException {
    int parts = splitKey.integer(Tag.SPLIT_KEY_PARTS);
    int identifier = splitKey.integer(Tag.KEY_PART_IDENTIFIER);
    int threshold = splitKey.integer(Tag.SPLIT_KEY_THRESHOLD);
    int method = splitKey.enumeration(Tag.SPLIT_KEY_METHOD);
    if (parts < 1 || parts > 255) {
      throw KmipException.invalidField("Split Key Parts is 1 to 255");
    }
    if (threshold < 1 || threshold > parts) {
      throw KmipException.invalidField("Split Key Threshold is 1 to Split Key Parts");
    }
    if (identifier < 1 || identifier > parts) {
      throw KmipException.invalidField("Key Part Identifier is 1 to Split Key Parts");
    }
    if (method < XOR || method > LAST_METHOD) {
      throw KmipException.invalidField(String.format("Split Key Method 0x%08X is unknown", method));
    }
    if (method == XOR && threshold != parts) {
      throw KmipException.invalidField("an XOR split needs every part: Threshold equals Parts");
    }
    var primeField = splitKey.optional(Tag.PRIME_FIELD_SIZE, TtlvBigInteger.class);
    if (method == PRIME_FIELD && primeField.isEmpty()) {
      throw KmipException.invalidField("Polynomial Sharing Prime Field needs a Prime Field Size");
    }
    TtlvStructure block = splitKey.structure(Tag.KEY_BLOCK);
    KeyFormatType format = RegisterHandler.format(block);
    byte[] material =
        format == KeyFormatType.OPAQUE
            ? RegisterHandler.material(block, KeyFormatType.OPAQUE, null)
            : RegisterHandler.material(
                block, KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
    if (material.length == 0) {
      throw KmipException.invalidField("a Split Key part holds at least one byte");
    }
    List<Ttlv> fields = new ArrayList<>();
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_PARTS, parts));
    fields.add(new TtlvInteger(Tag.KEY_PART_IDENTIFIER, identifier));
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_THRESHOLD, threshold));
    fields.add(new TtlvEnumeration(Tag.SPLIT_KEY_METHOD, method));
    primeField.ifPresent(fields::add);
    fields.add(block);
    return TtlvEncoder.encode(new TtlvStructure(Tag.SPLIT_KEY, fields));
  }

  /** The Split Key structure a stored value holds. */
  static TtlvStructure decode(byte[] stored) {
    return (TtlvStructure) TtlvDecoder.decode(stored);
  }
}
