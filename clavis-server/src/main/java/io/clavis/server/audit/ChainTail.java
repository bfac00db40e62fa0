package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a node's chain left off on disk, recovered when the log is opened so that seq and prevHash
 * continue across restarts. An incomplete last line is the expected result of a crash during a
 * write (its future never completed, so no request relied on it): the chain ends before it, and
 * {@link ChainFile} cuts it off when it opens the segment at {@code size}. A complete last line
 * that fails its own hash is not a crash but damage or tampering, and continuing after it would
 * hide the break, so recovery refuses.
 *
 * @param seq seq of the last record, 0 for an empty chain
 * @param hash hash of the last record, {@link LineHash#ZERO} for an empty chain
 * @param segment the segment to append to, null when there is none yet
 * @param size bytes of complete records in {@code segment}
 * @param truncatedBytes bytes of an incomplete last line removed by the recovery
 */
record ChainTail(long seq, String hash, Path segment, long size, long truncatedBytes) {
  static ChainTail recover(Path dir, String node) throws IOException {
    List<Segments.Segment> segments = Segments.list(dir);
    if (segments.isEmpty()) {
      return new ChainTail(0, LineHash.ZERO, null, 0, 0);
    }
    Segments.Segment newest = segments.getLast();
    Scan scan = Scan.of(newest.path());
    long truncated = scan.fileSize() - scan.end();
    if (scan.last() != null) {
      AuditRecord last = check(newest.path(), scan.last(), node);
      if (last.seq() < newest.firstSeq()) {
        throw new IOException(
            newest.path() + " ends with seq " + last.seq() + ", before the seq in its name");
      }
      return new ChainTail(last.seq(), last.hash(), newest.path(), scan.end(), truncated);
    }
    // The newest segment is empty: the process stopped right after rolling to it.
    if (segments.size() == 1) {
      if (newest.firstSeq() != 1) {
        throw new IOException(newest.path() + " is empty and no earlier segment exists");
      }
      return new ChainTail(0, LineHash.ZERO, newest.path(), 0, truncated);
    }
    Segments.Segment previous = segments.get(segments.size() - 2);
    Scan prev = Scan.of(previous.path());
    if (prev.last() == null || prev.end() != prev.fileSize()) {
      throw new IOException(
          previous.path()
              + " is empty or ends with an incomplete line although a newer segment"
              + " exists; run the audit verifier");
    }
    AuditRecord last = check(previous.path(), prev.last(), node);
    if (last.seq() + 1 != newest.firstSeq()) {
      throw new IOException(
          previous.path()
              + " ends with seq "
              + last.seq()
              + " but the next segment is "
              + newest.path());
    }
    return new ChainTail(last.seq(), last.hash(), newest.path(), 0, truncated);
  }

  private static AuditRecord check(Path file, LineReader.Line line, String node)
      throws IOException {
    String problem;
    if (line.tooLong()) {
      problem = "line is longer than 1 MiB";
    } else {
      problem = LineHash.shapeProblem(line.bytes());
      if (problem == null && !LineHash.matches(line.bytes())) {
        problem = "hash does not match the record's content";
      }
    }
    AuditRecord record = null;
    if (problem == null) {
      try {
        record = AuditJson.parse(line.bytes());
      } catch (IOException e) {
        problem = "not an audit record: " + e.getMessage();
      }
    }
    if (problem != null) {
      throw new IOException(
          "Audit segment "
              + file
              + " line "
              + line.number()
              + ": "
              + problem
              + "; refusing to continue a broken chain (run the audit verifier)");
    }
    if (!record.node().equals(node)) {
      throw new IOException(
          "Audit segment " + file + " belongs to node " + record.node() + ", not " + node);
    }
    return record;
  }

  /** The last complete line of a file and where the complete lines end. */
  private record Scan(LineReader.Line last, long end, long fileSize) {
    static Scan of(Path file) throws IOException {
      long size = Files.size(file);
      LineReader.Line last = null;
      long end = 0;
      try (LineReader reader = LineReader.open(file)) {
        for (LineReader.Line l = reader.next(); l != null; l = reader.next()) {
          if (l.complete()) {
            last = l;
            end = l.end();
          }
        }
      }
      return new Scan(last, end, size);
    }
  }
}
