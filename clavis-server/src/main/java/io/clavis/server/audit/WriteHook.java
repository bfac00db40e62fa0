package io.clavis.server.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Runs on the writer thread just before a segment is opened, a batch is written or an fsync is
 * made. Only tests use it, to stall the writer (queue full), to make the disk fail, or to observe
 * the fsync policy; root can write to read-only directories, so file permissions are no reliable
 * way to provoke a failure.
 */
@FunctionalInterface
interface WriteHook {
  WriteHook NONE = (segment, channel) -> {};

  void beforeWrite(Path segment, FileChannel channel) throws IOException;

  default void beforeOpen(Path segment) throws IOException {}

  default void beforeForce(Path segment) throws IOException {}
}
