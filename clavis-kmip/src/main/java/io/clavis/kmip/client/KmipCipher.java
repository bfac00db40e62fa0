package io.clavis.kmip.client;

import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.util.Objects;

/**
 * How Encrypt and Decrypt use an AES key: the block cipher mode, the padding (CBC) and the tag
 * length in bytes (GCM). Sent as Cryptographic Parameters on every call, because servers differ in
 * what they assume without them (PyKMIP refuses the call).
 *
 * @param padding the padding method, or null for none (GCM)
 * @param tagLength the GCM tag length in bytes, or null (CBC)
 */
public record KmipCipher(BlockCipherMode mode, PaddingMethod padding, Integer tagLength) {
  private static final int GCM_TAG_BYTES = 16;

  public KmipCipher {
    Objects.requireNonNull(mode, "mode");
  }

  /** AES-GCM with a 16-byte tag; the server makes the IV. */
  public static KmipCipher gcm() {
    return new KmipCipher(BlockCipherMode.GCM, null, GCM_TAG_BYTES);
  }

  /** AES-CBC with PKCS#5 padding; the server makes the IV. */
  public static KmipCipher cbc() {
    return new KmipCipher(BlockCipherMode.CBC, PaddingMethod.PKCS5, null);
  }

  /** The Cryptographic Parameters structure, its fields in the specification's order. */
  TtlvStructure parameters() {
    TtlvStructure.Builder b = TtlvStructure.builder(Tag.CRYPTOGRAPHIC_PARAMETERS);
    b.add(new TtlvEnumeration(Tag.BLOCK_CIPHER_MODE, mode.value()));
    if (padding != null) {
      b.add(new TtlvEnumeration(Tag.PADDING_METHOD, padding.value()));
    }
    b.add(new TtlvEnumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()));
    if (tagLength != null) {
      b.add(new TtlvInteger(Tag.TAG_LENGTH, tagLength));
    }
    return b.build();
  }
}
