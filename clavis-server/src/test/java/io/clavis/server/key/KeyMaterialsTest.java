package io.clavis.server.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyMaterial;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key cache over a real RocksDB store: hits, misses, invalidation, sealing and its bound. */
class KeyMaterialsTest {
  private static final Instant T = TestKeys.T;

  @TempDir Path dir;
  private StateStore store;
  private long index;
  private final SecretBytes root = SecretBytes.random(32);

  /** What the materials use as the root key; a test swaps it to seal or to run code mid-read. */
  private final AtomicReference<Supplier<SecretBytes>> rootKey = new AtomicReference<>(() -> root);

  @BeforeEach
  void open() throws Exception {
    store = StateStore.open(dir.resolve("db"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private KeyMaterials materials(int capacity) {
    return new KeyMaterials(store, () -> rootKey.get().get(), capacity);
  }

  private static KeyRecord key(String id, int currentVersion) {
    return TestKeys.aes256(id, KeyState.ENABLED, currentVersion);
  }

  /** Stores a new version of a key, wrapped as the key service does; returns its material. */
  private KeyMaterial storeVersion(KeyMaterials materials, String keyId, int version) {
    KeyMaterial m = KeyMaterial.generate(KeyAlgorithm.AES_256);
    KeyVersionRecord r =
        new KeyVersionRecord(
            keyId, version, KeyState.ENABLED, T, materials.wrap(keyId, version, m), null);
    store.apply(1, ++index, txn -> txn.put(KeyVersionRecord.key(keyId, version), r));
    return m;
  }

  private static byte[] secret(KeyMaterial m) {
    return m.secret().toByteArray(SecretAccess.get());
  }

  @Test
  void aVersionIsUnwrappedOnceAndThenServedFromTheCache() {
    KeyMaterials materials = materials(100);
    KeyMaterial stored = storeVersion(materials, "key-a", 1);

    KeyMaterial first = materials.get(key("key-a", 1), 1).orElseThrow();
    KeyMaterial second = materials.get(key("key-a", 1), 1).orElseThrow();

    assertThat(secret(first)).isEqualTo(secret(stored));
    assertThat(first).isNotSameAs(stored); // rebuilt from the store, not the caller's object
    assertThat(second).isSameAs(first);
    assertThat(materials.unwrappedVersions()).isEqualTo(1);
  }

  @Test
  void theVersionsOfOneKeyAreCachedApart() {
    KeyMaterials materials = materials(100);
    KeyMaterial v1 = storeVersion(materials, "key-a", 1);
    KeyMaterial v2 = storeVersion(materials, "key-a", 2);

    KeyMaterial got2 = materials.get(key("key-a", 2), 2).orElseThrow();
    KeyMaterial got1 = materials.get(key("key-a", 2), 1).orElseThrow();

    assertThat(secret(got1)).isEqualTo(secret(v1));
    assertThat(secret(got2)).isEqualTo(secret(v2));
    assertThat(materials.get(key("key-a", 2), 2).orElseThrow()).isSameAs(got2);
    assertThat(materials.get(key("key-a", 2), 1).orElseThrow()).isSameAs(got1);
    assertThat(materials.unwrappedVersions()).isEqualTo(2);
  }

  @Test
  void aVersionThatDoesNotExistIsEmptyAndCachesNothing() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);

    assertThat(materials.get(key("key-a", 1), 2)).isEmpty();
    assertThat(materials.get(key("key-b", 1), 1)).isEmpty();
    assertThat(materials.unwrappedVersions()).isZero();
  }

  @Test
  void invalidatingOneKeyDropsItsVersionsAndNoOtherKeys() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    storeVersion(materials, "key-a", 2);
    storeVersion(materials, "key-b", 1);
    KeyMaterial a1 = materials.get(key("key-a", 2), 1).orElseThrow();
    materials.get(key("key-a", 2), 2).orElseThrow();
    KeyMaterial b1 = materials.get(key("key-b", 1), 1).orElseThrow();
    assertThat(materials.unwrappedVersions()).isEqualTo(3);

    materials.invalidate("key-a");

    assertThat(materials.unwrappedVersions()).isEqualTo(1);
    assertThat(materials.get(key("key-b", 1), 1).orElseThrow()).isSameAs(b1);
    KeyMaterial again = materials.get(key("key-a", 2), 1).orElseThrow();
    assertThat(again).isNotSameAs(a1);
    assertThat(secret(again)).isEqualTo(secret(a1));
    materials.invalidate("key-unknown"); // nothing cached for it: nothing changes
    assertThat(materials.unwrappedVersions()).isEqualTo(2);
  }

  @Test
  void aVersionDestroyedThroughTheStoreIsRefusedAtOnce() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    storeVersion(materials, "key-b", 1);
    materials.get(key("key-a", 1), 1).orElseThrow();
    KeyMaterial b = materials.get(key("key-b", 1), 1).orElseThrow();

    // As the state machine destroys a version: the write alone drops the cached copy.
    store.apply(
        1,
        ++index,
        txn ->
            txn.put(
                KeyVersionRecord.key("key-a", 1),
                new KeyVersionRecord("key-a", 1, KeyState.DESTROYED, T, null, null)));

    assertThatThrownBy(() -> materials.get(key("key-a", 1), 1))
        .isInstanceOfSatisfying(
            ClavisException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_VERSION_NOT_ENABLED));
    assertThat(materials.get(key("key-b", 1), 1).orElseThrow()).isSameAs(b);
    assertThat(materials.unwrappedVersions()).isEqualTo(1);
  }

  @Test
  void aWriteOfTheKeysRecordDropsItsVersionsAndOtherWritesDoNot() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    KeyMaterial a = materials.get(key("key-a", 1), 1).orElseThrow();

    store.apply(1, ++index, txn -> txn.put("key-name/vault-1/key-a", "key-a"));
    store.apply(1, ++index, txn -> txn.put(KeyRecord.key("key-ab"), key("key-ab", 1)));
    assertThat(materials.get(key("key-a", 1), 1).orElseThrow()).isSameAs(a);

    store.apply(1, ++index, txn -> txn.put(KeyRecord.key("key-a"), key("key-a", 1)));
    assertThat(materials.unwrappedVersions()).isZero();
    assertThat(materials.get(key("key-a", 1), 1).orElseThrow()).isNotSameAs(a);
  }

  @Test
  void aReplacedDatabaseDropsEveryVersion() throws Exception {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    KeyMaterial a = materials.get(key("key-a", 1), 1).orElseThrow();

    // As a snapshot from the leader is installed: no entry is written, the database is replaced.
    store.suspend();
    store.reopen();

    assertThat(materials.unwrappedVersions()).isZero();
    assertThat(materials.get(key("key-a", 1), 1).orElseThrow()).isNotSameAs(a);
  }

  @Test
  void aReadThatRacedWithAnInvalidationDoesNotKeepWhatItRead() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    // The key is invalidated (say, its version destroyed) after this read found the version in
    // the store but before it cached it: what it read must not stay in the cache.
    rootKey.set(
        () -> {
          rootKey.set(() -> root);
          materials.invalidate("key-a");
          return root;
        });

    KeyMaterial read = materials.get(key("key-a", 1), 1).orElseThrow();

    assertThat(materials.unwrappedVersions()).isZero();
    assertThat(materials.get(key("key-a", 1), 1).orElseThrow()).isNotSameAs(read);
    assertThat(materials.unwrappedVersions()).isEqualTo(1);
  }

  @Test
  void clearingDropsEverythingAndASealedNodeUnwrapsNothing() {
    KeyMaterials materials = materials(100);
    storeVersion(materials, "key-a", 1);
    storeVersion(materials, "key-b", 1);
    materials.get(key("key-a", 1), 1).orElseThrow();
    materials.get(key("key-b", 1), 1).orElseThrow();

    rootKey.set(
        () -> {
          throw new ClavisException(ErrorCode.SEALED, "this node is sealed; unseal it first");
        });
    materials.clear();

    assertThat(materials.unwrappedVersions()).isZero();
    assertThatThrownBy(() -> materials.get(key("key-a", 1), 1))
        .isInstanceOfSatisfying(
            ClavisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SEALED));
    assertThat(materials.unwrappedVersions()).isZero();
  }

  @Test
  void materialWrappedUnderAnotherRootKeyIsAnInternalErrorWithoutTheMaterial() {
    KeyMaterials materials = materials(100);
    KeyMaterial stored = storeVersion(materials, "key-a", 1);
    rootKey.set(() -> SecretBytes.random(32));

    assertThatThrownBy(() -> materials.get(key("key-a", 1), 1))
        .isInstanceOfSatisfying(
            ClavisException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e.getMessage())
                  .contains("key-a")
                  .doesNotContain(HexFormat.of().formatHex(secret(stored)));
            });
    assertThat(materials.unwrappedVersions()).isZero();
  }

  @Test
  void theCacheStaysWithinItsCapacityAndEveryVersionStaysReadable() {
    KeyMaterials materials = materials(10);
    List<KeyMaterial> stored = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      stored.add(storeVersion(materials, "key-" + i, 1));
    }
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 25; i++) {
        KeyMaterial got = materials.get(key("key-" + i, 1), 1).orElseThrow();
        assertThat(secret(got)).isEqualTo(secret(stored.get(i)));
        assertThat(materials.unwrappedVersions()).isBetween(1, 10);
      }
    }
  }

  @Test
  void aCapacityBelowOneIsRefused() {
    assertThatThrownBy(() -> materials(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
