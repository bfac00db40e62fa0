package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.KeyFormatType;
import io.clavis.kmip.spec.ObjectType;

/**
 * What Get returns: an object's value in the format asked for, with what the handler needs to wrap
 * it into the object's KMIP structure (a Key Block for keys and secret data, Opaque Data Type and
 * Value for an opaque object, Certificate Type and Value for a certificate).
 *
 * @param keyFormatType Raw or Transparent Symmetric Key (symmetric keys), Opaque (secret data),
 *     X.509 (certificates and public keys), PKCS#8 (private keys); null for an opaque object
 * @param algorithm the key's algorithm, null for data objects
 * @param cryptographicLength the key's length in bits, null for data objects
 * @param dataType the Secret Data Type, Opaque Data Type or Certificate Type; null for keys
 * @param value the raw key (both symmetric formats: the Transparent form wraps the same bytes in a
 *     Key structure), the data, the DER of the certificate, public or private key
 */
public record ManagedObject(
    String uniqueIdentifier,
    ObjectType objectType,
    KeyFormatType keyFormatType,
    CryptographicAlgorithm algorithm,
    Integer cryptographicLength,
    Integer dataType,
    SecretBytes value) {

  /** Never shows the value. */
  @Override
  public String toString() {
    return "ManagedObject["
        + uniqueIdentifier
        + ", "
        + objectType.kmipName()
        + (keyFormatType == null ? "" : ", " + keyFormatType.kmipName())
        + ", "
        + value.size()
        + " bytes]";
  }
}
