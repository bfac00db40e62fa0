package io.clavis.server.kmip.objects;

/**
 * The KMIP Unique Identifier of a managed object, and the Clavis key behind it.
 *
 * <p>A managed object is a Clavis key and its identifier is the key id, so REST and KMIP name the
 * same thing the same way. The one exception is the public half of an RSA or EC key: KMIP sees a
 * key pair as two objects, Clavis as one key holding both halves, so the public key is the key id
 * with {@value #PUBLIC_SUFFIX} appended. Clavis ids never contain {@code -}, so the two cannot
 * clash.
 *
 * @param keyId the Clavis key
 * @param publicHalf whether this is the public key of an asymmetric key
 */
public record ObjectId(String keyId, boolean publicHalf) {
  public static final String PUBLIC_SUFFIX = "-public";

  /** Returns the identifier KMIP clients use. */
  public String uniqueIdentifier() {
    return publicHalf ? keyId + PUBLIC_SUFFIX : keyId;
  }

  /**
   * Parses a Unique Identifier.
   *
   * @throws KmipObjectException OBJECT_NOT_FOUND for something that cannot name an object
   */
  public static ObjectId parse(String uniqueIdentifier) {
    if (uniqueIdentifier == null
        || uniqueIdentifier.isEmpty()
        || uniqueIdentifier.length() > 200
        || uniqueIdentifier.indexOf('/') >= 0) {
      throw KmipObjectException.notFound(uniqueIdentifier);
    }
    if (uniqueIdentifier.endsWith(PUBLIC_SUFFIX)) {
      return new ObjectId(
          uniqueIdentifier.substring(0, uniqueIdentifier.length() - PUBLIC_SUFFIX.length()), true);
    }
    return new ObjectId(uniqueIdentifier, false);
  }

  @Override
  public String toString() {
    return uniqueIdentifier();
  }
}
