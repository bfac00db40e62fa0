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
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link NativeEcdsa.Signer} on the system's OpenSSL 3 libcrypto through the foreign function API.
 *
 * <p>Each private key is parsed into an OpenSSL key once and kept while the JDK key object lives:
 * the cache holds the JDK key only weakly, and when it is collected a {@link Cleaner} frees the
 * OpenSSL key, which clears its private scalar. A signing call holds the JDK key until OpenSSL has
 * finished ({@link Reference#reachabilityFence}), so a key is never freed while in use. The encoded
 * key passed to OpenSSL is wiped from both heaps right after parsing.
 *
 * <p>OpenSSL's nonces are hedged (derived from its DRBG, the private key and the hash), its P-256
 * arithmetic is constant-time assembly; each call gets its own signing context, so threads share
 * only the read-only key.
 */
final class OpenSslEcdsa implements NativeEcdsa.Signer {
  private static final long OPENSSL_3 = 0x30000000L;
  // No atexit cleanup: threads still signing while the JVM exits must not find OpenSSL torn down.
  private static final long OPENSSL_INIT_NO_ATEXIT = 0x00080000L;
  private static final int MAX_SIGNATURE = 160; // DER of two 521-bit integers is at most 139 bytes

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
  private static final MethodHandle CLEAR_ERRORS = voidHandle("ERR_clear_error");
  private static final MethodHandle INIT =
      handle("OPENSSL_init_crypto", JAVA_INT, JAVA_LONG, ADDRESS);
  private static final System.Logger LOG = System.getLogger(OpenSslEcdsa.class.getName());

  private static final ConcurrentHashMap<Object, MemorySegment> KEYS = new ConcurrentHashMap<>();
  private static final Cleaner CLEANER =
      Cleaner.create(
          r -> Thread.ofPlatform().name("openssl-key-cleaner").daemon(true).unstarted(r));

  private final String version;
  private volatile boolean failureLogged;

  /** Fails when libcrypto is missing or older than 3.0. */
  OpenSslEcdsa() throws Throwable {
    long number = (long) VERSION_NUM.invokeExact();
    if (number < OPENSSL_3) {
      throw new IllegalStateException("libcrypto is older than OpenSSL 3.0");
    }
    if ((int) INIT.invokeExact(OPENSSL_INIT_NO_ATEXIT, MemorySegment.NULL) != 1) {
      throw new IllegalStateException("OPENSSL_init_crypto failed");
    }
    MemorySegment text = (MemorySegment) VERSION.invokeExact(0); // OPENSSL_VERSION
    this.version = text.reinterpret(256).getString(0);
  }

  @Override
  public String version() {
    return version;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also null when OpenSSL fails to sign (a provider configuration that refuses the curve, no
   * memory): the JDK can still sign, and the failure is logged once.
   */
  @Override
  public byte[] signDigest(ECPrivateKey key, byte[] digest) {
    try {
      MemorySegment pkey = KEYS.get(new Probe(key));
      if (pkey == null) {
        pkey = parse(key);
        if (pkey == null) {
          return null;
        }
      }
      return sign(pkey, digest);
    } catch (Error e) {
      throw e;
    } catch (Throwable e) {
      if (!failureLogged) {
        failureLogged = true;
        LOG.log(System.Logger.Level.WARNING, "OpenSSL could not sign; the JDK signs instead", e);
      }
      return null;
    } finally {
      Reference.reachabilityFence(key);
    }
  }

  private static byte[] sign(MemorySegment pkey, byte[] digest) throws Throwable {
    MemorySegment ctx = (MemorySegment) CTX_NEW.invokeExact(pkey, MemorySegment.NULL);
    if (ctx.equals(MemorySegment.NULL)) {
      throw failure("EVP_PKEY_CTX_new");
    }
    try (Arena arena = Arena.ofConfined()) {
      if ((int) SIGN_INIT.invokeExact(ctx) != 1) {
        throw failure("EVP_PKEY_sign_init");
      }
      MemorySegment tbs = arena.allocateFrom(JAVA_BYTE, digest);
      MemorySegment signature = arena.allocate(MAX_SIGNATURE);
      MemorySegment length = arena.allocateFrom(JAVA_LONG, MAX_SIGNATURE);
      int ok = (int) SIGN.invokeExact(ctx, signature, length, tbs, (long) digest.length);
      if (ok != 1) {
        throw failure("EVP_PKEY_sign");
      }
      return signature.asSlice(0, length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE);
    } finally {
      CTX_FREE.invokeExact(ctx);
    }
  }

  /**
   * The OpenSSL key for {@code key}, created and cached on first use; null when OpenSSL cannot
   * parse it (the JDK then signs).
   */
  private static MemorySegment parse(ECPrivateKey key) throws Throwable {
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
  private static final class KeyRef extends WeakReference<ECPrivateKey> {
    private final int hash;

    KeyRef(ECPrivateKey key) {
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
  private record Probe(ECPrivateKey key) {
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
