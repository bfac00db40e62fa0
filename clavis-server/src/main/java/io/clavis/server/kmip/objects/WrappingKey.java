package io.clavis.server.kmip.objects;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyMaterial;
import io.clavis.core.key.PublicKeys;
import java.security.PublicKey;

/**
 * The key a Get with a Key Wrapping Specification wraps under, checked by {@link
 * ManagedObjects#wrappingKey}.
 *
 * @param uniqueIdentifier the identifier the client named it by
 * @param algorithm an AES key's algorithm, or the RSA key pair's (also for a public key held alone)
 * @param material the key's current material: the raw AES key, an RSA pair, or for a public key
 *     held alone its SubjectPublicKeyInfo DER as the secret
 */
public record WrappingKey(String uniqueIdentifier, KeyAlgorithm algorithm, KeyMaterial material) {

  /** The RSA public key to wrap under. */
  public PublicKey rsaPublicKey() {
    if (material.algorithm().isAsymmetric()) {
      return material.publicKey();
    }
    return PublicKeys.parse(algorithm, material.secret().toByteArray(SecretAccess.get()));
  }

  @Override
  public String toString() {
    return "WrappingKey[" + uniqueIdentifier + ", " + algorithm + "]";
  }
}
