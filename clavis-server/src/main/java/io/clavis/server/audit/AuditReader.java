package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Queries a node's audit trail straight from its segment files, while the writer may be appending:
 * an incomplete last line is a record being written and is ignored. The work per call is bounded by
 * {@link #MAX_SCANNED_LINES}, so a filter that matches nothing cannot make one request read
 * gigabytes; the caller continues from {@link AuditPage#lastSeqScanned()}.
 */
public final class AuditReader {
  /** Records examined (after {@code afterSeq}) by one call before it returns a partial page. */
  public static final int MAX_SCANNED_LINES = 200_000;

  private AuditReader() {}

  /**
   * Records with seq greater than {@code afterSeq} that match {@code q}, in ascending seq, at most
   * {@code limit}.
   *
   * @throws IOException also when a complete line is not an audit record (run the verifier)
   */
  public static AuditPage query(Path dir, AuditQuery q, long afterSeq, int limit)
      throws IOException {
    return query(dir, q, afterSeq, limit, MAX_SCANNED_LINES);
  }

  static AuditPage query(Path dir, AuditQuery q, long afterSeq, int limit, int maxScanned)
      throws IOException {
    if (afterSeq < 0) {
      throw new IllegalArgumentException("afterSeq must not be negative");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
    List<Segments.Segment> segments = Segments.list(dir);
    List<AuditRecord> out = new ArrayList<>();
    long lastScanned = afterSeq;
    int scanned = 0;
    for (int i = 0; i < segments.size(); i++) {
      if (i + 1 < segments.size() && segments.get(i + 1).firstSeq() <= afterSeq + 1) {
        continue; // every record of this segment is at or before afterSeq
      }
      Path file = segments.get(i).path();
      try (LineReader reader = LineReader.open(file)) {
        for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
          if (!line.complete()) {
            break; // being written right now
          }
          Long seq = AuditJson.peekSeq(line.bytes());
          if (seq != null && seq <= afterSeq) {
            continue;
          }
          if (out.size() == limit || scanned == maxScanned) {
            return new AuditPage(out, lastScanned, true);
          }
          AuditRecord record = parse(file, line);
          scanned++;
          lastScanned = record.seq();
          if (q.matches(record)) {
            out.add(record);
          }
        }
      }
    }
    return new AuditPage(out, lastScanned, false);
  }

  private static AuditRecord parse(Path file, LineReader.Line line) throws IOException {
    if (line.tooLong()) {
      throw new IOException(file + " line " + line.number() + " is longer than 1 MiB");
    }
    try {
      return AuditJson.parse(line.bytes());
    } catch (IOException e) {
      throw new IOException(
          file + " line " + line.number() + " is not an audit record: " + e.getMessage(), e);
    }
  }
}
