package io.clavis.server.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import org.rocksdb.RocksDB;
import org.rocksdb.util.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads RocksDB's native library from a copy kept in the node's data directory.
 *
 * <p>RocksDB's own loader copies its 15 MB library into {@code java.io.tmpdir} at every start and
 * deletes the copy only when the JVM exits normally: every node that is killed, crashes or loses
 * power leaves one behind, and a {@code /tmp} mounted {@code noexec} cannot load it at all. Here
 * the library is copied once per RocksDB build into {@code DIR/rocksdb-<crc>-<size>/}, checked
 * against the jar at every start and reused; builds no longer in use and copies cut short are
 * removed. RocksDB's own loader runs instead when the operator chose where the library comes from
 * ({@code ROCKSDB_SHAREDLIB_DIR}, the directory RocksDB then extracts it into, or a library of
 * their own on {@code java.library.path}), or when the copy cannot be made or loaded.
 */
public final class RocksDbLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbLibrary.class);
  private static final String PREFIX = "rocksdb-";
  private static final String PARTIAL = ".partial";
  private static boolean done;

  private RocksDbLibrary() {}

  /** Loads the library once per JVM; later calls, and {@link RocksDB#loadLibrary()}, do nothing. */
  public static synchronized void load(Path dir) {
    if (done) {
      return;
    }
    try {
      URL resource = RocksDB.class.getClassLoader().getResource(Names.resource());
      if (resource == null || operatorChoseALibrary()) {
        // No build for this platform in the jar (RocksDB's loader says so in its own words), or
        // one the operator installed: RocksDB's own search finds it.
        RocksDB.loadLibrary();
        done = true;
        return;
      }
      Path copy = copyOf(resource, dir, Names.file());
      RocksDB.loadLibrary(List.of(copy.getParent().toString()));
    } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
      LOG.warn(
          "Cannot load RocksDB's native library from {} ({}); extracting it to the temporary"
              + " directory instead",
          dir,
          e.toString());
      RocksDB.loadLibrary();
    }
    done = true;
  }

  /**
   * The names RocksDB computes: it looks up the library in its jar under one and, in {@code
   * RocksDB.loadLibrary(paths)}, in a directory under the other ("librocksdbjni-linux64.so",
   * "librocksdbjnijni-linux64.so"). Computed on use: on a platform RocksDB does not know they
   * throw.
   */
  static final class Names {
    private Names() {}

    static String resource() {
      return Environment.getJniLibraryFileName("rocksdb");
    }

    static String file() {
      return Environment.getJniLibraryFileName("rocksdbjni");
    }
  }

  private static boolean operatorChoseALibrary() {
    String sharedLibDir = System.getenv("ROCKSDB_SHAREDLIB_DIR");
    if (sharedLibDir != null && !sharedLibDir.isEmpty()) {
      return true;
    }
    String path = System.getProperty("java.library.path", "");
    for (String d : path.split(java.io.File.pathSeparator)) {
      if (d.isEmpty()) {
        continue;
      }
      for (String name :
          List.of(
              Environment.getSharedLibraryName("rocksdb"),
              Environment.getJniLibraryName("rocksdb"))) {
        if (Files.isRegularFile(Path.of(d, System.mapLibraryName(name)))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The library's copy in {@code dir}, written now unless a copy with the jar's CRC and size is
   * there; other builds and copies cut short are deleted. Holds {@code dir/.lock} meanwhile, so two
   * processes given the same directory never delete each other's copy in progress.
   */
  static Path copyOf(URL resource, Path dir, String name) throws IOException {
    Fingerprint fingerprint = Fingerprint.of(resource);
    String build = PREFIX + fingerprint.label();
    Path target = dir.resolve(build).resolve(name);
    Files.createDirectories(target.getParent());
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = lockFile.lock()) {
      removeLeftovers(dir, build);
      if (!Files.isRegularFile(target)
          || !fingerprint.equals(Fingerprint.of(target.toUri().toURL()))) {
        write(resource, target);
      }
    }
    return target;
  }

  /** Writes aside, syncs, then renames: a node never loads a half-written or unsynced library. */
  private static void write(URL resource, Path target) throws IOException {
    Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
    try (InputStream in = resource.openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
    }
    try (FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE)) {
      file.force(true);
    }
    Files.move(
        partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
      directory.force(true);
    }
  }

  private static void removeLeftovers(Path dir, String keep) {
    try (DirectoryStream<Path> builds = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path other : builds) {
        if (!other.getFileName().toString().equals(keep)) {
          deleteTree(other);
        }
      }
      try (DirectoryStream<Path> partials =
          Files.newDirectoryStream(dir.resolve(keep), "*" + PARTIAL)) {
        for (Path partial : partials) {
          Files.deleteIfExists(partial);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("Cannot remove older RocksDB libraries in {}: {}", dir, e.getMessage());
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        // Deleting a library another process has loaded is safe: its mapping keeps the file.
        Files.deleteIfExists(p);
      }
    }
  }

  /** Tells one build of the library from another: its CRC-32 and size. */
  record Fingerprint(long crc, long size) {
    String label() {
      return String.format("%08x-%d", crc, size);
    }

    /** From the jar's directory when the library is in a jar (no read), else by reading it. */
    static Fingerprint of(URL resource) throws IOException {
      URLConnection connection = resource.openConnection();
      if (connection instanceof JarURLConnection jar) {
        var entry = jar.getJarEntry();
        if (entry.getCrc() != -1 && entry.getSize() != -1) {
          return new Fingerprint(entry.getCrc(), entry.getSize());
        }
      }
      CRC32 crc = new CRC32();
      long size;
      try (InputStream in = new CheckedInputStream(resource.openStream(), crc)) {
        size = in.transferTo(OutputStream.nullOutputStream());
      }
      return new Fingerprint(crc.getValue(), size);
    }
  }
}
