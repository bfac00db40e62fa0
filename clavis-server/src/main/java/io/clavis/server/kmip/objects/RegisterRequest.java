package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.kmip.spec.ObjectType;
import java.util.Objects;

/**
 * An object a client registers: its type, the bytes it holds, and its attributes.
 *
 * @param type Symmetric Key, Secret Data, Opaque Object or Certificate
 * @param dataType the Secret Data Type, Opaque Data Type or Certificate Type; null for a key
 * @param value the raw key, the secret or opaque bytes, or the certificate's DER
 * @param attributes the attributes the client gave (for a key, with its algorithm and length)
 */
public record RegisterRequest(
    ObjectType type, Integer dataType, SecretBytes value, KmipAttributes attributes) {
  public RegisterRequest {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    attributes = attributes == null ? KmipAttributes.empty() : attributes;
  }

  @Override
  public String toString() {
    return "RegisterRequest["
        + type
        + ", "
        + value.size()
        + " bytes, "
        + attributes.size()
        + " attributes]";
  }
}
