package io.clavis.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A file given to {@code --out}: written whole or not at all, into a temporary file next to it that
 * replaces it once complete, so a failed run leaves the old file (or none) rather than half a new
 * one.
 */
final class OutputFile {
  private OutputFile() {}

  /** What writes the content. */
  interface Content<T> {
    T write(Writer w) throws IOException;
  }

  /** Refuses a file that cannot be written before any work starts. */
  static void check(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new CliException("no such directory: " + parent);
    }
    if (Files.isDirectory(file)) {
      throw new CliException(file + " is a directory");
    }
  }

  /** Writes {@code content} to {@code file} (UTF-8), replacing it only if all of it was written. */
  static <T> T write(Path file, Content<T> content) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    // Also gone if the run is interrupted (Ctrl-C): it may hold decrypted data.
    tmp.toFile().deleteOnExit();
    boolean moved = false;
    try {
      T result;
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        result = content.write(w);
      }
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      moved = true;
      return result;
    } finally {
      if (!moved) {
        Files.deleteIfExists(tmp);
      }
    }
  }
}
