package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.RawAes;
import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.key.KeyFamily;
import io.clavis.kmip.spec.BlockCipherMode;
import io.clavis.kmip.spec.CryptographicAlgorithm;
import io.clavis.kmip.spec.DerivationMethod;
import io.clavis.kmip.spec.HashingAlgorithm;
import io.clavis.kmip.spec.PaddingMethod;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.objects.DerivedObjects.DerivationBase;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The derivation functions of Derive Key, each a pure function of the base object's material and
 * the Derivation Parameters:
 *
 * <ul>
 *   <li>PBKDF2 (RFC 8018) with HMAC of the Hashing Algorithm (SHA-1 by default, as KMIP says), the
 *       base material as the password, Salt and Iteration Count;
 *   <li>HASH: the hash of the base material followed by the Derivation Data (if any);
 *   <li>HMAC: the HMAC of the Derivation Data keyed with the base material;
 *   <li>ENCRYPT: the Derivation Data encrypted with the base AES key in CBC mode (the
 *       Initialization Vector, or 16 zero bytes);
 *   <li>NIST800-108-C: SP 800-108 counter mode with HMAC, K(i) = HMAC(base, [i]32 || Derivation
 *       Data) for i = 1, 2, ..., the Derivation Data being the Fixed Input Data (Label, 0x00,
 *       Context, [L]) the client builds;
 *   <li>HKDF (RFC 5869, KMIP 2.0): Salt, base material as input keying material, Derivation Data as
 *       info.
 * </ul>
 *
 * HASH, HMAC, NIST800-108-C and HKDF use SHA-256 unless the Cryptographic Parameters name another
 * hash (SHA-1, SHA-224, SHA-256, SHA-384, SHA-512). The output is cut to the length asked for; a
 * method that gives less (a hash, an HMAC, a ciphertext shorter than the length) is refused.
 */
final class KeyDerivation {
  /** The longest output: 512 bits, an HMAC-SHA512 key. */
  static final int MAX_OUTPUT_BYTES = 64;

  static final int MAX_ITERATIONS = 10_000_000;
  static final int MAX_DATA_BYTES = 64 * 1024;

  private KeyDerivation() {}

  /**
   * What the Derivation Parameters say; absent fields are null.
   *
   * @param hash the Hashing Algorithm value of the Cryptographic Parameters
   * @param algorithm the Cryptographic Algorithm value of the Cryptographic Parameters
   * @param mode the Block Cipher Mode value
   * @param padding the Padding Method value
   */
  record Parameters(
      Integer hash,
      Integer algorithm,
      Integer mode,
      Integer padding,
      byte[] initializationVector,
      byte[] derivationData,
      byte[] salt,
      Integer iterationCount) {}

  /**
   * Derives {@code length} bytes.
   *
   * @throws KmipException Invalid Field for parameters the method cannot use or outputs it cannot
   *     give, Missing Data for a parameter it needs, Feature Not Supported for another method
   */
  static byte[] derive(DerivationMethod method, DerivationBase base, Parameters p, int length)
      throws KmipException {
    if (length < 1 || length > MAX_OUTPUT_BYTES) {
      throw KmipException.invalidField(
          "a derived object is 8 to " + MAX_OUTPUT_BYTES * 8 + " bits long");
    }
    checkSize("Derivation Data", p.derivationData());
    checkSize("Salt", p.salt());
    byte[] key = base.secret().toByteArray(SecretAccess.get());
    try {
      byte[] out =
          switch (method) {
            case PBKDF2 -> pbkdf2(key, p, length);
            case HASH -> cut(hash(p, key), length, method);
            case HMAC ->
                cut(hmac(hashOf(p, HashingAlgorithm.SHA_256), key, required(p)), length, method);
            case ENCRYPT -> cut(encrypt(base, p), length, method);
            case NIST800_108_C -> counterMode(hashOf(p, HashingAlgorithm.SHA_256), key, p, length);
            case HKDF -> hkdf(hashOf(p, HashingAlgorithm.SHA_256), key, p, length);
            default ->
                throw new KmipException(
                    ResultReason.FEATURE_NOT_SUPPORTED,
                    "Clavis derives with PBKDF2, HASH, HMAC, ENCRYPT, NIST800-108-C and HKDF, not "
                        + method.kmipName());
          };
      return out;
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  private static byte[] pbkdf2(byte[] password, Parameters p, int length) throws KmipException {
    if (p.salt() == null) {
      throw new KmipException(ResultReason.MISSING_DATA, "PBKDF2 needs a Salt");
    }
    if (p.iterationCount() == null) {
      throw new KmipException(ResultReason.MISSING_DATA, "PBKDF2 needs an Iteration Count");
    }
    int iterations = p.iterationCount();
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw KmipException.invalidField("the Iteration Count is 1 to " + MAX_ITERATIONS);
    }
    // The JDK's PBKDF2 takes a char[] password and would re-encode binary key material.
    Mac mac = mac(hashOf(p, HashingAlgorithm.SHA_1), password);
    int hLen = mac.getMacLength();
    byte[] out = new byte[length];
    for (int block = 1, at = 0; at < length; block++, at += hLen) {
      mac.update(p.salt());
      byte[] u = mac.doFinal(ByteBuffer.allocate(4).putInt(block).array());
      byte[] t = u.clone();
      for (int i = 1; i < iterations; i++) {
        u = mac.doFinal(u);
        for (int j = 0; j < t.length; j++) {
          t[j] ^= u[j];
        }
      }
      System.arraycopy(t, 0, out, at, Math.min(hLen, length - at));
    }
    return out;
  }

  private static byte[] hash(Parameters p, byte[] key) throws KmipException {
    try {
      MessageDigest digest =
          MessageDigest.getInstance(jdkName(hashOf(p, HashingAlgorithm.SHA_256)));
      digest.update(key);
      if (p.derivationData() != null) {
        digest.update(p.derivationData());
      }
      return digest.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks a standard hash", e);
    }
  }

  private static byte[] hmac(HashingAlgorithm hash, byte[] key, byte[] data) throws KmipException {
    return mac(hash, key).doFinal(data);
  }

  private static byte[] encrypt(DerivationBase base, Parameters p) throws KmipException {
    if (base.algorithm().family() != KeyFamily.AES) {
      throw KmipException.invalidField("ENCRYPT derives with an AES key");
    }
    if (p.algorithm() != null && p.algorithm() != CryptographicAlgorithm.AES.value()) {
      throw KmipException.invalidField("ENCRYPT derives with AES");
    }
    if (p.mode() != null && p.mode() != BlockCipherMode.CBC.value()) {
      throw KmipException.invalidField("ENCRYPT derives in CBC mode");
    }
    int padding = p.padding() != null ? p.padding() : PaddingMethod.PKCS5.value();
    if (padding != PaddingMethod.PKCS5.value() && padding != PaddingMethod.NONE.value()) {
      throw KmipException.invalidField("ENCRYPT takes PKCS5 padding or none");
    }
    byte[] iv =
        p.initializationVector() != null ? p.initializationVector() : new byte[RawAes.BLOCK];
    try {
      return new RawAes(base.secret())
          .cbcEncrypt(iv, required(p), padding == PaddingMethod.PKCS5.value());
    } catch (IllegalArgumentException e) {
      throw KmipException.invalidField(e.getMessage());
    }
  }

  private static byte[] counterMode(HashingAlgorithm hash, byte[] key, Parameters p, int length)
      throws KmipException {
    Mac mac = mac(hash, key);
    byte[] fixed = p.derivationData() != null ? p.derivationData() : new byte[0];
    byte[] out = new byte[length];
    for (int i = 1, at = 0; at < length; i++, at += mac.getMacLength()) {
      mac.update(ByteBuffer.allocate(4).putInt(i).array());
      byte[] k = mac.doFinal(fixed);
      System.arraycopy(k, 0, out, at, Math.min(k.length, length - at));
    }
    return out;
  }

  private static byte[] hkdf(HashingAlgorithm hash, byte[] key, Parameters p, int length)
      throws KmipException {
    Mac extract =
        mac(hash, p.salt() != null && p.salt().length > 0 ? p.salt() : new byte[hashLength(hash)]);
    Mac expand = mac(hash, extract.doFinal(key));
    byte[] info = p.derivationData() != null ? p.derivationData() : new byte[0];
    byte[] out = new byte[length];
    byte[] t = new byte[0];
    for (int i = 1, at = 0; at < length; i++, at += t.length) {
      expand.update(t);
      expand.update(info);
      t = expand.doFinal(new byte[] {(byte) i});
      System.arraycopy(t, 0, out, at, Math.min(t.length, length - at));
    }
    return out;
  }

  private static byte[] required(Parameters p) throws KmipException {
    if (p.derivationData() == null) {
      throw new KmipException(ResultReason.MISSING_DATA, "this method needs Derivation Data");
    }
    return p.derivationData();
  }

  private static byte[] cut(byte[] output, int length, DerivationMethod method)
      throws KmipException {
    if (output.length < length) {
      throw KmipException.invalidField(
          method.kmipName() + " gives " + output.length * 8 + " bits here, fewer than asked for");
    }
    return Arrays.copyOf(output, length);
  }

  private static void checkSize(String what, byte[] value) throws KmipException {
    if (value != null && value.length > MAX_DATA_BYTES) {
      throw KmipException.invalidField(what + " holds at most " + MAX_DATA_BYTES + " bytes");
    }
  }

  private static HashingAlgorithm hashOf(Parameters p, HashingAlgorithm byDefault)
      throws KmipException {
    if (p.hash() == null) {
      return byDefault;
    }
    HashingAlgorithm h =
        HashingAlgorithm.fromValue(p.hash())
            .orElseThrow(() -> KmipException.invalidField("the Hashing Algorithm is not known"));
    jdkName(h);
    return h;
  }

  private static String jdkName(HashingAlgorithm h) throws KmipException {
    return CryptoKeys.jcaHash(h, "derivation");
  }

  private static int hashLength(HashingAlgorithm h) throws KmipException {
    return mac(h, new byte[1]).getMacLength();
  }

  private static Mac mac(HashingAlgorithm hash, byte[] key) throws KmipException {
    String name = "Hmac" + jdkName(hash).replace("-", "");
    try {
      Mac mac = Mac.getInstance(name);
      mac.init(new SecretKeySpec(key, name));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }
}
