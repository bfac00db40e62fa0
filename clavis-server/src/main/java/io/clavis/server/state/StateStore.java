package io.clavis.server.state;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Checkpoint;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;

/**
 * The replicated state on disk: one RocksDB database, written only by the Raft state machine.
 *
 * <p>Every applied log entry is one atomic write batch that also records the entry's term and
 * index, so after a crash the database says exactly which entries it holds and replay can skip
 * them. The write-ahead log is not fsynced per batch: the Raft log already is, and anything lost
 * from RocksDB's tail is replayed from it.
 */
public final class StateStore implements AutoCloseable {
  private static final byte[] APPLIED_KEY = "meta/applied".getBytes(StandardCharsets.UTF_8);

  static {
    RocksDB.loadLibrary();
  }

  private final Path dir;
  private final boolean readOnly;
  private final Options options;
  private final LRUCache blockCache;
  private final BloomFilter bloomFilter;
  private final WriteOptions writeOptions;
  // Guards the database handle: it is closed and reopened when a snapshot from the leader
  // replaces the state, and a closed RocksDB handle must never be touched.
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private RocksDB db;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile long appliedTerm;
  private volatile long appliedIndex;

  private StateStore(Path dir, boolean readOnly) throws IOException {
    this.dir = dir;
    this.readOnly = readOnly;
    blockCache = new LRUCache(64L * 1024 * 1024);
    bloomFilter = new BloomFilter(10, false);
    options =
        new Options()
            .setCreateIfMissing(!readOnly)
            .setTableFormatConfig(
                new BlockBasedTableConfig()
                    .setBlockCache(blockCache)
                    // Most writes first look for what must not exist yet (a name, an
                    // idempotency key): a Bloom filter answers those misses without reading
                    // every level's index and data blocks.
                    .setFilterPolicy(bloomFilter));
    writeOptions = new WriteOptions().setSync(false);
    openDb();
  }

  private void openDb() throws IOException {
    if (!readOnly) {
      Files.createDirectories(dir);
    }
    try {
      db =
          readOnly
              ? RocksDB.openReadOnly(options, dir.toString())
              : RocksDB.open(options, dir.toString());
    } catch (RocksDBException e) {
      throw new IOException("cannot open state database in " + dir + ": " + e.getMessage(), e);
    }
    byte[] applied = rawGet(APPLIED_KEY);
    if (applied != null) {
      ByteBuffer buf = ByteBuffer.wrap(applied);
      appliedTerm = buf.getLong();
      appliedIndex = buf.getLong();
    } else {
      appliedTerm = 0;
      appliedIndex = -1;
    }
  }

  public static StateStore open(Path dir) throws IOException {
    return new StateStore(dir, false);
  }

  /**
   * Opens an existing database for reading only, for offline tools: it takes no lock, so the node
   * may be running, and it sees the state as of this call. {@link #apply} fails on it.
   */
  public static StateStore openReadOnly(Path dir) throws IOException {
    return new StateStore(dir, true);
  }

  public Path directory() {
    return dir;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  public long appliedTerm() {
    return appliedTerm;
  }

  /**
   * Closes the database for a snapshot installation; reads fail with UNAVAILABLE until {@link
   * #reopen} has run.
   */
  public void suspend() {
    lock.writeLock().lock();
    try {
      if (db != null) {
        db.close();
        db = null;
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Opens the database again, after its directory was replaced, and tells the change listeners that
   * everything may have changed.
   */
  public void reopen() throws IOException {
    lock.writeLock().lock();
    try {
      if (db == null) {
        openDb();
      }
    } finally {
      lock.writeLock().unlock();
    }
    listeners.forEach(ChangeListener::replaced);
  }

  private RocksDB db() {
    RocksDB d = db;
    if (d == null) {
      throw new io.clavis.server.error.ClavisException(
          io.clavis.server.error.ErrorCode.UNAVAILABLE,
          "this node is installing a snapshot of the cluster state; try another node");
    }
    return d;
  }

  public <T> Optional<T> read(String key, Class<T> type) {
    byte[] value = rawGet(bytes(key));
    return value == null ? Optional.empty() : Optional.of(StateJson.fromBytes(value, type));
  }

  /**
   * Records whose key starts with {@code prefix}, in key order, strictly after {@code startAfter}
   * (a full key, or null to start at the beginning), at most {@code limit}.
   */
  public <T> List<T> scan(String prefix, String startAfter, int limit, Class<T> type) {
    List<T> out = new ArrayList<>();
    scanKeys(prefix, startAfter, limit, (k, v) -> out.add(StateJson.fromBytes(v, type)));
    return out;
  }

  /** Visits raw entries under a prefix; stops after {@code limit}. */
  public void scanKeys(String prefix, String startAfter, int limit, EntryVisitor visitor) {
    lock.readLock().lock();
    try (ReadOptions ro = new ReadOptions();
        RocksIterator it = db().newIterator(ro)) {
      visit(it, prefix, startAfter, limit, visitor);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static void visit(
      RocksIterator it, String prefix, String startAfter, int limit, EntryVisitor visitor) {
    byte[] prefixBytes = bytes(prefix);
    if (startAfter == null) {
      it.seek(prefixBytes);
    } else {
      byte[] after = bytes(startAfter);
      it.seek(after);
      if (it.isValid() && java.util.Arrays.equals(it.key(), after)) {
        it.next();
      }
    }
    int n = 0;
    while (it.isValid() && n < limit && startsWith(it.key(), prefixBytes)) {
      visitor.visit(new String(it.key(), StandardCharsets.UTF_8), it.value());
      n++;
      it.next();
    }
  }

  /** A raw key/value pair seen during a scan. */
  @FunctionalInterface
  public interface EntryVisitor {
    void visit(String key, byte[] value);
  }

  /**
   * Told what changed in the database, so that what is cached of it can be dropped: the keys each
   * applied entry wrote or deleted, once the entry is in the database, and that everything may have
   * changed when a snapshot replaced the database (which writes no entries).
   */
  public interface ChangeListener {
    void written(List<String> keys);

    void replaced();
  }

  public void addChangeListener(ChangeListener listener) {
    listeners.add(listener);
  }

  /** A listener made of its two halves, for caches that each drop what a write touched. */
  public void addChangeListener(
      java.util.function.Consumer<List<String>> written, Runnable replaced) {
    addChangeListener(
        new ChangeListener() {
          @Override
          public void written(List<String> keys) {
            written.accept(keys);
          }

          @Override
          public void replaced() {
            replaced.run();
          }
        });
  }

  /**
   * Applies one log entry's writes and its term/index atomically, then tells the change listeners
   * which keys it wrote (including those of commands that were discarded: telling too much only
   * costs a cache miss).
   */
  public void apply(long term, long index, StateWriter writer) {
    if (readOnly) {
      throw new IllegalStateException("the state database in " + dir + " is open read-only");
    }
    Transaction txn;
    lock.readLock().lock();
    try (WriteBatchWithIndex batch = new WriteBatchWithIndex(true)) {
      txn = new Transaction(batch);
      writer.write(txn);
      ByteBuffer applied = ByteBuffer.allocate(16).putLong(term).putLong(index);
      batch.put(APPLIED_KEY, applied.array());
      db().write(writeOptions, batch);
      appliedTerm = term;
      appliedIndex = index;
    } catch (RocksDBException e) {
      throw new IllegalStateException("state database write failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
    if (!txn.written.isEmpty()) {
      for (ChangeListener l : listeners) {
        l.written(Collections.unmodifiableList(txn.written));
      }
    }
  }

  /** The writes of one log entry. */
  @FunctionalInterface
  public interface StateWriter {
    void write(Transaction txn);
  }

  /**
   * Reads that see the entry's own earlier writes, and the writes themselves. Only the state
   * machine holds one, for the duration of one entry. An entry may carry several commands: each
   * runs between {@link #beginCommand} and {@link #endCommand}, so that {@link #discard} drops only
   * the writes of the command that rejects.
   */
  public final class Transaction {
    private final WriteBatchWithIndex batch;
    private final List<String> written = new ArrayList<>();
    private boolean inCommand;

    private Transaction(WriteBatchWithIndex batch) {
      this.batch = batch;
    }

    public <T> Optional<T> read(String key, Class<T> type) {
      try (ReadOptions ro = new ReadOptions()) {
        byte[] value = batch.getFromBatchAndDB(db(), ro, bytes(key));
        return value == null ? Optional.empty() : Optional.of(StateJson.fromBytes(value, type));
      } catch (RocksDBException e) {
        throw new IllegalStateException("state database read failed: " + e.getMessage(), e);
      }
    }

    /** Like {@link StateStore#scan}, seeing this entry's own writes and deletions too. */
    public <T> List<T> scan(String prefix, int limit, Class<T> type) {
      List<T> out = new ArrayList<>();
      try (ReadOptions ro = new ReadOptions();
          RocksIterator base = db().newIterator(ro);
          RocksIterator it = batch.newIteratorWithBase(base)) {
        visit(it, prefix, null, limit, (k, v) -> out.add(StateJson.fromBytes(v, type)));
      }
      return out;
    }

    public void put(String key, Object value) {
      written.add(key);
      try {
        batch.put(bytes(key), StateJson.toBytes(value));
      } catch (RocksDBException e) {
        throw new IllegalStateException("state database write failed: " + e.getMessage(), e);
      }
    }

    public void delete(String key) {
      written.add(key);
      try {
        batch.delete(bytes(key));
      } catch (RocksDBException e) {
        throw new IllegalStateException("state database write failed: " + e.getMessage(), e);
      }
    }

    /** Marks where the next command's writes start. */
    public void beginCommand() {
      if (inCommand) {
        throw new IllegalStateException("a command is already running in this entry");
      }
      batch.setSavePoint();
      inCommand = true;
    }

    /** The command's writes stay in the entry. */
    public void endCommand() {
      if (!inCommand) {
        throw new IllegalStateException("no command is running in this entry");
      }
      try {
        batch.popSavePoint();
      } catch (RocksDBException e) {
        throw new IllegalStateException("state database write failed: " + e.getMessage(), e);
      }
      inCommand = false;
    }

    /**
     * Drops every write the current command made so far (a rejected command changes nothing); in an
     * entry without commands marked, every write of the entry.
     */
    public void discard() {
      if (!inCommand) {
        batch.clear();
        return;
      }
      try {
        batch.rollbackToSavePoint();
      } catch (RocksDBException e) {
        throw new IllegalStateException("state database write failed: " + e.getMessage(), e);
      }
      batch.setSavePoint();
    }
  }

  /** Writes a consistent, self-contained copy of the database into {@code target}. */
  public void checkpoint(Path target) throws IOException {
    lock.readLock().lock();
    try (Checkpoint cp = Checkpoint.create(db())) {
      cp.createCheckpoint(target.toString());
    } catch (RocksDBException e) {
      throw new IOException("checkpoint failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private byte[] rawGet(byte[] key) {
    lock.readLock().lock();
    try {
      return db().get(key);
    } catch (RocksDBException e) {
      throw new IllegalStateException("state database read failed: " + e.getMessage(), e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    suspend();
    writeOptions.close();
    options.close();
    blockCache.close();
    bloomFilter.close();
  }
}
