package io.clavis.server.kmip.objects;

import io.clavis.core.key.KeyAlgorithm;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.ResultReason;

/** The symmetric keys Clavis makes, as KMIP attributes name them. */
public final class SymmetricKeys {
  private SymmetricKeys() {}

  /**
   * The AES or HMAC key the Cryptographic Algorithm and Length attributes ask for, as Create would
   * make it.
   *
   * @throws KmipObjectException MISSING_DATA without an algorithm, INVALID_FIELD for one Clavis
   *     does not make
   */
  public static KeyAlgorithm requested(KmipAttributes attributes) {
    ObjectTemplate t = ObjectTemplate.parse(attributes);
    if (t.algorithm() == null) {
      throw new KmipObjectException(
          ResultReason.MISSING_DATA, "a key needs a Cryptographic Algorithm");
    }
    return KmipMapping.symmetric(t.algorithm(), t.length());
  }

  /** The KMIP Cryptographic Algorithm of a Clavis key. */
  public static CryptographicAlgorithm kmipAlgorithm(KeyAlgorithm algorithm) {
    return KmipMapping.algorithm(algorithm);
  }
}
