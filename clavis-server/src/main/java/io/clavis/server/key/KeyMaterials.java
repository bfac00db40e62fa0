package io.clavis.server.key;

import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyMaterial;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.seal.Seal;
import io.clavis.server.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Key material in and out of its wrapping. Material is wrapped under the root key with AES-GCM,
 * bound to key id and version, and the only unwrapped copies live in a bounded in-memory cache that
 * is emptied when the node seals, and of one key whenever the state machine writes that key's
 * record or versions.
 *
 * <p>The cache holds, per key id, the versions unwrapped so far: a hit is one map lookup by the id
 * the request already holds (no key string is built per request), and dropping one key's versions
 * is one removal, whatever the size of the cache.
 */
public final class KeyMaterials {
  private final StateStore store;
  private final Supplier<SecretBytes> rootKey;
  private final int capacity;
  private final Map<String, CachedVersions> cache = new ConcurrentHashMap<>();
  private final AtomicInteger cachedVersions = new AtomicInteger();

  /**
   * Moves on at every invalidation, so that a read that raced with one (it read the store before a
   * version was destroyed, or unwrapped before the node sealed) does not keep what it read.
   */
  private final AtomicLong generation = new AtomicLong();

  public KeyMaterials(StateStore store, Seal seal, int capacity) {
    this(store, seal::rootKey, capacity);
    seal.onSeal(this::clear);
  }

  /** For tests: a root key without a seal (a test that seals calls {@link #clear} itself). */
  KeyMaterials(StateStore store, Supplier<SecretBytes> rootKey, int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.store = store;
    this.rootKey = rootKey;
    this.capacity = capacity;
    store.addChangeListener(this::forgetWritten, this::clear);
  }

  /**
   * Drops the versions of every key whose record or version records the state machine wrote: a
   * version destroyed, a key rotated or changing state (a disabled key's material leaves memory
   * too, until it is used again).
   */
  private void forgetWritten(List<String> storeKeys) {
    for (String storeKey : storeKeys) {
      String id = KeyVersionRecord.keyIdOf(storeKey);
      if (id == null) {
        id = KeyRecord.idOf(storeKey);
      }
      if (id != null) {
        invalidate(id);
      }
    }
  }

  public String wrap(String keyId, int version, KeyMaterial material) {
    byte[] wrapped =
        new AesGcm(rootKey.get())
            .encrypt(material.secret().toByteArray(SecretAccess.get()), aad(keyId, version));
    return Base64.getEncoder().encodeToString(wrapped);
  }

  /** The unwrapped material of one version, or empty if that version does not exist. */
  public Optional<KeyMaterial> get(KeyRecord key, int version) {
    CachedVersions cached = cache.get(key.id());
    KeyMaterial hit = cached == null ? null : cached.find(version);
    if (hit != null) {
      return Optional.of(hit);
    }
    long seen = generation.get();
    Optional<KeyVersionRecord> record =
        store.read(KeyVersionRecord.key(key.id(), version), KeyVersionRecord.class);
    if (record.isEmpty()) {
      return Optional.empty();
    }
    KeyMaterial material = unwrap(key, record.get());
    if (cachedVersions.get() >= capacity) {
      evictSome();
    }
    cache.compute(key.id(), (id, old) -> add(old, version, material));
    if (generation.get() != seen) {
      remove(key.id()); // an invalidation ran meanwhile: what was read may be stale
    }
    return Optional.of(material);
  }

  /** Drops the cached versions of one key. */
  public void invalidate(String keyId) {
    generation.incrementAndGet();
    remove(keyId);
  }

  /** Drops every cached version (the node sealed, or a snapshot replaced the state). */
  public void clear() {
    generation.incrementAndGet();
    for (String keyId : cache.keySet()) {
      remove(keyId);
    }
  }

  /** How many key versions are held unwrapped in memory now. */
  public int unwrappedVersions() {
    return cachedVersions.get();
  }

  private KeyMaterial unwrap(KeyRecord key, KeyVersionRecord r) {
    if (r.state() == KeyState.DESTROYED || r.wrappedMaterial() == null) {
      throw new ClavisException(
          ErrorCode.KEY_VERSION_NOT_ENABLED,
          "version " + r.version() + " of key " + key.id() + " is destroyed");
    }
    SecretBytes secret;
    try {
      secret =
          SecretBytes.copyOf(
              new AesGcm(rootKey.get())
                  .decrypt(
                      Base64.getDecoder().decode(r.wrappedMaterial()), aad(key.id(), r.version())));
    } catch (DecryptionFailedException e) {
      throw new ClavisException(
          ErrorCode.INTERNAL, "stored material of key " + key.id() + " does not unwrap");
    }
    byte[] publicDer =
        r.publicKeyDer() == null ? null : Base64.getDecoder().decode(r.publicKeyDer());
    return KeyMaterial.fromSecret(key.algorithm(), secret, publicDer);
  }

  /** Inside the map's compute for the key: the count changes with the entry, atomically. */
  private CachedVersions add(CachedVersions old, int version, KeyMaterial material) {
    if (old == null) {
      cachedVersions.incrementAndGet();
      return new CachedVersions(new int[] {version}, new KeyMaterial[] {material});
    }
    if (old.find(version) != null) {
      return old; // another request unwrapped it first
    }
    cachedVersions.incrementAndGet();
    return old.with(version, material);
  }

  /** Drops one key's cached versions; returns how many there were. */
  private int remove(String keyId) {
    int[] removed = {0};
    cache.computeIfPresent(
        keyId,
        (id, old) -> {
          removed[0] = old.versions.length;
          cachedVersions.addAndGet(-removed[0]);
          return null;
        });
    return removed[0];
  }

  private void evictSome() {
    // Cheap approximate eviction: drop about a tenth of the versions. Hot keys return at once.
    int toDrop = Math.max(1, capacity / 10);
    Iterator<String> it = cache.keySet().iterator();
    while (it.hasNext() && toDrop > 0) {
      toDrop -= remove(it.next());
    }
  }

  private static byte[] aad(String keyId, int version) {
    return ("clavis-key-v1|" + keyId + "|" + version).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The versions of one key held in the cache, replaced whole and never changed: a key has few
   * versions in use, so a scan of a small array beats a map (and boxes nothing).
   */
  private record CachedVersions(int[] versions, KeyMaterial[] materials) {
    KeyMaterial find(int version) {
      for (int i = 0; i < versions.length; i++) {
        if (versions[i] == version) {
          return materials[i];
        }
      }
      return null;
    }

    CachedVersions with(int version, KeyMaterial material) {
      int n = versions.length;
      int[] v = Arrays.copyOf(versions, n + 1);
      KeyMaterial[] m = Arrays.copyOf(materials, n + 1);
      v[n] = version;
      m[n] = material;
      return new CachedVersions(v, m);
    }
  }
}
