package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.KeyMaterial;
import io.clavis.core.key.PublicKeys;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.key.KeyMaterials;
import io.clavis.server.key.KeyRecord;
import io.clavis.server.key.KeyService;
import io.clavis.server.key.KeyState;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.KmipObjectException;
import io.clavis.server.kmip.objects.ManagedObjects;
import io.clavis.server.kmip.objects.ObjectId;
import java.security.PublicKey;
import java.util.Optional;

/**
 * The key a cryptographic operation uses: authorised with {@code use keys} through {@link
 * ManagedObjects#authorizeUse}, Active (a Clavis key ENABLED), of the expected family; its current
 * version's material.
 */
final class CryptoKeys {
  private final ManagedObjects objects;
  private final KeyService keys;
  private final KeyMaterials materials;

  CryptoKeys(ManagedObjects objects, KeyService keys, KeyMaterials materials) {
    this.objects = objects;
    this.keys = keys;
    this.materials = materials;
  }

  record UsableKey(String uniqueIdentifier, KeyAlgorithm algorithm, SecretBytes secret) {}

  UsableKey usable(KmipRequestContext ctx, TtlvStructure payload, KeyFamily family)
      throws KmipException {
    String uid = ObjectOperation.target(ctx, payload);
    String keyId = objects.authorizeUse(ctx.principal(), uid, ctx.auditOperation());
    KeyRecord key = keys.get(keyId);
    if (key.algorithm().family() != family) {
      throw new KmipObjectException(
          ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "object " + uid + " is not a " + family + " key");
    }
    if (key.state() != KeyState.ENABLED) {
      throw new KmipObjectException(
          ResultReason.WRONG_KEY_LIFECYCLE_STATE, "object " + uid + " is not Active");
    }
    SecretBytes secret =
        materials
            .get(key, key.currentVersion())
            .orElseThrow(
                () ->
                    new KmipObjectException(
                        ResultReason.OBJECT_DESTROYED, "object " + uid + " has no value"))
            .secret();
    return new UsableKey(uid, key.algorithm(), secret);
  }

  /**
   * @param material the key pair's material; null for a public key held alone, which only verifies
   * @param publicKey the public key that verifies
   */
  record SigningKey(
      String uniqueIdentifier, KeyAlgorithm algorithm, KeyMaterial material, PublicKey publicKey) {}

  /**
   * The RSA or EC key a Sign or Signature Verify uses, named by the private key's identifier or
   * (for Signature Verify) the public key's, of a pair or registered alone: authorised with {@code
   * use keys}, Active.
   */
  SigningKey signing(KmipRequestContext ctx, TtlvStructure payload, boolean allowPublic)
      throws KmipException {
    String uid = ObjectOperation.target(ctx, payload);
    String keyId = objects.authorizeUse(ctx.principal(), uid, ctx.auditOperation());
    KeyRecord key = keys.get(keyId);
    Optional<KeyAlgorithm> publicAlone = key.algorithm().keyPairOfPublicKey();
    if (!key.algorithm().canSign() && publicAlone.isEmpty()) {
      throw new KmipObjectException(
          ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "object " + uid + " is not an RSA or EC key: it cannot sign or verify");
    }
    if (!allowPublic && (ObjectId.parse(uid).publicHalf() || publicAlone.isPresent())) {
      throw new KmipObjectException(
          ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK,
          "object " + uid + " is a public key: Sign needs the private key");
    }
    if (key.state() != KeyState.ENABLED) {
      throw new KmipObjectException(
          ResultReason.WRONG_KEY_LIFECYCLE_STATE, "object " + uid + " is not Active");
    }
    KeyMaterial material =
        materials
            .get(key, key.currentVersion())
            .orElseThrow(
                () ->
                    new KmipObjectException(
                        ResultReason.OBJECT_DESTROYED, "object " + uid + " has no value"));
    if (publicAlone.isPresent()) {
      // A public key held alone keeps its SubjectPublicKeyInfo as its (not secret) value.
      PublicKey publicKey =
          PublicKeys.parse(publicAlone.get(), material.secret().toByteArray(SecretAccess.get()));
      return new SigningKey(uid, publicAlone.get(), null, publicKey);
    }
    return new SigningKey(uid, key.algorithm(), material, material.publicKey());
  }

  /** The Cryptographic Parameters of a payload, or an empty structure. */
  static TtlvStructure parameters(TtlvStructure payload) {
    return payload
        .optional(Tag.CRYPTOGRAPHIC_PARAMETERS, TtlvStructure.class)
        .orElse(TtlvStructure.of(Tag.CRYPTOGRAPHIC_PARAMETERS));
  }

  /**
   * The JCA name of a SHA-1/SHA-2 Hashing Algorithm (the names KMIP uses are the JCA's); other
   * algorithms are Invalid Field, the message saying what {@code use} hashes with.
   */
  static String jcaHash(HashingAlgorithm h, String use) throws KmipException {
    return switch (h) {
      case SHA_1, SHA_224, SHA_256, SHA_384, SHA_512 -> h.kmipName();
      default ->
          throw KmipException.invalidField(
              use
                  + " hashes with SHA-1, SHA-224, SHA-256, SHA-384 or SHA-512, not "
                  + h.kmipName());
    };
  }

  static Optional<Integer> enumeration(TtlvStructure s, int tag) {
    return s.optional(tag, TtlvEnumeration.class).map(TtlvEnumeration::value);
  }

  /** Refuses the 1.3 streaming fields: each request is one whole operation. */
  static void noStreaming(TtlvStructure payload) throws KmipException {
    if (payload.child(Tag.CORRELATION_VALUE).isPresent()
        || payload.child(Tag.INIT_INDICATOR).isPresent()
        || payload.child(Tag.FINAL_INDICATOR).isPresent()) {
      throw new KmipException(
          ResultReason.FEATURE_NOT_SUPPORTED, "streaming cryptographic operations");
    }
  }
}
