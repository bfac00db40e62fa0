package io.clavis.core.crypto;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NativePrivateKeys.Operations} on the system's OpenSSL 3 libcrypto through the foreign
 * function API.
 *
 * <p>Each private key is parsed into an OpenSSL key once and kept while the JDK key object lives:
 * the cache holds the JDK key only weakly, and when it is collected a {@link Cleaner} frees the
 * OpenSSL key, which clears its secret parts. A call holds the JDK key until OpenSSL has finished
 * ({@link Reference#reachabilityFence}), so a key is never freed while in use. The encoded key
 * passed to OpenSSL is wiped from both heaps right after parsing, and the buffer a plaintext is
 * decrypted into as soon as it is copied out (OpenSSL frees its own working copy of the padded
 * message without clearing it, as the JDK leaves its copies to the garbage collector).
 *
 * <p>OpenSSL's ECDSA nonces are hedged (derived from its DRBG, the private key and the hash), its
 * P-256 arithmetic and RSA private-key operations constant-time (RSA also blinded), its OAEP
 * padding check too; each call gets its own context, so threads share only the read-only key.
 */
final class OpenSslPrivateKeys implements NativePrivateKeys.Operations {
  private static final long OPENSSL_3 = 0x30000000L;
  // No atexit cleanup: threads still signing while the JVM exits must not find OpenSSL torn down.
  // It only counts if this is the process's first initialisation of libcrypto; the TLS library
  // links its own BoringSSL, so nothing else initialises libcrypto.so.3 before us.
  private static final long OPENSSL_INIT_NO_ATEXIT = 0x00080000L;
  // The modulus of RSA up to 8192 bits: the longest signature (the DER of two 521-bit ECDSA
  // integers is at most 139 bytes), ciphertext and plaintext; a longer ciphertext cannot decrypt,
  // so OpenSSL never sees it
  private static final int MAX_OUTPUT = 1024;
  private static final int RSA_PKCS1_PADDING = 1;
  private static final int RSA_PKCS1_PSS_PADDING = 6;
  private static final int RSA_PKCS1_OAEP_PADDING = 4;
  // What decrypt answers for a ciphertext that does not decrypt (compared by identity)
  private static final byte[] NOT_DECRYPTED = new byte[0];

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup CRYPTO =
      SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
  private static final MethodHandle VERSION_NUM = handle("OpenSSL_version_num", JAVA_LONG);
  private static final MethodHandle VERSION = handle("OpenSSL_version", ADDRESS, JAVA_INT);
  private static final MethodHandle D2I_PRIVATE_KEY =
      handle("d2i_AutoPrivateKey", ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle PKEY_FREE = voidHandle("EVP_PKEY_free", ADDRESS);
  private static final MethodHandle CTX_NEW = handle("EVP_PKEY_CTX_new", ADDRESS, ADDRESS, ADDRESS);
  private static final MethodHandle CTX_FREE = voidHandle("EVP_PKEY_CTX_free", ADDRESS);
  private static final MethodHandle SIGN_INIT = handle("EVP_PKEY_sign_init", JAVA_INT, ADDRESS);
  private static final MethodHandle SIGN =
      handle("EVP_PKEY_sign", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle DECRYPT_INIT =
      handle("EVP_PKEY_decrypt_init", JAVA_INT, ADDRESS);
  private static final MethodHandle DECRYPT =
      handle("EVP_PKEY_decrypt", JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG);
  private static final MethodHandle SET_OAEP_MD =
      handle("EVP_PKEY_CTX_set_rsa_oaep_md", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SET0_OAEP_LABEL =
      handle("EVP_PKEY_CTX_set0_rsa_oaep_label", JAVA_INT, ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle MALLOC =
      handle("CRYPTO_malloc", ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT);
  private static final MethodHandle FREE = voidHandle("CRYPTO_free", ADDRESS, ADDRESS, JAVA_INT);
  private static final MethodHandle CLEAR_ERRORS = voidHandle("ERR_clear_error");
  private static final MethodHandle SET_PADDING =
      handle("EVP_PKEY_CTX_set_rsa_padding", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SET_MD =
      handle("EVP_PKEY_CTX_set_signature_md", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SET_PSS_SALT =
      handle("EVP_PKEY_CTX_set_rsa_pss_saltlen", JAVA_INT, ADDRESS, JAVA_INT);
  private static final MethodHandle SET_MGF1_MD =
      handle("EVP_PKEY_CTX_set_rsa_mgf1_md", JAVA_INT, ADDRESS, ADDRESS);
  private static final MethodHandle SHA256 = handle("EVP_sha256", ADDRESS);
  private static final MethodHandle SHA384 = handle("EVP_sha384", ADDRESS);
  private static final MethodHandle SHA512 = handle("EVP_sha512", ADDRESS);
  private static final MethodHandle INIT =
      handle("OPENSSL_init_crypto", JAVA_INT, JAVA_LONG, ADDRESS);
  private static final System.Logger LOG = System.getLogger(OpenSslPrivateKeys.class.getName());

  private static final ConcurrentHashMap<Object, MemorySegment> KEYS = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER =
      Cleaner.create(
          r -> Thread.ofPlatform().name("openssl-key-cleaner").daemon(true).unstarted(r));

  private final String version;
  private final MemorySegment sha256;
  private final MemorySegment sha384;
  private final MemorySegment sha512;
  private final Fallback signing = new Fallback("sign");
  private final Fallback decryption = new Fallback("decrypt");

  /** Fails when libcrypto is missing or older than 3.0. */
  OpenSslPrivateKeys() throws Throwable {
    long number = (long) VERSION_NUM.invokeExact();
    if (number < OPENSSL_3) {
      throw new IllegalStateException("libcrypto is older than OpenSSL 3.0");
    }
    if ((int) INIT.invokeExact(OPENSSL_INIT_NO_ATEXIT, MemorySegment.NULL) != 1) {
      throw new IllegalStateException("OPENSSL_init_crypto failed");
    }
    MemorySegment text = (MemorySegment) VERSION.invokeExact(0); // OPENSSL_VERSION
    this.version = text.reinterpret(256).getString(0);
    // Static digest descriptions of libcrypto: never freed.
    this.sha256 = (MemorySegment) SHA256.invokeExact();
    this.sha384 = (MemorySegment) SHA384.invokeExact();
    this.sha512 = (MemorySegment) SHA512.invokeExact();
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public boolean signingFailed() {
    return signing.happened;
  }

  @Override
  public boolean decryptionFailed() {
    return decryption.happened;
  }

  @Override
  public boolean holds(PrivateKey key) {
    return KEYS.containsKey(new Probe(key));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Null also when OpenSSL fails to sign (a provider configuration that refuses the curve, no
   * memory): the JDK can still sign, and the first failure is logged.
   */
  @Override
  public byte[] signDigest(PrivateKey key, SignatureAlgorithm alg, byte[] digest) {
    return withKey(key, pkey -> sign(pkey, alg, digest), signing);
  }

  @Override
  public byte[] decryptOaep(PrivateKey key, byte[] ciphertext, byte[] label)
      throws DecryptionFailedException {
    if (ciphertext.length == 0 || ciphertext.length > MAX_OUTPUT) {
      throw new DecryptionFailedException();
    }
    byte[] plaintext = withKey(key, pkey -> decrypt(pkey, ciphertext, label), decryption);
    if (plaintext == NOT_DECRYPTED) {
      throw new DecryptionFailedException();
    }
    return plaintext;
  }

  /** An operation on an OpenSSL key that may fail in OpenSSL itself. */
  private interface KeyOperation {
    byte[] apply(MemorySegment pkey) throws Throwable;
  }

  /** Whether an operation has failed in OpenSSL (the JDK did it instead); the first is logged. */
  private static final class Fallback {
    private final String operation;
    private volatile boolean happened;

    Fallback(String operation) {
      this.operation = operation;
    }

    void record(Throwable e) {
      if (!happened) {
        happened = true;
        LOG.log(
            System.Logger.Level.WARNING,
            "OpenSSL could not " + operation + "; the JDK does instead",
            e);
      }
    }
  }

  /** An operation on an OpenSSL key's own context, with an arena for its buffers. */
  private interface ContextOperation {
    byte[] apply(MemorySegment ctx, Arena arena) throws Throwable;
  }

  /** Runs {@code operation} on a fresh context of {@code pkey}, freed afterwards. */
  private static byte[] withContext(MemorySegment pkey, ContextOperation operation)
      throws Throwable {
    MemorySegment ctx = (MemorySegment) CTX_NEW.invokeExact(pkey, MemorySegment.NULL);
    if (ctx.equals(MemorySegment.NULL)) {
      throw failure("EVP_PKEY_CTX_new");
    }
    try (Arena arena = Arena.ofConfined()) {
      return operation.apply(ctx, arena);
    } finally {
      CTX_FREE.invokeExact(ctx);
    }
  }

  /**
   * Runs {@code operation} on the OpenSSL key for {@code key}; null, leaving the work to the JDK,
   * when OpenSSL should not take the key or the operation fails in OpenSSL ({@code fallback}
   * records it).
   */
  private byte[] withKey(PrivateKey key, KeyOperation operation, Fallback fallback) {
    if (!takes(key)) {
      return null;
    }
    try {
      MemorySegment pkey = KEYS.get(new Probe(key));
      if (pkey == null) {
        pkey = parse(key);
        if (pkey == null) {
          return null;
        }
      }
      return operation.apply(pkey);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      fallback.record(e);
      return null;
    } finally {
      Reference.reachabilityFence(key);
    }
  }

  /**
   * Whether OpenSSL should take {@code key}. An RSA key without its CRT parts (one built from the
   * modulus and private exponent alone) still encodes as PKCS#8, with zeros for the missing parts:
   * OpenSSL parses it but cannot use it, and a decryption would then fail however good the
   * ciphertext. Such keys stay with the JDK; the check depends on the key alone.
   */
  private static boolean takes(PrivateKey key) {
    if (!(key instanceof RSAPrivateKey)) {
      return true;
    }
    return key instanceof RSAPrivateCrtKey crt
        && crt.getPublicExponent().signum() > 0
        && crt.getPrimeP().signum() > 0
        && crt.getPrimeQ().signum() > 0
        && crt.getPrimeExponentP().signum() > 0
        && crt.getPrimeExponentQ().signum() > 0
        && crt.getCrtCoefficient().signum() > 0;
  }

  private byte[] sign(MemorySegment pkey, SignatureAlgorithm alg, byte[] digest) throws Throwable {
    return withContext(
        pkey,
        (ctx, arena) -> {
          if ((int) SIGN_INIT.invokeExact(ctx) != 1) {
            throw failure("EVP_PKEY_sign_init");
          }
          rsaParameters(ctx, alg);
          MemorySegment tbs = arena.allocateFrom(JAVA_BYTE, digest);
          MemorySegment signature = arena.allocate(MAX_OUTPUT);
          MemorySegment length = arena.allocateFrom(JAVA_LONG, MAX_OUTPUT);
          int ok = (int) SIGN.invokeExact(ctx, signature, length, tbs, (long) digest.length);
          if (ok != 1) {
            throw failure("EVP_PKEY_sign");
          }
          return signature.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
        });
  }

  /**
   * RSA-OAEP with SHA-256 and MGF1-SHA-256; {@link #NOT_DECRYPTED} when the ciphertext does not
   * decrypt. OpenSSL checks the padding in constant time and reports every failure alike.
   */
  private byte[] decrypt(MemorySegment pkey, byte[] ciphertext, byte[] label) throws Throwable {
    return withContext(
        pkey,
        (ctx, arena) -> {
          if ((int) DECRYPT_INIT.invokeExact(ctx) != 1
              || (int) SET_PADDING.invokeExact(ctx, RSA_PKCS1_OAEP_PADDING) <= 0
              || (int) SET_OAEP_MD.invokeExact(ctx, sha256) <= 0
              || (int) SET_MGF1_MD.invokeExact(ctx, sha256) <= 0) {
            throw failure("RSA-OAEP parameters");
          }
          if (label != null && label.length > 0) {
            setLabel(ctx, label);
          }
          MemorySegment in = arena.allocateFrom(JAVA_BYTE, ciphertext);
          // OpenSSL wants room for a modulus-sized result even when the ciphertext is shorter
          // (one whose leading zero bytes were dropped, which the JDK decrypts too).
          MemorySegment out = arena.allocate(MAX_OUTPUT);
          MemorySegment length = arena.allocateFrom(JAVA_LONG, MAX_OUTPUT);
          try {
            int ok = (int) DECRYPT.invokeExact(ctx, out, length, in, (long) ciphertext.length);
            if (ok != 1) {
              CLEAR_ERRORS.invokeExact();
              return NOT_DECRYPTED;
            }
            return out.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
          } finally {
            out.fill((byte) 0);
          }
        });
  }

  /**
   * Hands OpenSSL a copy of {@code label} in its own heap: the context owns it from a successful
   * call on and frees it itself.
   */
  private static void setLabel(MemorySegment ctx, byte[] label) throws Throwable {
    MemorySegment copy =
        (MemorySegment) MALLOC.invokeExact((long) label.length, MemorySegment.NULL, 0);
    if (copy.equals(MemorySegment.NULL)) {
      throw failure("CRYPTO_malloc");
    }
    copy = copy.reinterpret(label.length);
    MemorySegment.copy(label, 0, copy, JAVA_BYTE, 0, label.length);
    if ((int) SET0_OAEP_LABEL.invokeExact(ctx, copy, label.length) <= 0) {
      FREE.invokeExact(copy, MemorySegment.NULL, 0);
      throw failure("EVP_PKEY_CTX_set0_rsa_oaep_label");
    }
  }

  /** The padding and hashes of the RSA schemes; ECDSA needs none. */
  private void rsaParameters(MemorySegment ctx, SignatureAlgorithm alg) throws Throwable {
    if (alg.scheme() == SignatureAlgorithm.Scheme.ECDSA) {
      return;
    }
    MemorySegment md =
        switch (alg.digestLength()) {
          case 32 -> sha256;
          case 48 -> sha384;
          case 64 -> sha512;
          default -> throw new IllegalArgumentException(alg.name());
        };
    boolean pss = alg.scheme() == SignatureAlgorithm.Scheme.RSA_PSS;
    if ((int) SET_PADDING.invokeExact(ctx, pss ? RSA_PKCS1_PSS_PADDING : RSA_PKCS1_PADDING) <= 0
        || (int) SET_MD.invokeExact(ctx, md) <= 0) {
      throw failure("RSA padding");
    }
    if (pss
        && ((int) SET_PSS_SALT.invokeExact(ctx, alg.digestLength()) <= 0
            || (int) SET_MGF1_MD.invokeExact(ctx, md) <= 0)) {
      throw failure("RSA-PSS parameters");
    }
  }

  /**
   * The OpenSSL key for {@code key}, created and cached on first use; null when OpenSSL cannot
   * parse it (the JDK then does the work).
   */
  private static MemorySegment parse(PrivateKey key) throws Throwable {
    byte[] der = key.getEncoded();
    if (der == null) {
      return null;
    }
    MemorySegment pkey;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buffer = arena.allocateFrom(JAVA_BYTE, der);
      MemorySegment cursor = arena.allocateFrom(ADDRESS, buffer);
      try {
        pkey =
            (MemorySegment)
                D2I_PRIVATE_KEY.invokeExact(MemorySegment.NULL, cursor, buffer.byteSize());
      } finally {
        buffer.fill((byte) 0);
        Arrays.fill(der, (byte) 0);
      }
    }
    if (pkey.equals(MemorySegment.NULL)) {
      CLEAR_ERRORS.invokeExact();
      return null;
    }
    synchronized (KEYS) {
      MemorySegment existing = KEYS.get(new Probe(key));
      if (existing != null) {
        PKEY_FREE.invokeExact(pkey); // another thread parsed it meanwhile
        return existing;
      }
      KeyRef ref = new KeyRef(key);
      KEYS.put(ref, pkey);
      CLEANER.register(key, new Release(ref, pkey));
    }
    return pkey;
  }

  /** Frees an OpenSSL key once its JDK key is unreachable. Must not refer to the JDK key. */
  private record Release(KeyRef ref, MemorySegment pkey) implements Runnable {
    @Override
    public void run() {
      KEYS.remove(ref);
      try {
        PKEY_FREE.invokeExact(pkey);
      } catch (Throwable e) {
        throw new IllegalStateException("EVP_PKEY_free failed", e);
      }
    }
  }

  /** The cache key: the JDK key by identity, held weakly. */
  private static final class KeyRef extends WeakReference<PrivateKey> {
    private final int hash;

    KeyRef(PrivateKey key) {
      super(key);
      this.hash = System.identityHashCode(key);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      Object key = get();
      return key != null
          && (o instanceof KeyRef r && r.get() == key || o instanceof Probe p && p.key == key);
    }
  }

  /** A lookup by identity that does not allocate a reference object. */
  private record Probe(PrivateKey key) {
    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof KeyRef r ? r.get() == key : o instanceof Probe p && p.key == key;
    }
  }

  private static IllegalStateException failure(String function) throws Throwable {
    CLEAR_ERRORS.invokeExact();
    return new IllegalStateException(function + " failed");
  }

  private static MethodHandle handle(
      String name, java.lang.foreign.MemoryLayout result, java.lang.foreign.MemoryLayout... args) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.of(result, args));
  }

  private static MethodHandle voidHandle(String name, java.lang.foreign.MemoryLayout... args) {
    return LINKER.downcallHandle(symbol(name), FunctionDescriptor.ofVoid(args));
  }

  private static MemorySegment symbol(String name) {
    return CRYPTO
        .find(name)
        .orElseThrow(() -> new IllegalStateException("libcrypto.so.3 has no " + name));
  }
}
