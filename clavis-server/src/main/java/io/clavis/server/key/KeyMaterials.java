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
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Key material in and out of its wrapping. Material is wrapped under the root key with AES-GCM,
 * bound to key id and version, and the only unwrapped copies live in a bounded in-memory cache that
 * is emptied when the node seals and when a key changes state.
 */
public final class KeyMaterials {
  private final StateStore store;
  private final Seal seal;
  private final int capacity;
  private final Map<String, KeyMaterial> cache = new ConcurrentHashMap<>();

  public KeyMaterials(StateStore store, Seal seal, int capacity) {
    this.store = store;
    this.seal = seal;
    this.capacity = capacity;
    seal.onSeal(cache::clear);
  }

  public String wrap(String keyId, int version, KeyMaterial material) {
    byte[] wrapped =
        new AesGcm(seal.rootKey())
            .encrypt(material.secret().toByteArray(SecretAccess.get()), aad(keyId, version));
    return Base64.getEncoder().encodeToString(wrapped);
  }

  /** The unwrapped material of one version, or empty if that version does not exist. */
  public java.util.Optional<KeyMaterial> get(KeyRecord key, int version) {
    String cacheKey = key.id() + '#' + version;
    KeyMaterial cached = cache.get(cacheKey);
    if (cached != null) {
      return java.util.Optional.of(cached);
    }
    java.util.Optional<KeyVersionRecord> record =
        store.read(KeyVersionRecord.key(key.id(), version), KeyVersionRecord.class);
    if (record.isEmpty()) {
      return java.util.Optional.empty();
    }
    KeyVersionRecord r = record.get();
    if (r.state() == KeyState.DESTROYED || r.wrappedMaterial() == null) {
      throw new ClavisException(
          ErrorCode.KEY_VERSION_NOT_ENABLED,
          "version " + version + " of key " + key.id() + " is destroyed");
    }
    SecretBytes secret;
    try {
      secret =
          SecretBytes.copyOf(
              new AesGcm(seal.rootKey())
                  .decrypt(
                      Base64.getDecoder().decode(r.wrappedMaterial()), aad(key.id(), version)));
    } catch (DecryptionFailedException e) {
      throw new ClavisException(
          ErrorCode.INTERNAL, "stored material of key " + key.id() + " does not unwrap");
    }
    byte[] publicDer =
        r.publicKeyDer() == null ? null : Base64.getDecoder().decode(r.publicKeyDer());
    KeyMaterial material = KeyMaterial.fromSecret(key.algorithm(), secret, publicDer);
    if (cache.size() >= capacity) {
      evictSome();
    }
    cache.put(cacheKey, material);
    return java.util.Optional.of(material);
  }

  /** Drops the cached versions of one key (it changed state, rotated or was destroyed). */
  public void invalidate(String keyId) {
    String prefix = keyId + '#';
    cache.keySet().removeIf(k -> k.startsWith(prefix));
  }

  private void evictSome() {
    // Cheap approximate eviction: drop about a tenth of the entries. Hot keys return at once.
    int toDrop = Math.max(1, capacity / 10);
    Iterator<String> it = cache.keySet().iterator();
    while (it.hasNext() && toDrop-- > 0) {
      it.next();
      it.remove();
    }
  }

  private static byte[] aad(String keyId, int version) {
    return ("clavis-key-v1|" + keyId + "|" + version).getBytes(StandardCharsets.UTF_8);
  }
}
