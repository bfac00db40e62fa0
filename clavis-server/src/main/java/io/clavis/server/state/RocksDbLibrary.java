package io.clavis.server.state;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * the library is copied once per RocksDB build into {@code DIR/rocksdb-<crc>-<size>/} and reused at
 * every later start; a build no longer in use is removed. If that directory cannot be written or
 * loaded from, RocksDB's own loader runs instead.
 */
public final class RocksDbLibrary {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbLibrary.class);
  private static final String PREFIX = "rocksdb-";
  // RocksDB looks up the library in its jar under one name and, in RocksDB.loadLibrary(paths),
  // in a directory under another ("librocksdbjni-linux64.so", "librocksdbjnijni-linux64.so"):
  // both are computed here as RocksDB computes them.
  static final String RESOURCE = Environment.getJniLibraryFileName("rocksdb");
  static final String FILE_NAME = Environment.getJniLibraryFileName("rocksdbjni");

  private RocksDbLibrary() {}

  /** Loads the library once per JVM; later calls, and {@link RocksDB#loadLibrary()}, do nothing. */
  public static synchronized void load(Path dir) {
    URL resource = RocksDB.class.getClassLoader().getResource(RESOURCE);
    if (resource == null) {
      // No build for this platform in the jar: RocksDB's loader says so in its own words.
      RocksDB.loadLibrary();
      return;
    }
    try {
      Path copy = copyOf(resource, dir, FILE_NAME);
      RocksDB.loadLibrary(List.of(copy.getParent().toString()));
    } catch (IOException | UnsatisfiedLinkError e) {
      LOG.warn(
          "Cannot load RocksDB's native library from {} ({}); extracting it to the temporary"
              + " directory instead",
          dir,
          e.getMessage());
      RocksDB.loadLibrary();
    }
  }

  /**
   * The library's copy in {@code dir}, written now only if it is missing or differs in size (a copy
   * cut short); builds other than this one are deleted.
   */
  static Path copyOf(URL resource, Path dir, String name) throws IOException {
    Fingerprint fingerprint = Fingerprint.of(resource);
    String build = PREFIX + fingerprint.label();
    Path target = dir.resolve(build).resolve(name);
    if (!Files.isRegularFile(target) || Files.size(target) != fingerprint.size()) {
      Files.createDirectories(target.getParent());
      // Written aside and renamed, so a node never loads a half-written library, even if it was
      // killed while copying.
      Path partial = Files.createTempFile(target.getParent(), name, ".partial");
      try (InputStream in = resource.openStream()) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(partial);
      }
    }
    removeOtherBuilds(dir, build);
    return target;
  }

  private static void removeOtherBuilds(Path dir, String keep) {
    try (DirectoryStream<Path> builds = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path other : builds) {
        if (!other.getFileName().toString().equals(keep)) {
          deleteTree(other);
        }
      }
    } catch (IOException e) {
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
