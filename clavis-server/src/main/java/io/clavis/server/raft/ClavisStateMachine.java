package io.clavis.server.raft;

import io.clavis.server.error.ClavisException;
import io.clavis.server.state.StateJson;
import io.clavis.server.state.StateStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@link Command}s from the Raft log to the RocksDB {@link StateStore}.
 *
 * <p>Layout under Ratis's state machine directory: {@code db/} is the live database and {@code
 * snapshots/<term>_<index>/} holds RocksDB checkpoints, each with a {@code SHA256SUMS} manifest
 * that is checked before a snapshot is used. The live database records the last entry it applied,
 * so replay after a restart skips what it already holds.
 */
public final class ClavisStateMachine extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(ClavisStateMachine.class);
  private static final String MANIFEST = "SHA256SUMS";
  private static final int SNAPSHOTS_KEPT = 2;

  private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> resetListeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<StateStore> storeReady = new CompletableFuture<>();
  private final StorageAdapter storage = new StorageAdapter();
  private volatile StateStore store;
  private volatile Path smDir;
  // The newest snapshot whose manifest was checked when it was found, taken or installed. Ratis
  // asks for it on every append and every log-appender pass: hashing the files each time cost
  // more than the writes themselves once the state grew.
  private volatile Snapshot newestSnapshot;
  private final AppliedIndexWatch appliedHere = new AppliedIndexWatch();
  private final java.util.Map<String, Digests> sstDigests =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Completes once this member has applied {@code index}. */
  public CompletableFuture<Void> whenApplied(long index) {
    return appliedHere.whenApplied(index);
  }

  @Override
  protected boolean updateLastAppliedTermIndex(TermIndex newTI) {
    boolean changed = super.updateLastAppliedTermIndex(newTI);
    appliedHere.advance(newTI.getIndex());
    return changed;
  }

  public void addListener(StateListener listener) {
    listeners.add(listener);
  }

  /** Told when the whole state was replaced by a snapshot from the leader. */
  public void addResetListener(Runnable listener) {
    resetListeners.add(listener);
  }

  /** The state, once Ratis has initialised this state machine. */
  public StateStore store() {
    return storeReady.join();
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    smDir = raftStorage.getStorageDir().getStateMachineDir().toPath();
    getLifeCycle().startAndTransition(() -> load());
  }

  private void load() throws IOException {
    Files.createDirectories(snapshotsDir());
    sstDigests.clear();
    Optional<Snapshot> latest = latestSnapshot();
    newestSnapshot = latest.orElse(null);
    Path db = smDir.resolve("db");
    if (latest.isPresent() && !Files.exists(db.resolve("CURRENT"))) {
      LOG.info("Restoring state from snapshot {}", latest.get().termIndex());
      restore(latest.get(), db);
    }
    store = StateStore.open(db);
    if (latest.isPresent() && store.appliedIndex() < latest.get().termIndex().getIndex()) {
      // The live database is behind its own snapshot: only possible if it was damaged.
      store.close();
      LOG.warn("State database is behind snapshot {}; restoring it", latest.get().termIndex());
      deleteTree(db);
      restore(latest.get(), db);
      store = StateStore.open(db);
    }
    latest.ifPresent(s -> updateLastAppliedTermIndex(s.termIndex()));
    storeReady.complete(store);
    LOG.info(
        "State machine ready: database at index {}, snapshot {}",
        store.appliedIndex(),
        latest.map(s -> s.termIndex().toString()).orElse("none"));
  }

  /** Ratis is about to replace the state machine directory with a snapshot from the leader. */
  @Override
  public void pause() {
    if (getLifeCycleState() == org.apache.ratis.util.LifeCycle.State.PAUSED) {
      return; // called again for each chunk of the same installation
    }
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSING);
    store.suspend();
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.PAUSED);
  }

  /** The leader's snapshot is installed: rebuild the live database from it. */
  @Override
  public void reinitialize() throws IOException {
    // The leader's table files are numbered independently of ours: forget what we hashed.
    sstDigests.clear();
    Snapshot latest =
        latestSnapshot().orElseThrow(() -> new IOException("no valid snapshot after installation"));
    newestSnapshot = latest;
    Path db = smDir.resolve("db");
    deleteTree(db);
    restore(latest, db);
    store.reopen();
    LOG.info("State replaced by the leader's snapshot {}", latest.termIndex());
    resetListeners.forEach(Runnable::run);
    updateLastAppliedTermIndex(latest.termIndex());
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.STARTING);
    getLifeCycle().transition(org.apache.ratis.util.LifeCycle.State.RUNNING);
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    TermIndex ti = TermIndex.valueOf(entry);
    if (ti.getIndex() <= store.appliedIndex()) {
      // Replay of an entry the database already holds.
      updateLastAppliedTermIndex(ti);
      return CompletableFuture.completedFuture(Message.EMPTY);
    }
    byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
    Command command;
    try {
      command = StateJson.fromBytes(data, Command.class);
    } catch (RuntimeException e) {
      // Cannot happen for entries this version wrote; refuse loudly rather than diverge.
      LOG.error("Unreadable command at {}", ti, e);
      throw new IllegalStateException("unreadable command at " + ti, e);
    }
    List<Command> commands =
        command instanceof CommandBatch batch ? batch.commands() : List.of(command);
    List<CommandReply> replies = new ArrayList<>(commands.size());
    store.apply(
        ti.getTerm(),
        ti.getIndex(),
        txn -> {
          for (Command c : commands) {
            txn.beginCommand();
            replies.add(
                c instanceof IdempotentCommand once
                    ? once.applyOnce(txn, inner -> applyOne(inner, txn))
                    : applyOne(c, txn));
            txn.endCommand();
          }
        });
    for (int i = 0; i < commands.size(); i++) {
      CommandReply reply = replies.get(i);
      if (reply.errorCode() == null && !reply.replayed()) {
        Command c = commands.get(i);
        Command applied = c instanceof IdempotentCommand once ? once.command() : c;
        for (StateListener l : listeners) {
          l.applied(applied);
        }
      }
    }
    // Applied only now that the listeners have dropped what they cached of the old state: a writer
    // waiting for this index (AppliedIndexWatch) then reads its own write.
    updateLastAppliedTermIndex(ti);
    // Every member answers, not only the leader: Ratis keeps the answer in each member's retry
    // cache, and a client that retries after a leader change gets it from the new leader.
    Object answer = command instanceof CommandBatch ? replies : replies.get(0);
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(StateJson.toBytes(answer))));
  }

  private static CommandReply applyOne(Command command, StateStore.Transaction txn) {
    try {
      return CommandReply.ok(command.apply(txn));
    } catch (ClavisException e) {
      txn.discard();
      return CommandReply.rejected(e);
    }
  }

  /**
   * Log entries that are not commands (leader no-ops, configuration changes) still advance the
   * applied index; record it in the database too, so that it always says exactly how far it is.
   */
  @Override
  public void notifyTermIndexUpdated(long term, long index) {
    super.notifyTermIndexUpdated(term, index);
    StateStore s = store;
    if (s != null && index > s.appliedIndex()) {
      s.apply(term, index, txn -> {});
    }
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex ti = getLastAppliedTermIndex();
    if (ti == null || ti.getIndex() < 0) {
      return -1;
    }
    Path target = snapshotsDir().resolve(ti.getTerm() + "_" + ti.getIndex());
    if (Files.exists(target.resolve(MANIFEST))) {
      newestSnapshot = latestSnapshot().orElse(null);
      return ti.getIndex();
    }
    Path tmp = snapshotsDir().resolve(".tmp-" + ti.getTerm() + "_" + ti.getIndex());
    deleteTree(tmp);
    store.checkpoint(tmp);
    writeManifest(tmp);
    Files.move(tmp, target);
    newestSnapshot = new Snapshot(target, ti, fileInfos(target));
    pruneSnapshots();
    LOG.info("Snapshot taken at {}", ti);
    return ti.getIndex();
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    Snapshot newest = newestSnapshot;
    return newest == null ? null : newest.info();
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public void close() throws IOException {
    super.close();
    if (store != null) {
      store.close();
    }
  }

  private Path snapshotsDir() {
    return smDir.resolve("snapshots");
  }

  private record Snapshot(Path dir, TermIndex termIndex, List<FileInfo> files) {
    SnapshotInfo info() {
      return new FileListSnapshotInfo(files, termIndex);
    }
  }

  /** The newest snapshot whose manifest checks out; damaged ones are skipped. */
  private Optional<Snapshot> latestSnapshot() throws IOException {
    List<Path> dirs = new ArrayList<>();
    try (Stream<Path> s = Files.list(snapshotsDir())) {
      s.filter(p -> p.getFileName().toString().matches("\\d+_\\d+")).forEach(dirs::add);
    }
    dirs.sort(Comparator.comparingLong(ClavisStateMachine::indexOf).reversed());
    for (Path dir : dirs) {
      if (verifyManifest(dir)) {
        String[] parts = dir.getFileName().toString().split("_");
        TermIndex ti = TermIndex.valueOf(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        return Optional.of(new Snapshot(dir, ti, fileInfos(dir)));
      }
      LOG.warn("Snapshot {} fails its checksum; ignoring it", dir);
    }
    return Optional.empty();
  }

  /** Ratis stores an MD5 file next to each file of an installed snapshot; those are not ours. */
  private static boolean isSnapshotFile(Path f) {
    return !f.getFileName().toString().endsWith(".md5");
  }

  private static long indexOf(Path dir) {
    return Long.parseLong(dir.getFileName().toString().split("_")[1]);
  }

  private List<FileInfo> fileInfos(Path dir) throws IOException {
    List<FileInfo> infos = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(ClavisStateMachine::isSnapshotFile).sorted().toList()) {
        infos.add(new FileInfo(f.toAbsolutePath(), digests(f).md5()));
      }
    }
    return infos;
  }

  private void writeManifest(Path dir) throws IOException {
    StringBuilder sb = new StringBuilder();
    java.util.Set<String> names = new java.util.HashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(ClavisStateMachine::isSnapshotFile).sorted().toList()) {
        sb.append(digests(f).sha256()).append("  ").append(f.getFileName()).append('\n');
        names.add(f.getFileName().toString());
      }
    }
    Files.writeString(dir.resolve(MANIFEST), sb.toString());
    // Files of older snapshots that this one no longer holds will not be asked for again.
    sstDigests.keySet().retainAll(names);
  }

  /** The SHA-256 (for our manifest) and MD5 (for Ratis's snapshot transfer) of one file. */
  private record Digests(long size, String sha256, MD5Hash md5) {}

  /**
   * A snapshot's table files are hard links to the live database's, which RocksDB never changes
   * once written and names uniquely: each is read and hashed once, not at every snapshot (the state
   * can be gigabytes). Other files are small and hashed each time.
   */
  private Digests digests(Path f) throws IOException {
    String name = f.getFileName().toString();
    long size = Files.size(f);
    if (name.endsWith(".sst")) {
      Digests known = sstDigests.get(name);
      if (known != null && known.size() == size) {
        return known;
      }
    }
    Digests d = hash(f);
    if (name.endsWith(".sst")) {
      sstDigests.put(name, d);
    }
    return d;
  }

  private static boolean verifyManifest(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(MANIFEST));
      long files;
      try (Stream<Path> s = Files.list(dir)) {
        files =
            s.filter(ClavisStateMachine::isSnapshotFile)
                .filter(p -> !p.getFileName().toString().equals(MANIFEST))
                .count();
      }
      if (lines.size() != files) {
        return false;
      }
      for (String line : lines) {
        int sep = line.indexOf("  ");
        if (sep < 0
            || !hash(dir.resolve(line.substring(sep + 2)))
                .sha256()
                .equals(line.substring(0, sep))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void restore(Snapshot snapshot, Path db) throws IOException {
    Files.createDirectories(db);
    try (Stream<Path> files = Files.list(snapshot.dir())) {
      for (Path f : files.filter(ClavisStateMachine::isSnapshotFile).toList()) {
        if (!f.getFileName().toString().equals(MANIFEST)) {
          Files.copy(f, db.resolve(f.getFileName()));
        }
      }
    }
  }

  private void pruneSnapshots() throws IOException {
    List<Path> dirs;
    try (Stream<Path> s = Files.list(snapshotsDir())) {
      dirs =
          s.filter(p -> p.getFileName().toString().matches("\\d+_\\d+"))
              .sorted(Comparator.comparingLong(ClavisStateMachine::indexOf).reversed())
              .toList();
    }
    for (int i = SNAPSHOTS_KEPT; i < dirs.size(); i++) {
      deleteTree(dirs.get(i));
    }
  }

  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** Reads a file once for both digests. */
  private static Digests hash(Path f) throws IOException {
    MessageDigest sha256;
    MessageDigest md5;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(f)) {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        sha256.update(buf, 0, n);
        md5.update(buf, 0, n);
      }
    }
    return new Digests(
        Files.size(f), HexFormat.of().formatHex(sha256.digest()), new MD5Hash(md5.digest()));
  }

  /** Ratis asks the storage for snapshot details; ours lives in the state machine itself. */
  private final class StorageAdapter implements StateMachineStorage {
    @Override
    public void init(RaftStorage raftStorage) {}

    @Override
    public SnapshotInfo getLatestSnapshot() {
      return ClavisStateMachine.this.getLatestSnapshot();
    }

    @Override
    public void format() {}

    @Override
    public void cleanupOldSnapshots(org.apache.ratis.statemachine.SnapshotRetentionPolicy p) {}
  }
}
