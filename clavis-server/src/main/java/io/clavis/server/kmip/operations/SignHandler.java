package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SignatureAlgorithm;
import io.clavis.core.crypto.Signatures;
import io.clavis.core.key.KeyFamily;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.DigitalSignatureAlgorithm;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.KmipEnum;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.spec.ValidityIndicator;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipRequestContext;
import io.clavis.server.kmip.objects.ManagedObjects;
import java.util.Optional;

/**
 * Sign and Signature Verify with an Active RSA or EC key: RSA-PSS (MGF1 with the same hash, salt as
 * long as the hash) and RSA PKCS#1 v1.5, ECDSA (DER signatures), each with SHA-256, SHA-384 or
 * SHA-512. The scheme comes from the Cryptographic Parameters: a Digital Signature Algorithm, or a
 * Padding Method (RSA) and a Hashing Algorithm. The input is Data (hashed here) or Digested Data
 * (the hash itself). Signature Verify accepts the public key's identifier too and answers a
 * Validity Indicator. Needs {@code use keys}.
 */
final class SignHandler extends ObjectOperation {
  private final CryptoKeys keys;
  private final boolean verify;

  SignHandler(Operation operation, ManagedObjects objects, CryptoKeys keys) {
    super(operation, objects);
    if (operation != Operation.SIGN && operation != Operation.SIGNATURE_VERIFY) {
      throw new IllegalArgumentException(operation.kmipName());
    }
    this.keys = keys;
    this.verify = operation == Operation.SIGNATURE_VERIFY;
  }

  @Override
  TtlvStructure run(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    CryptoKeys.noStreaming(payload);
    TtlvStructure params = CryptoKeys.parameters(payload);
    Optional<byte[]> data =
        payload.optional(Tag.DATA, TtlvByteString.class).map(TtlvByteString::value);
    Optional<byte[]> digest =
        payload.optional(Tag.DIGESTED_DATA, TtlvByteString.class).map(TtlvByteString::value);
    if (data.isPresent() == digest.isPresent()) {
      throw KmipException.invalidField("give exactly one of Data and Digested Data");
    }
    byte[] signature = verify ? payload.bytes(Tag.SIGNATURE_DATA) : null;
    CryptoKeys.SigningKey key = keys.signing(ctx, payload, verify);
    SignatureAlgorithm alg = algorithm(params, key.algorithm().family());
    if (digest.isPresent() && digest.get().length != alg.digestLength()) {
      throw KmipException.invalidField(
          "the Digested Data of " + alg + " is " + alg.digestLength() + " bytes long");
    }
    if (verify) {
      boolean valid;
      try {
        valid =
            data.isPresent()
                ? Signatures.verify(alg, key.publicKey(), data.get(), signature)
                : Signatures.verifyDigest(alg, key.publicKey(), digest.get(), signature);
      } catch (IllegalArgumentException e) {
        valid = false;
      }
      return response(
          uid(key.uniqueIdentifier()),
          new TtlvEnumeration(
              Tag.VALIDITY_INDICATOR,
              (valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID).value()));
    }
    byte[] out;
    try {
      out =
          data.isPresent()
              ? Signatures.sign(alg, key.material().privateKey(), data.get())
              : Signatures.signDigest(alg, key.material().privateKey(), digest.get());
    } catch (RuntimeException e) {
      throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "the signature failed");
    }
    return response(uid(key.uniqueIdentifier()), new TtlvByteString(Tag.SIGNATURE_DATA, out));
  }

  /**
   * The signature scheme the Cryptographic Parameters name for a key of this family.
   *
   * @throws KmipException INVALID_FIELD for a scheme or hash Clavis does not offer, or one that
   *     does not go with the key
   */
  static SignatureAlgorithm algorithm(TtlvStructure params, KeyFamily family) throws KmipException {
    Optional<Integer> dsa = CryptoKeys.enumeration(params, Tag.DIGITAL_SIGNATURE_ALGORITHM);
    Optional<Integer> hashing = CryptoKeys.enumeration(params, Tag.HASHING_ALGORITHM);
    Optional<Integer> padding = CryptoKeys.enumeration(params, Tag.PADDING_METHOD);
    Optional<Integer> cryptoAlg = CryptoKeys.enumeration(params, Tag.CRYPTOGRAPHIC_ALGORITHM);
    if (cryptoAlg.isPresent()) {
      int a = cryptoAlg.get();
      boolean fits =
          family == KeyFamily.RSA
              ? a == CryptographicAlgorithm.RSA.value()
              : a == CryptographicAlgorithm.EC.value() || a == CryptographicAlgorithm.ECDSA.value();
      if (!fits) {
        throw KmipException.invalidField(
            "the Cryptographic Algorithm "
                + name(CryptographicAlgorithm.fromValue(a), a)
                + " does not go with a "
                + family
                + " key");
      }
    }
    SignatureAlgorithm chosen;
    if (dsa.isPresent()) {
      int v = dsa.get();
      DigitalSignatureAlgorithm d =
          DigitalSignatureAlgorithm.fromValue(v)
              .orElseThrow(
                  () ->
                      KmipException.invalidField(
                          String.format("Digital Signature Algorithm 0x%08X is unknown", v)));
      chosen =
          switch (d) {
            case SHA_256_WITH_RSA_ENCRYPTION -> SignatureAlgorithm.RSA_PKCS1_SHA256;
            case SHA_384_WITH_RSA_ENCRYPTION -> SignatureAlgorithm.RSA_PKCS1_SHA384;
            case SHA_512_WITH_RSA_ENCRYPTION -> SignatureAlgorithm.RSA_PKCS1_SHA512;
            case ECDSA_WITH_SHA256 -> SignatureAlgorithm.ECDSA_SHA256;
            case ECDSA_WITH_SHA384 -> SignatureAlgorithm.ECDSA_SHA384;
            case ECDSA_WITH_SHA512 -> SignatureAlgorithm.ECDSA_SHA512;
            case RSASSA_PSS -> pss(hashing.orElse(HashingAlgorithm.SHA_256.value()));
            default ->
                throw KmipException.invalidField("Clavis does not sign with " + d.kmipName());
          };
      if (hashing.isPresent()
          && d != DigitalSignatureAlgorithm.RSASSA_PSS
          && hashing.get() != hashOf(chosen).value()) {
        throw KmipException.invalidField(
            "the Hashing Algorithm differs from the Digital Signature Algorithm's");
      }
    } else {
      if (hashing.isEmpty()) {
        throw KmipException.invalidField(
            "the Cryptographic Parameters need a Digital Signature Algorithm or a Hashing"
                + " Algorithm");
      }
      int h = hashing.get();
      int bits = hashBits(h);
      if (family == KeyFamily.EC) {
        if (padding.isPresent()) {
          throw KmipException.invalidField("ECDSA takes no Padding Method");
        }
        chosen =
            switch (bits) {
              case 256 -> SignatureAlgorithm.ECDSA_SHA256;
              case 384 -> SignatureAlgorithm.ECDSA_SHA384;
              default -> SignatureAlgorithm.ECDSA_SHA512;
            };
      } else {
        int p =
            padding.orElseThrow(
                () ->
                    KmipException.invalidField(
                        "an RSA signature needs a Padding Method (PSS or PKCS1 v1.5)"));
        if (p == PaddingMethod.PSS.value()) {
          chosen = pss(h);
        } else if (p == PaddingMethod.PKCS1_V1_5.value()) {
          chosen =
              switch (bits) {
                case 256 -> SignatureAlgorithm.RSA_PKCS1_SHA256;
                case 384 -> SignatureAlgorithm.RSA_PKCS1_SHA384;
                default -> SignatureAlgorithm.RSA_PKCS1_SHA512;
              };
        } else {
          throw KmipException.invalidField(
              "an RSA signature is padded with PSS or PKCS1 v1.5, not "
                  + name(PaddingMethod.fromValue(p), p));
        }
      }
    }
    if (chosen.keyFamily() != family) {
      throw KmipException.invalidField(chosen + " does not go with a " + family + " key");
    }
    return chosen;
  }

  private static SignatureAlgorithm pss(int hashing) throws KmipException {
    return switch (hashBits(hashing)) {
      case 256 -> SignatureAlgorithm.RSA_PSS_SHA256;
      case 384 -> SignatureAlgorithm.RSA_PSS_SHA384;
      default -> SignatureAlgorithm.RSA_PSS_SHA512;
    };
  }

  private static int hashBits(int hashing) throws KmipException {
    if (hashing == HashingAlgorithm.SHA_256.value()) {
      return 256;
    }
    if (hashing == HashingAlgorithm.SHA_384.value()) {
      return 384;
    }
    if (hashing == HashingAlgorithm.SHA_512.value()) {
      return 512;
    }
    throw KmipException.invalidField(
        "Clavis signs with SHA-256, SHA-384 or SHA-512, not "
            + name(HashingAlgorithm.fromValue(hashing), hashing));
  }

  private static HashingAlgorithm hashOf(SignatureAlgorithm alg) {
    return switch (alg.digestLength()) {
      case 32 -> HashingAlgorithm.SHA_256;
      case 48 -> HashingAlgorithm.SHA_384;
      default -> HashingAlgorithm.SHA_512;
    };
  }

  private static String name(Optional<? extends KmipEnum> e, int value) {
    return e.map(KmipEnum::kmipName).orElse(String.format("0x%08X", value));
  }
}
