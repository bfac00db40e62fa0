package io.clavis.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDB;

class RocksDbLibraryTest {
  private static final String NAME = RocksDbLibrary.Names.file();
  private static final URL LIBRARY =
      RocksDB.class.getClassLoader().getResource(RocksDbLibrary.Names.resource());

  @TempDir Path dir;

  @Test
  void copiesTheLibraryOnceAndReusesTheCopy() throws IOException {
    Path copy = RocksDbLibrary.copyOf(LIBRARY, dir, NAME);
    RocksDbLibrary.Fingerprint inJar = RocksDbLibrary.Fingerprint.of(LIBRARY);
    assertThat(copy.getFileName().toString()).isEqualTo(NAME);
    assertThat(copy.getParent().getFileName().toString()).isEqualTo("rocksdb-" + inJar.label());
    // The copy's own bytes, read in full, have the fingerprint the jar's directory gave.
    assertThat(RocksDbLibrary.Fingerprint.of(copy.toUri().toURL())).isEqualTo(inJar);

    Object file = fileKey(copy);
    assertThat(RocksDbLibrary.copyOf(LIBRARY, dir, NAME)).isEqualTo(copy);
    assertThat(fileKey(copy)).as("the same file, not written again").isEqualTo(file);
    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(copy, dir.resolve(".lock"));
  }

  @Test
  void replacesACopyCutShortOrDamaged() throws IOException {
    Path copy = RocksDbLibrary.copyOf(LIBRARY, dir, NAME);
    long size = Files.size(copy);
    RocksDbLibrary.Fingerprint inJar = RocksDbLibrary.Fingerprint.of(LIBRARY);

    Files.write(copy, new byte[4096]);
    assertThat(RocksDbLibrary.copyOf(LIBRARY, dir, NAME)).isEqualTo(copy);
    assertThat(RocksDbLibrary.Fingerprint.of(copy.toUri().toURL())).isEqualTo(inJar);

    // The right size, zeroes inside: what a power loss can leave of an unsynced file.
    Files.write(copy, new byte[(int) size]);
    assertThat(RocksDbLibrary.copyOf(LIBRARY, dir, NAME)).isEqualTo(copy);
    assertThat(RocksDbLibrary.Fingerprint.of(copy.toUri().toURL())).isEqualTo(inJar);
    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(copy, dir.resolve(".lock"));
  }

  @Test
  void removesOtherBuildsAndLeavesEverythingElse() throws IOException {
    Path older = dir.resolve("rocksdb-0badc0de-123").resolve(NAME);
    Files.createDirectories(older.getParent());
    Files.write(older, new byte[123]);
    Path unrelated = dir.resolve("README");
    Files.writeString(unrelated, "not a library");
    Path build = dir.resolve("rocksdb-" + RocksDbLibrary.Fingerprint.of(LIBRARY).label());
    Files.createDirectories(build);
    // A copy that a killed process left half-written.
    Path partial = build.resolve(NAME + ".partial");
    Files.write(partial, new byte[100]);

    Path copy = RocksDbLibrary.copyOf(LIBRARY, dir, NAME);

    assertThat(older.getParent()).doesNotExist();
    assertThat(partial).doesNotExist();
    assertThat(filesUnder(dir)).containsExactlyInAnyOrder(copy, unrelated, dir.resolve(".lock"));
  }

  private static Object fileKey(Path p) throws IOException {
    return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
  }

  private static java.util.List<Path> filesUnder(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
