package io.clavis.server.key;

import io.clavis.core.ciphertext.CiphertextFormat;
import io.clavis.core.ciphertext.EnvelopeCipher;
import io.clavis.core.ciphertext.MalformedCiphertextException;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.Hmac;
import io.clavis.core.crypto.NativePrivateKeys;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SignatureAlgorithm;
import io.clavis.core.crypto.Signatures;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyFamily;
import io.clavis.core.key.KeyMaterial;
import io.clavis.core.key.PublicKeys;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import java.security.PublicKey;

/**
 * The cryptographic operations. They read the local replica and the key cache only: no Raft, no
 * disk writes, so they keep working on a node that has lost its quorum.
 */
public final class CryptoService {
  private final KeyService keys;
  private final KeyMaterials materials;
  private final long maxPlaintextBytes;

  public CryptoService(KeyService keys, KeyMaterials materials, long maxPlaintextBytes) {
    this.keys = keys;
    this.materials = materials;
    this.maxPlaintextBytes = maxPlaintextBytes;
  }

  /** A ciphertext with the key version that made it. */
  public record Encrypted(byte[] ciphertext, String keyId, int keyVersion) {}

  /** A decrypted plaintext; {@code toString} never shows it. */
  public record Decrypted(byte[] plaintext, String keyId, int keyVersion) {
    @Override
    public String toString() {
      return "Decrypted[" + keyId + " v" + keyVersion + ", " + plaintext.length + " bytes]";
    }
  }

  /** A signature or MAC tag with the key version that made it. */
  public record Tag(byte[] value, String keyId, int keyVersion) {}

  /** A public key in PEM form. */
  public record PublicKeyInfo(String publicKey, String keyId, int keyVersion, KeyAlgorithm alg) {}

  public Encrypted encrypt(String keyId, byte[] plaintext, byte[] aad) {
    Encryptor encryptor = encryptor(keyId);
    return encryptor.encrypt(encryptor.check(plaintext), aad);
  }

  /**
   * Encryption under the current version of {@code keyId} as it is now: every plaintext given to
   * one encryptor is encrypted by the same version, even if the key is rotated meanwhile.
   *
   * @throws ClavisException when the key does not exist, is not enabled or cannot encrypt
   */
  public Encryptor encryptor(String keyId) {
    KeyRecord key = usableKey(keyId);
    if (!key.algorithm().canEncrypt()) {
      throw wrongOperation(key, "encrypt");
    }
    int version = key.currentVersion();
    return new Encryptor(key, version, material(key, version));
  }

  /** One key version's encryption; see {@link #encryptor}. */
  public final class Encryptor {
    private final KeyRecord key;
    private final int version;
    private final KeyMaterial material;
    private final CiphertextFormat.Header header;

    private Encryptor(KeyRecord key, int version, KeyMaterial material) {
      this.key = key;
      this.version = version;
      this.material = material;
      this.header = new CiphertextFormat.Header(scheme(key), key.id(), version);
    }

    /**
     * Returns {@code plaintext}, or refuses one this key cannot take: over the configured limit, or
     * over an RSA key's OAEP limit.
     */
    public byte[] check(byte[] plaintext) {
      checkSize("plaintext", plaintext);
      if (key.algorithm().family() != KeyFamily.AES) {
        int max = io.clavis.core.crypto.RsaOaep.maxPlaintextLength(key.algorithm().bits());
        if (plaintext.length > max) {
          throw ClavisException.invalid(
              "an " + key.algorithm() + " key encrypts at most " + max + " bytes");
        }
      }
      return plaintext;
    }

    /** Encrypts a plaintext that passed {@link #check}. */
    public Encrypted encrypt(byte[] plaintext, byte[] aad) {
      byte[] ciphertext =
          key.algorithm().family() == KeyFamily.AES
              ? EnvelopeCipher.encryptAesGcm(header, material.secret(), plaintext, aad)
              : EnvelopeCipher.encryptRsaOaep(header, material.publicKey(), plaintext, aad);
      return new Encrypted(ciphertext, key.id(), version);
    }
  }

  /**
   * Decrypts a ciphertext this service made. Every failure that could tell an attacker about the
   * ciphertext (malformed, unknown key or version, wrong AAD, tampered) is the one uniform {@code
   * DECRYPTION_FAILED}; only the key's own state is reported, since the key id is visible in the
   * ciphertext anyway.
   */
  public Decrypted decrypt(String expectedKeyId, byte[] ciphertext, byte[] aad) {
    CiphertextFormat.Parsed parsed;
    try {
      parsed = CiphertextFormat.parse(ciphertext);
    } catch (MalformedCiphertextException e) {
      throw decryptionFailed();
    }
    CiphertextFormat.Header h = parsed.header();
    if (expectedKeyId != null && !expectedKeyId.equals(h.keyId())) {
      throw decryptionFailed();
    }
    KeyRecord key;
    try {
      key = keys.get(h.keyId());
    } catch (ClavisException e) {
      throw decryptionFailed();
    }
    requireEnabled(key);
    // A ciphertext may name any key, including one that cannot encrypt (EC, HMAC): scheme() maps
    // those to RSA-OAEP, so they must be refused here, not when their material is used.
    if (!key.algorithm().canEncrypt()
        || h.scheme() != scheme(key)
        || h.keyVersion() > key.currentVersion()) {
      throw decryptionFailed();
    }
    KeyMaterial m = material(key, h.keyVersion());
    try {
      byte[] plaintext =
          key.algorithm().family() == KeyFamily.AES
              ? EnvelopeCipher.decryptAesGcm(ciphertext, parsed, m.secret(), aad)
              : EnvelopeCipher.decryptRsaOaep(ciphertext, parsed, m.privateKey(), aad);
      return new Decrypted(plaintext, key.id(), h.keyVersion());
    } catch (DecryptionFailedException e) {
      throw decryptionFailed();
    }
  }

  /** A fresh data key, encrypted under {@code keyId}; the plaintext copy only if asked for. */
  public record DataKey(byte[] plaintext, Encrypted encrypted) {
    @Override
    public String toString() {
      return "DataKey[" + encrypted.keyId() + " v" + encrypted.keyVersion() + "]";
    }
  }

  public DataKey generateDataKey(String keyId, KeyAlgorithm dataKeyAlgorithm, byte[] aad) {
    if (dataKeyAlgorithm != KeyAlgorithm.AES_256 && dataKeyAlgorithm != KeyAlgorithm.AES_128) {
      throw new ClavisException(
          ErrorCode.UNSUPPORTED_ALGORITHM, "data keys are AES_256 or AES_128");
    }
    byte[] dataKey = io.clavis.core.crypto.SecureRandoms.bytes(dataKeyAlgorithm.bits() / 8);
    Encrypted encrypted = encrypt(keyId, dataKey, aad);
    return new DataKey(dataKey, encrypted);
  }

  /** Decrypts and encrypts again under the key's current version; the plaintext stays here. */
  public Encrypted reEncrypt(String keyId, byte[] ciphertext, byte[] aad) {
    usableKey(keyId);
    Decrypted d = decrypt(null, ciphertext, aad);
    try {
      return encrypt(keyId, d.plaintext(), aad);
    } finally {
      java.util.Arrays.fill(d.plaintext(), (byte) 0);
    }
  }

  /** What a request does with its key, for {@link #isHeavy}. */
  public enum Use {
    ENCRYPT,
    SIGN,
    VERIFY,
    MAC,
    VERIFY_MAC
  }

  /** Verification without a version tries at most this many on an I/O thread. */
  static final int INLINE_VERSIONS = 8;

  /**
   * Whether a request would hold its thread for long: every operation with an RSA or EC key except
   * P-256 signing by OpenSSL (the JDK's ECDSA, OpenSSL's P-384 and P-521 and RSA private-key
   * operations take hundreds of microseconds to milliseconds), and verification without a version
   * of a key with more than {@value #INLINE_VERSIONS} versions. The REST server serves such
   * requests on a worker thread rather than an I/O thread. A key that does not exist is not heavy:
   * its error is quick.
   */
  public boolean isHeavy(String keyId, Use use, Integer version) {
    KeyRecord key;
    try {
      key = keys.get(keyId);
    } catch (ClavisException e) {
      return false;
    }
    KeyAlgorithm alg = key.algorithm();
    boolean symmetric = alg.family() == KeyFamily.AES || alg.family() == KeyFamily.HMAC;
    if (!symmetric) {
      return !(use == Use.SIGN && alg == KeyAlgorithm.EC_P256 && NativePrivateKeys.signing());
    }
    return version == null
        && (use == Use.VERIFY || use == Use.VERIFY_MAC)
        && key.currentVersion() > INLINE_VERSIONS;
  }

  /**
   * Whether {@code keyId} is an asymmetric key (RSA, EC), every use of which is a public-key
   * operation; false for any other key, and for a key that does not exist.
   */
  public boolean isAsymmetric(String keyId) {
    try {
      return keys.get(keyId).algorithm().isAsymmetric();
    } catch (ClavisException e) {
      return false;
    }
  }

  /** {@link #isHeavy} for decrypting a ciphertext: an RSA-OAEP one is (a private-key operation). */
  public boolean isHeavyDecrypt(byte[] ciphertext) {
    if (ciphertext == null) {
      return false;
    }
    try {
      return CiphertextFormat.parse(ciphertext).header().scheme()
          == CiphertextFormat.SCHEME_RSA_OAEP_SHA256;
    } catch (MalformedCiphertextException e) {
      return false;
    }
  }

  public Tag sign(String keyId, SignatureAlgorithm alg, byte[] message, byte[] digest) {
    KeyRecord key = usableKey(keyId);
    checkSignatureAlgorithm(key, alg);
    checkMessageOrDigest(alg, message, digest);
    int version = key.currentVersion();
    KeyMaterial m = material(key, version);
    byte[] signature =
        message != null
            ? Signatures.sign(alg, m.privateKey(), message)
            : Signatures.signDigest(alg, m.privateKey(), digest);
    return new Tag(signature, key.id(), version);
  }

  public boolean verify(
      String keyId,
      SignatureAlgorithm alg,
      byte[] message,
      byte[] digest,
      byte[] signature,
      Integer version) {
    KeyRecord key = usableKey(keyId);
    checkSignatureAlgorithm(key, alg);
    checkMessageOrDigest(alg, message, digest);
    for (int v : candidateVersions(key, version)) {
      PublicKey pub = material(key, v).publicKey();
      boolean ok =
          message != null
              ? Signatures.verify(alg, pub, message, signature)
              : Signatures.verifyDigest(alg, pub, digest, signature);
      if (ok) {
        return true;
      }
    }
    return false;
  }

  public Tag mac(String keyId, byte[] message) {
    checkSize("message", message);
    KeyRecord key = usableKey(keyId);
    if (!key.algorithm().canMac()) {
      throw wrongOperation(key, "compute a MAC");
    }
    int version = key.currentVersion();
    return new Tag(hmac(key, version).compute(message), key.id(), version);
  }

  public boolean verifyMac(String keyId, byte[] message, byte[] tag, Integer version) {
    checkSize("message", message);
    KeyRecord key = usableKey(keyId);
    if (!key.algorithm().canMac()) {
      throw wrongOperation(key, "verify a MAC");
    }
    for (int v : candidateVersions(key, version)) {
      if (hmac(key, v).verify(message, tag)) {
        return true;
      }
    }
    return false;
  }

  public PublicKeyInfo publicKey(String keyId, Integer version) {
    KeyRecord key = keys.get(keyId);
    if (!key.algorithm().isAsymmetric()) {
      throw wrongOperation(key, "have a public key");
    }
    if (key.state() == KeyState.DESTROYED) {
      throw notEnabled(key);
    }
    int v = version == null ? key.currentVersion() : checkVersion(key, version);
    KeyMaterial m = material(key, v);
    return new PublicKeyInfo(PublicKeys.toPem(m.publicKeyDer()), key.id(), v, key.algorithm());
  }

  private Hmac hmac(KeyRecord key, int version) {
    SecretBytes secret = material(key, version).secret();
    return new Hmac(key.algorithm().hmacAlgorithm().orElseThrow(), secret);
  }

  private int[] candidateVersions(KeyRecord key, Integer version) {
    if (version != null) {
      return new int[] {checkVersion(key, version)};
    }
    int[] all = new int[key.currentVersion()];
    for (int i = 0; i < all.length; i++) {
      all[i] = key.currentVersion() - i;
    }
    return all;
  }

  private static int checkVersion(KeyRecord key, int version) {
    if (version < 1 || version > key.currentVersion()) {
      throw ClavisException.invalid(
          "key " + key.id() + " has versions 1 to " + key.currentVersion());
    }
    return version;
  }

  private KeyMaterial material(KeyRecord key, int version) {
    return materials
        .get(key, version)
        .orElseThrow(
            () ->
                new ClavisException(
                    ErrorCode.KEY_VERSION_NOT_ENABLED,
                    "version " + version + " of key " + key.id() + " does not exist"));
  }

  private KeyRecord usableKey(String keyId) {
    KeyRecord key = keys.get(keyId);
    requireEnabled(key);
    return key;
  }

  private static void requireEnabled(KeyRecord key) {
    if (key.state() != KeyState.ENABLED) {
      throw notEnabled(key);
    }
  }

  private static ClavisException notEnabled(KeyRecord key) {
    return new ClavisException(ErrorCode.KEY_NOT_ENABLED, "key " + key.id() + " is " + key.state());
  }

  private static int scheme(KeyRecord key) {
    return key.algorithm().family() == KeyFamily.AES
        ? CiphertextFormat.SCHEME_AES_GCM
        : CiphertextFormat.SCHEME_RSA_OAEP_SHA256;
  }

  private void checkSize(String what, byte[] data) {
    if (data.length > maxPlaintextBytes) {
      throw new ClavisException(
          ErrorCode.PAYLOAD_TOO_LARGE,
          what + " is " + data.length + " bytes; the limit is " + maxPlaintextBytes);
    }
  }

  private void checkMessageOrDigest(SignatureAlgorithm alg, byte[] message, byte[] digest) {
    if ((message == null) == (digest == null)) {
      throw ClavisException.invalid("give exactly one of message and digest");
    }
    if (message != null) {
      checkSize("message", message);
    } else if (digest.length != alg.digestLength()) {
      throw ClavisException.invalid(
          alg + " needs a " + alg.digestLength() + "-byte digest, got " + digest.length);
    }
  }

  private static void checkSignatureAlgorithm(KeyRecord key, SignatureAlgorithm alg) {
    if (!key.algorithm().canSign()) {
      throw wrongOperation(key, "sign or verify");
    }
    if (!key.algorithm().signatureAlgorithms().contains(alg)) {
      throw ClavisException.invalid(
          alg
              + " does not go with a "
              + key.algorithm()
              + " key; use one of "
              + key.algorithm().signatureAlgorithms());
    }
  }

  private static ClavisException wrongOperation(KeyRecord key, String operation) {
    return new ClavisException(
        ErrorCode.INVALID_OPERATION_FOR_KEY, "a " + key.algorithm() + " key cannot " + operation);
  }

  private static ClavisException decryptionFailed() {
    return new ClavisException(ErrorCode.DECRYPTION_FAILED, "the ciphertext cannot be decrypted");
  }
}
