package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.core.crypto.Shamir;
import io.clavis.core.crypto.Share;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.objects.KmipAttributes;
import io.clavis.server.kmip.objects.RegisterRequest;
import io.clavis.server.kmip.objects.StandardAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Split Key objects: one part of a key split among several holders. A registered part is checked
 * and kept as its whole Split Key structure, re-encoded as TTLV, as the object's value (Get returns
 * it as registered); Create Split Key splits a key into parts (XOR, or polynomial sharing over
 * GF(2^8)) and Join Split Key puts enough parts back together.
 */
final class SplitKeys {
  // Split Key Method: XOR, Polynomial Sharing GF(2^16) (2), Prime Field, GF(2^8) (KMIP 1.4
  // 9.1.3.2.8).
  private static final int XOR = 1;
  private static final int PRIME_FIELD = 3;
  private static final int GF_2_8 = 4;
  private static final int LAST_METHOD = GF_2_8;
  private static final int MAX_PARTS = 255;

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
    var primeField = splitKey.optional(Tag.PRIME_FIELD_SIZE, TtlvBigInteger.class);
    check(parts, threshold, method, primeField.orElse(null));
    if (identifier < 1 || identifier > parts) {
      throw KmipException.invalidField("Key Part Identifier is 1 to Split Key Parts");
    }
    byte[] material = partValue(splitKey);
    if (material.length == 0) {
      throw KmipException.invalidField("a Split Key part holds at least one byte");
    }
    Arrays.fill(material, (byte) 0);
    return TtlvEncoder.encode(
        structure(
            parts,
            identifier,
            threshold,
            method,
            primeField.orElse(null),
            splitKey.structure(Tag.KEY_BLOCK)));
  }

  /** Checks how a key is split: parts, threshold, method and the prime field it needs. */
  private static void check(int parts, int threshold, int method, TtlvBigInteger primeField)
      throws KmipException {
    if (parts < 1 || parts > MAX_PARTS) {
      throw KmipException.invalidField("Split Key Parts is 1 to " + MAX_PARTS);
    }
    if (threshold < 1 || threshold > parts) {
      throw KmipException.invalidField("Split Key Threshold is 1 to Split Key Parts");
    }
    if (method < XOR || method > LAST_METHOD) {
      throw KmipException.invalidField(String.format("Split Key Method 0x%08X is unknown", method));
    }
    if (method == XOR && threshold != parts) {
      throw KmipException.invalidField("an XOR split needs every part: Threshold equals Parts");
    }
    if (method == PRIME_FIELD && primeField == null) {
      throw KmipException.invalidField("Polynomial Sharing Prime Field needs a Prime Field Size");
    }
  }

  /**
   * Splits a key into Split Key structures, part 1 first: XOR (random parts whose XOR is the key)
   * or Polynomial Sharing GF(2^8) (Shamir's scheme byte by byte, the share at x = the Key Part
   * Identifier). The other methods are refused: Clavis does not compute in GF(2^16) or prime
   * fields.
   */
  static List<TtlvStructure> split(
      byte[] key,
      int parts,
      int threshold,
      int method,
      TtlvBigInteger primeField,
      CryptographicAlgorithm algorithm,
      int length)
      throws KmipException {
    check(parts, threshold, method, primeField);
    List<byte[]> values = new ArrayList<>();
    if (method == XOR) {
      byte[] last = key.clone();
      for (int i = 1; i < parts; i++) {
        byte[] r = SecureRandoms.bytes(key.length);
        for (int j = 0; j < last.length; j++) {
          last[j] ^= r[j];
        }
        values.add(r);
      }
      values.add(last);
    } else if (method == GF_2_8) {
      for (Share share : Shamir.split(key, parts, threshold)) {
        values.add(share.y());
      }
    } else {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED,
          "Clavis splits by XOR or Polynomial Sharing GF(2^8) only");
    }
    List<TtlvStructure> out = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      TtlvStructure block =
          TtlvStructure.of(
              Tag.KEY_BLOCK,
              new TtlvEnumeration(Tag.KEY_FORMAT_TYPE, KeyFormatType.RAW.value()),
              TtlvStructure.of(Tag.KEY_VALUE, new TtlvByteString(Tag.KEY_MATERIAL, values.get(i))),
              new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm.value()),
              new TtlvInteger(Tag.CRYPTOGRAPHIC_LENGTH, length));
      out.add(structure(parts, i + 1, threshold, method, primeField, block));
      Arrays.fill(values.get(i), (byte) 0);
    }
    return out;
  }

  /**
   * The key the parts join into (Join Split Key): they must be parts of one split (same parts,
   * threshold, method, prime field and key algorithm), distinct, at least the threshold.
   *
   * @return the key's bytes
   */
  static byte[] join(List<TtlvStructure> splitKeys) throws KmipException {
    TtlvStructure first = splitKeys.get(0);
    int threshold = first.integer(Tag.SPLIT_KEY_THRESHOLD);
    int method = first.enumeration(Tag.SPLIT_KEY_METHOD);
    Set<Integer> seen = new HashSet<>();
    List<Share> shares = new ArrayList<>();
    for (TtlvStructure s : splitKeys) {
      if (!sameSplit(first, s)) {
        throw KmipException.invalidField("the parts do not come from one split");
      }
      int x = s.integer(Tag.KEY_PART_IDENTIFIER);
      if (!seen.add(x)) {
        throw KmipException.invalidField("part " + x + " is given twice");
      }
      shares.add(new Share(x, partValue(s)));
    }
    if (shares.size() < threshold) {
      throw KmipException.invalidField(
          "the split needs " + threshold + " parts, " + shares.size() + " given");
    }
    if (method == XOR) {
      byte[] key = new byte[shares.get(0).length()];
      for (Share share : shares) {
        byte[] y = share.y();
        if (y.length != key.length) {
          throw KmipException.invalidField("the parts differ in length");
        }
        for (int j = 0; j < key.length; j++) {
          key[j] ^= y[j];
        }
        Arrays.fill(y, (byte) 0);
      }
      return key;
    }
    if (method == GF_2_8) {
      return Shamir.combine(shares.subList(0, threshold));
    }
    throw new KmipException(
        ResultReason.FEATURE_NOT_SUPPORTED,
        "Clavis joins XOR and Polynomial Sharing GF(2^8) splits only");
  }

  private static TtlvStructure structure(
      int parts,
      int identifier,
      int threshold,
      int method,
      TtlvBigInteger primeField,
      TtlvStructure block) {
    List<Ttlv> fields = new ArrayList<>();
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_PARTS, parts));
    fields.add(new TtlvInteger(Tag.KEY_PART_IDENTIFIER, identifier));
    fields.add(new TtlvInteger(Tag.SPLIT_KEY_THRESHOLD, threshold));
    fields.add(new TtlvEnumeration(Tag.SPLIT_KEY_METHOD, method));
    if (primeField != null) {
      fields.add(primeField);
    }
    fields.add(block);
    return new TtlvStructure(Tag.SPLIT_KEY, fields);
  }

  /** The Key Block of a split: its algorithm and length describe the joined key. */
  static TtlvStructure keyBlock(TtlvStructure splitKey) {
    return splitKey.structure(Tag.KEY_BLOCK);
  }

  private static boolean sameSplit(TtlvStructure a, TtlvStructure b) {
    for (int tag :
        List.of(
            Tag.SPLIT_KEY_PARTS,
            Tag.SPLIT_KEY_THRESHOLD,
            Tag.SPLIT_KEY_METHOD,
            Tag.PRIME_FIELD_SIZE)) {
      if (!a.child(tag).equals(b.child(tag))) {
        return false;
      }
    }
    TtlvStructure ba = keyBlock(a);
    TtlvStructure bb = keyBlock(b);
    return ba.child(Tag.CRYPTOGRAPHIC_ALGORITHM).equals(bb.child(Tag.CRYPTOGRAPHIC_ALGORITHM))
        && ba.child(Tag.CRYPTOGRAPHIC_LENGTH).equals(bb.child(Tag.CRYPTOGRAPHIC_LENGTH));
  }

  private static byte[] partValue(TtlvStructure splitKey) throws KmipException {
    TtlvStructure block = keyBlock(splitKey);
    return RegisterHandler.format(block) == KeyFormatType.OPAQUE
        ? RegisterHandler.material(block, KeyFormatType.OPAQUE, null)
        : RegisterHandler.material(
            block, KeyFormatType.RAW, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY);
  }

  /** What the parts of a split are registered with: the request's, less what the Key Block says. */
  static KmipAttributes partAttributes(KmipAttributes attributes) {
    return new KmipAttributes(
        attributes.list().stream()
            .filter(
                a ->
                    a.name().isCustom()
                        || (a.name().standard() != StandardAttribute.CRYPTOGRAPHIC_ALGORITHM
                            && a.name().standard() != StandardAttribute.CRYPTOGRAPHIC_LENGTH
                            && a.name().standard() != StandardAttribute.OBJECT_TYPE))
            .toList());
  }

  /** The Register request of a part this server made. */
  static RegisterRequest request(TtlvStructure part, KmipAttributes attributes) {
    byte[] encoded = TtlvEncoder.encode(part);
    try {
      return new RegisterRequest(
          ObjectType.SPLIT_KEY, null, SecretBytes.copyOf(encoded), attributes);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The Split Key structure a stored value holds. */
  static TtlvStructure decode(byte[] stored) {
    return (TtlvStructure) TtlvDecoder.decode(stored);
  }
}
