package io.clavis.server.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clavis.core.crypto.SecretBytes;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.state.StateStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key record cache of {@link KeyService#get} over a real RocksDB store: a record is dropped
 * when, and only when, the state machine writes it (or everything, when a snapshot replaces the
 * state).
 */
class KeyRecordCacheTest {
  @TempDir Path dir;
  private StateStore store;
  private KeyService keys;
  private long index;

  @BeforeEach
  void open() throws Exception {
    store = StateStore.open(dir.resolve("db"));
    SecretBytes root = SecretBytes.random(32);
    // get() reads the store only: no Raft, no vaults needed.
    keys = new KeyService(null, store, null, new KeyMaterials(store, () -> root, 100));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void write(String id, KeyState state) {
    KeyRecord r = TestKeys.aes256(id, state, 1);
    store.apply(1, ++index, txn -> txn.put(KeyRecord.key(id), r));
  }

  @Test
  void aRecordIsReadOnceAndThenServedFromTheCache() {
    write("key-a", KeyState.ENABLED);

    KeyRecord first = keys.get("key-a");
    KeyRecord second = keys.get("key-a");

    assertThat(second).isSameAs(first);
    assertThat(keys.recordCacheMisses()).isEqualTo(1);
    assertThat(keys.recordCacheHits()).isEqualTo(1);
  }

  @Test
  void aWriteOfOneRecordDropsThatRecordOnly() {
    write("key-a", KeyState.ENABLED);
    write("key-b", KeyState.ENABLED);
    keys.get("key-a");
    KeyRecord b = keys.get("key-b");

    write("key-a", KeyState.DISABLED); // as the state machine disables it
    store.apply(1, ++index, txn -> txn.put("vault/vault-1", "another record"));

    assertThat(keys.get("key-a").state()).isEqualTo(KeyState.DISABLED);
    assertThat(keys.get("key-b")).isSameAs(b);
    assertThat(keys.recordCacheMisses()).isEqualTo(3);
  }

  @Test
  void aDeletedRecordIsNotFoundAtOnce() {
    write("key-a", KeyState.ENABLED);
    keys.get("key-a");

    store.apply(1, ++index, txn -> txn.delete(KeyRecord.key("key-a")));

    assertThatThrownBy(() -> keys.get("key-a"))
        .isInstanceOfSatisfying(
            ClavisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aReplacedDatabaseDropsEveryRecord() throws Exception {
    write("key-a", KeyState.ENABLED);
    KeyRecord a = keys.get("key-a");

    // As a snapshot from the leader is installed: no entry is written, the database is replaced.
    store.suspend();
    store.reopen();

    KeyRecord again = keys.get("key-a");
    assertThat(again).isNotSameAs(a).isEqualTo(a);
  }
}
