package io.clavis.kmip.client;

import io.clavis.kmip.spec.ObjectType;
import java.util.Optional;

/**
 * What Get returns about a key: its identifier and type, the Key Block's format, algorithm and
 * length, and the key material when it is a byte string (Raw, Opaque, PKCS#1, PKCS#8, X.509...).
 *
 * @param objectType the Object Type's wire value
 * @param keyFormatType the Key Format Type's wire value
 * @param keyMaterial the Key Material bytes, or null when it is a structure (Transparent formats)
 * @param cryptographicAlgorithm the Cryptographic Algorithm's wire value, or null
 * @param cryptographicLength the Cryptographic Length in bits, or null
 */
public record KmipKey(
    String uniqueIdentifier,
    int objectType,
    int keyFormatType,
    byte[] keyMaterial,
    Integer cryptographicAlgorithm,
    Integer cryptographicLength) {

  /** The Object Type, when it is a standard value. */
  public Optional<ObjectType> type() {
    return ObjectType.fromValue(objectType);
  }

  /** Leaves the key material out, so that a logged result shows no secret. */
  @Override
  public String toString() {
    return "KmipKey[uniqueIdentifier="
        + uniqueIdentifier
        + ", objectType="
        + type().map(ObjectType::kmipName).orElse(Integer.toString(objectType))
        + ", keyFormatType="
        + keyFormatType
        + ", cryptographicAlgorithm="
        + cryptographicAlgorithm
        + ", cryptographicLength="
        + cryptographicLength
        + "]";
  }
}
