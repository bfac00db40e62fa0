package io.clavis.server.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's chain on disk: the current segment, the seq and hash of the last written record, and
 * the append of a batch. Used under the {@link AuditWriter}'s lock, except that the channel {@link
 * #takeDirty} returns is forced outside it.
 *
 * <p>After a failed write the channel is dropped and the in-memory chain stays at the last batch
 * that was written completely; reopening cuts off whatever part of the failed batch reached the
 * file, so the chain continues exactly where the acknowledged records end. A segment that became
 * shorter than what was written to it is not reopened: records would be missing.
 */
final class ChainFile implements Closeable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainFile.class);
  private static final String LOCK_FILE = "writer.lock";

  private final Path dir;
  private final String node;
  private final long segmentBytes;
  private final WriteHook hook;
  private final FileChannel lock;
  private final long truncatedOnOpen;
  private final LineBuffer buffer = new LineBuffer(1 << 16);
  private final MessageDigest sha256 = LineHash.newDigest();
  private long seq;
  private String hash;
  private Path segment;
  private long size;
  private FileChannel channel;
  private volatile boolean dirty; // read without the lock for the writer's deadline

  private ChainFile(
      Path dir, String node, long segmentBytes, WriteHook hook, FileChannel lock, ChainTail tail) {
    this.dir = dir;
    this.node = node;
    this.segmentBytes = segmentBytes;
    this.hook = hook;
    this.lock = lock;
    this.truncatedOnOpen = tail.truncatedBytes();
    this.seq = tail.seq();
    this.hash = tail.hash();
    this.segment = tail.segment();
    this.size = tail.size();
  }

  /**
   * Recovers the chain of {@code dir}. A lock file keeps a second writer (another process, or a
   * forgotten instance in this one) from forking the chain.
   */
  static ChainFile open(Path dir, String node, long segmentBytes, WriteHook hook)
      throws IOException {
    Files.createDirectories(dir);
    FileChannel lock =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock held;
      try {
        held = lock.tryLock();
      } catch (OverlappingFileLockException e) {
        held = null;
      }
      if (held == null) {
        throw new IOException("audit log " + dir + " is already open");
      }
      ChainFile chain =
          new ChainFile(dir, node, segmentBytes, hook, lock, ChainTail.recover(dir, node));
      if (chain.segment != null) {
        chain.openChannel();
      }
      return chain;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  String node() {
    return node;
  }

  long seq() {
    return seq;
  }

  String hash() {
    return hash;
  }

  long truncatedOnOpen() {
    return truncatedOnOpen;
  }

  /** Whether records were written since the last fsync. */
  boolean dirty() {
    return dirty;
  }

  /**
   * Chains and writes a batch with one write loop. On failure nothing of the batch counts: the
   * chain state is unchanged and the partial bytes are cut off when the segment is reopened. A full
   * segment is not rolled here (rolling fsyncs): the batch goes on its end, and the writer rolls it
   * ({@link #full}, {@link #roll}).
   */
  List<AuditRecord> append(List<AuditEvent> events) throws IOException {
    ensureOpen();
    buffer.reset();
    List<AuditRecord> records = new ArrayList<>(events.size());
    long s = seq;
    String h = hash;
    for (AuditEvent e : events) {
      s++;
      int start = buffer.length();
      AuditJson.body(buffer, s, node, e, h);
      String next = LineHash.sha256Hex(sha256, buffer.array(), start, buffer.length() - start);
      buffer.ascii(AuditJson.tail(next)).ascii('\n');
      records.add(new AuditRecord(s, node, e, h, next));
      h = next;
    }
    ByteBuffer bytes = ByteBuffer.wrap(buffer.array(), 0, buffer.length());
    boolean written = false;
    try {
      hook.beforeWrite(segment, channel);
      long position = size;
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
      written = true;
    } finally {
      if (!written) {
        closeChannel();
      }
    }
    size += bytes.limit();
    seq = s;
    hash = h;
    dirty = true;
    return records;
  }

  /**
   * Reopens the current segment if a failure closed it, and starts the first one when there is none
   * yet. The writer's recovery after a failure is exactly this; a full segment is left to {@link
   * #roll}.
   */
  void ensureOpen() throws IOException {
    if (segment != null && channel == null) {
      openChannel();
    }
    if (segment == null) {
      roll();
    }
  }

  /** Whether the current segment has reached its size and the next roll is due. */
  boolean full() {
    return segment != null && size >= segmentBytes;
  }

  /**
   * fsync of the data written since the last one (metadata is not needed to read it back). Without
   * a channel (after a failure) the data stays dirty, to be forced once the segment is reopened.
   */
  void force() throws IOException {
    if (channel == null || !dirty) {
      return;
    }
    try {
      hook.beforeForce(segment);
      channel.force(false);
    } catch (IOException e) {
      closeChannel();
      throw e;
    }
    dirty = false;
  }

  /**
   * The channel to fsync outside the lock, or null when nothing was written since the last fsync
   * (or there is no channel after a failure). The data counts as clean from here: the caller
   * reports a failed fsync through {@link #forceFailed}.
   */
  FileChannel takeDirty() throws IOException {
    if (channel == null || !dirty) {
      return null;
    }
    hook.beforeForce(segment);
    dirty = false;
    return channel;
  }

  /**
   * After fsyncing a channel from {@link #takeDirty} failed: its data counts as dirty again, and
   * the channel is dropped if it is still the current one. Returns whether a failed write (which
   * failed the log) had already dropped it.
   */
  boolean forceFailed(FileChannel forced) {
    dirty = true;
    if (forced != channel) {
      return true;
    }
    closeChannel();
    return false;
  }

  /**
   * Syncs and closes the current segment and starts the next. Only the writer thread rolls (or, for
   * the very first segment, whoever writes first), so no fsync of a {@link #takeDirty} channel runs
   * meanwhile.
   */
  void roll() throws IOException {
    if (channel != null) {
      force();
      closeChannel();
    }
    segment = Segments.path(dir, seq + 1);
    size = 0;
    openChannel();
  }

  /**
   * Opens the current segment, creating it only while nothing was written to it: a segment that
   * held records and vanished must not silently restart empty. The directory is synced after a
   * creation (a roll, or reopening after a failed one), or a power loss could take the whole
   * segment.
   */
  private void openChannel() throws IOException {
    hook.beforeOpen(segment);
    FileChannel ch =
        size == 0
            ? FileChannel.open(segment, StandardOpenOption.CREATE, StandardOpenOption.WRITE)
            : FileChannel.open(segment, StandardOpenOption.WRITE);
    try {
      long actual = ch.size();
      if (actual < size) {
        throw new IOException(
            segment + " has " + actual + " bytes but " + size + " were written to it");
      }
      if (actual > size) {
        // A crash or a failed write left part of a batch whose futures never completed.
        ch.truncate(size);
        ch.force(true);
        LOG.warn(
            "Audit segment {} ended with {} bytes of an unfinished write (a crash or a failed"
                + " write); cut them off, the chain continues after the last complete record",
            segment,
            actual - size);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    channel = ch;
    if (size == 0) {
      syncDirectory();
    }
  }

  /** Makes a new segment's directory entry durable; not every platform can open a directory. */
  private void syncDirectory() {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      LOG.debug("Cannot fsync directory {}", dir, e);
    }
  }

  private void closeChannel() {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("Closing {} failed", segment, e);
      }
      channel = null;
    }
  }

  /** fsyncs what was written and releases the segment and the directory lock. */
  @Override
  public void close() throws IOException {
    try {
      force();
    } finally {
      closeChannel();
      lock.close();
    }
  }
}
