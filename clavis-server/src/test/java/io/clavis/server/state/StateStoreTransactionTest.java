package io.clavis.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One log entry holding several commands: each command's writes stand or fall on their own. */
class StateStoreTransactionTest {
  @TempDir Path dir;

  @Test
  void aDiscardDropsOnlyTheWritesOfItsOwnCommand() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("db"))) {
      store.apply(
          1,
          1,
          txn -> {
            txn.beginCommand();
            txn.put("a/1", "one");
            txn.endCommand();

            txn.beginCommand();
            txn.put("a/2", "two");
            txn.delete("a/1");
            txn.discard(); // rejected: a/1 stays, a/2 never existed
            txn.endCommand();

            txn.beginCommand();
            assertThat(txn.read("a/1", String.class)).contains("one");
            assertThat(txn.read("a/2", String.class)).isEmpty();
            txn.put("a/3", "three");
            txn.discard();
            txn.put("a/4", "four"); // a command may write again after discarding
            txn.endCommand();
          });
      assertThat(store.read("a/1", String.class)).contains("one");
      assertThat(store.read("a/2", String.class)).isEmpty();
      assertThat(store.read("a/3", String.class)).isEmpty();
      assertThat(store.read("a/4", String.class)).contains("four");
      assertThat(store.appliedIndex()).isEqualTo(1);
    }
  }

  @Test
  void aScanSeesTheEntrysOwnWritesAndDeletions() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("db"))) {
      store.apply(
          1,
          1,
          txn -> {
            txn.put("k/1", "1");
            txn.put("k/2", "2");
          });
      store.apply(
          1,
          2,
          txn -> {
            txn.beginCommand();
            txn.delete("k/1");
            txn.put("k/3", "3");
            txn.endCommand();
            txn.beginCommand();
            assertThat(txn.scan("k/", 10, String.class)).containsExactly("2", "3");
            assertThat(txn.scan("k/", 1, String.class)).containsExactly("2");
            txn.endCommand();
          });
      assertThat(store.scan("k/", null, 10, String.class)).containsExactly("2", "3");
    }
  }

  @Test
  void withoutCommandsADiscardDropsTheWholeEntry() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("db"))) {
      store.apply(
          1,
          1,
          txn -> {
            txn.put("x", "1");
            txn.discard();
          });
      assertThat(store.read("x", String.class)).isEmpty();
      assertThat(store.appliedIndex()).isEqualTo(1);
    }
  }

  @Test
  void commandsDoNotNest() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("db"))) {
      assertThatThrownBy(
              () ->
                  store.apply(
                      1,
                      1,
                      txn -> {
                        txn.beginCommand();
                        txn.beginCommand();
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> store.apply(1, 1, StateStore.Transaction::endCommand))
          .isInstanceOf(IllegalStateException.class);
      assertThat(store.appliedIndex()).isEqualTo(-1);
    }
  }

  @Test
  void changeListenersHearEveryWrittenKeyOnceTheEntryIsInTheDatabase() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("db"))) {
      store.apply(1, 1, txn -> txn.put("k/old", "1"));
      List<List<String>> heard = new ArrayList<>();
      List<List<String>> passed = new ArrayList<>();
      List<String> seenInStore = new ArrayList<>();
      int[] replaced = {0};
      store.addChangeListener(
          new StateStore.ChangeListener() {
            @Override
            public void written(List<String> keys) {
              heard.add(List.copyOf(keys));
              passed.add(keys);
              seenInStore.add(store.read("k/1", String.class).orElse(null));
            }

            @Override
            public void replaced() {
              replaced[0]++;
            }
          });

      store.apply(
          1,
          2,
          txn -> {
            txn.beginCommand();
            txn.put("k/1", "one");
            txn.delete("k/old");
            txn.endCommand();
            txn.beginCommand();
            txn.put("k/2", "two");
            txn.discard(); // told anyway: telling too much only costs a cache miss
            txn.endCommand();
          });
      store.apply(1, 3, txn -> {}); // an entry that writes nothing tells nothing

      assertThat(heard).containsExactly(List.of("k/1", "k/old", "k/2"));
      assertThat(seenInStore).containsExactly("one");
      assertThatThrownBy(() -> passed.get(0).add("x")) // listeners cannot change what others hear
          .isInstanceOf(UnsupportedOperationException.class);
      assertThat(replaced[0]).isZero();

      // A snapshot replaces the database without entries: listeners hear that everything changed.
      store.suspend();
      store.reopen();
      assertThat(replaced[0]).isEqualTo(1);
      assertThat(heard).hasSize(1);
    }
  }
}
