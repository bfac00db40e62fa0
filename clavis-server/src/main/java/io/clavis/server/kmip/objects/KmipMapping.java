package io.clavis.server.kmip.objects;

import io.clavis.core.key.KeyAlgorithm;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.CryptographicUsageMask;
import io.clavis.kmip.spec.ObjectType;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.State;
import io.clavis.server.key.KeyRecord;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * How Clavis keys look in KMIP terms and back: object types, algorithms and lengths, the default
 * usage mask, and the state (the table of docs/adr/0008-kmip-objects.md).
 */
final class KmipMapping {
  private KmipMapping() {}

  /** The object type of a key; for RSA and EC keys, of the private half (the key id). */
  static ObjectType objectType(KeyAlgorithm algorithm, boolean publicHalf) {
    return switch (algorithm.family()) {
      case AES, HMAC -> ObjectType.SYMMETRIC_KEY;
      case RSA, EC -> publicHalf ? ObjectType.PUBLIC_KEY : ObjectType.PRIVATE_KEY;
      case DATA ->
          switch (algorithm) {
            case SECRET_DATA -> ObjectType.SECRET_DATA;
            case OPAQUE_DATA -> ObjectType.OPAQUE_OBJECT;
            case SPLIT_KEY -> ObjectType.SPLIT_KEY;
            case X509_CERTIFICATE -> ObjectType.CERTIFICATE;
            default -> ObjectType.PUBLIC_KEY;
          };
    };
  }

  /** The Clavis algorithm of a registered data object. */
  static KeyAlgorithm dataAlgorithm(ObjectType type) {
    return switch (type) {
      case SECRET_DATA -> KeyAlgorithm.SECRET_DATA;
      case OPAQUE_OBJECT -> KeyAlgorithm.OPAQUE_DATA;
      case CERTIFICATE -> KeyAlgorithm.X509_CERTIFICATE;
      case SPLIT_KEY -> KeyAlgorithm.SPLIT_KEY;
      default -> throw new IllegalArgumentException(type + " is not a data object");
    };
  }

  /** The KMIP algorithm of a key or of a public key held alone, or null for data objects. */
  static CryptographicAlgorithm algorithm(KeyAlgorithm algorithm) {
    return switch (algorithm) {
      case AES_128, AES_192, AES_256 -> CryptographicAlgorithm.AES;
      case HMAC_SHA256 -> CryptographicAlgorithm.HMAC_SHA256;
      case HMAC_SHA384 -> CryptographicAlgorithm.HMAC_SHA384;
      case HMAC_SHA512 -> CryptographicAlgorithm.HMAC_SHA512;
      case RSA_2048, RSA_3072, RSA_4096, PUBLIC_RSA_2048, PUBLIC_RSA_3072, PUBLIC_RSA_4096 ->
          CryptographicAlgorithm.RSA;
      case EC_P256, EC_P384, EC_P521, PUBLIC_EC_P256, PUBLIC_EC_P384, PUBLIC_EC_P521 ->
          CryptographicAlgorithm.EC;
      case SECRET_DATA, OPAQUE_DATA, X509_CERTIFICATE, SPLIT_KEY -> null;
    };
  }

  /**
   * The Clavis algorithm of a symmetric key a client asks for. An HMAC key's length, when given, is
   * its digest size: Clavis keeps HMAC keys as long as the hash output.
   *
   * @throws KmipObjectException INVALID_FIELD for an algorithm or length Clavis does not offer
   */
  static KeyAlgorithm symmetric(int algorithmValue, Integer length) {
    CryptographicAlgorithm algorithm =
        CryptographicAlgorithm.fromValue(algorithmValue)
            .orElseThrow(
                () ->
                    KmipObjectException.invalidField(
                        String.format(
                            "Cryptographic Algorithm 0x%08X is not known", algorithmValue)));
    KeyAlgorithm chosen =
        switch (algorithm) {
          case AES -> {
            if (length == null) {
              throw new KmipObjectException(
                  ResultReason.MISSING_DATA, "an AES key needs a Cryptographic Length");
            }
            yield switch (length) {
              case 128 -> KeyAlgorithm.AES_128;
              case 192 -> KeyAlgorithm.AES_192;
              case 256 -> KeyAlgorithm.AES_256;
              default ->
                  throw KmipObjectException.invalidField(
                      "an AES key is 128, 192 or 256 bits long, not " + length);
            };
          }
          case HMAC_SHA256 -> KeyAlgorithm.HMAC_SHA256;
          case HMAC_SHA384 -> KeyAlgorithm.HMAC_SHA384;
          case HMAC_SHA512 -> KeyAlgorithm.HMAC_SHA512;
          default ->
              throw KmipObjectException.invalidField(
                  "Clavis keeps AES and HMAC-SHA256/384/512 symmetric keys, not "
                      + algorithm.kmipName());
        };
    if (length != null && length != chosen.bits()) {
      throw KmipObjectException.invalidField(
          "a " + algorithm.kmipName() + " key is " + chosen.bits() + " bits long, not " + length);
    }
    return chosen;
  }

  /**
   * The Clavis algorithm of a key pair a client asks for: RSA 2048, 3072 or 4096 bits; EC on P-256,
   * P-384 or P-521, named by its Cryptographic Length (256, 384, 521).
   *
   * @throws KmipObjectException INVALID_FIELD for an algorithm or length Clavis does not offer,
   *     MISSING_DATA without a length
   */
  static KeyAlgorithm asymmetric(int algorithmValue, Integer length) {
    CryptographicAlgorithm algorithm =
        CryptographicAlgorithm.fromValue(algorithmValue)
            .orElseThrow(
                () ->
                    KmipObjectException.invalidField(
                        String.format(
                            "Cryptographic Algorithm 0x%08X is not known", algorithmValue)));
    if (algorithm != CryptographicAlgorithm.RSA
        && algorithm != CryptographicAlgorithm.EC
        && algorithm != CryptographicAlgorithm.ECDSA) {
      throw KmipObjectException.invalidField(
          "Clavis makes RSA and EC key pairs, not " + algorithm.kmipName());
    }
    if (length == null) {
      throw new KmipObjectException(
          ResultReason.MISSING_DATA, "a key pair needs a Cryptographic Length");
    }
    if (algorithm == CryptographicAlgorithm.RSA) {
      return switch (length) {
        case 2048 -> KeyAlgorithm.RSA_2048;
        case 3072 -> KeyAlgorithm.RSA_3072;
        case 4096 -> KeyAlgorithm.RSA_4096;
        default ->
            throw KmipObjectException.invalidField(
                "an RSA key is 2048, 3072 or 4096 bits long, not " + length);
      };
    }
    return switch (length) {
      case 256 -> KeyAlgorithm.EC_P256;
      case 384 -> KeyAlgorithm.EC_P384;
      case 521 -> KeyAlgorithm.EC_P521;
      default ->
          throw KmipObjectException.invalidField(
              "an EC key is on P-256, P-384 or P-521 (length 256, 384 or 521), not " + length);
    };
  }

  /**
   * The PKCS#1 RSAPublicKey inside an RSA SubjectPublicKeyInfo: the content of its BIT STRING,
   * after the unused-bits byte.
   */
  static byte[] pkcs1PublicKey(byte[] spki) {
    int[] pos = {0};
    readHeader(spki, pos, 0x30); // SubjectPublicKeyInfo
    int algLen = readHeader(spki, pos, 0x30); // AlgorithmIdentifier
    pos[0] += algLen;
    int bitsLen = readHeader(spki, pos, 0x03);
    if (bitsLen < 1 || spki[pos[0]] != 0) {
      throw new IllegalArgumentException("not an RSA SubjectPublicKeyInfo");
    }
    return Arrays.copyOfRange(spki, pos[0] + 1, pos[0] + bitsLen);
  }

  /** Reads a DER tag and length at pos, leaving pos at the content; returns the length. */
  private static int readHeader(byte[] der, int[] pos, int tag) {
    if (pos[0] + 2 > der.length || (der[pos[0]] & 0xFF) != tag) {
      throw new IllegalArgumentException("not an RSA SubjectPublicKeyInfo");
    }
    pos[0]++;
    int first = der[pos[0]++] & 0xFF;
    int len = first;
    if (first > 0x80) {
      int n = first & 0x7F;
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[pos[0]++] & 0xFF);
      }
    }
    if (len < 0 || pos[0] + len > der.length) {
      throw new IllegalArgumentException("not an RSA SubjectPublicKeyInfo");
    }
    return len;
  }

  /** The usage mask of a key whose creator gave none: what Clavis lets the key do. */
  static int defaultUsageMask(KeyAlgorithm algorithm, boolean publicHalf) {
    if (algorithm.keyPairOfPublicKey().isPresent()) {
      return defaultUsageMask(algorithm.keyPairOfPublicKey().get(), true);
    }
    EnumSet<CryptographicUsageMask> bits =
        switch (algorithm.family()) {
          case AES -> EnumSet.of(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT);
          case HMAC ->
              EnumSet.of(CryptographicUsageMask.MAC_GENERATE, CryptographicUsageMask.MAC_VERIFY);
          case RSA ->
              publicHalf
                  ? EnumSet.of(CryptographicUsageMask.VERIFY, CryptographicUsageMask.ENCRYPT)
                  : EnumSet.of(CryptographicUsageMask.SIGN, CryptographicUsageMask.DECRYPT);
          case EC ->
              EnumSet.of(publicHalf ? CryptographicUsageMask.VERIFY : CryptographicUsageMask.SIGN);
          case DATA -> EnumSet.noneOf(CryptographicUsageMask.class);
        };
    return CryptographicUsageMask.toMask(bits);
  }

  /**
   * The KMIP state of a key. A key disabled or pending deletion over REST is Deactivated; once
   * destroyed, a key that had been compromised is Destroyed Compromised.
   */
  static State state(KeyRecord key, KmipObjectRecord record) {
    return switch (key.state()) {
      case PRE_ACTIVE -> State.PRE_ACTIVE;
      case ENABLED -> State.ACTIVE;
      case DISABLED, PENDING_DELETION -> State.DEACTIVATED;
      case COMPROMISED -> State.COMPROMISED;
      case DESTROYED ->
          record != null && record.compromiseDate() != null
              ? State.DESTROYED_COMPROMISED
              : State.DESTROYED;
    };
  }
}
