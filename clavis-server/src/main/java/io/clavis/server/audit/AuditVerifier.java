package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Checks a node's audit trail: that every line is intact, that each record links to the one before,
 * that seq runs 1, 2, 3... across segments whose names match their content, and that the heads
 * committed through Raft are still in the chain. The hash chain alone only shows that the trail is
 * self-consistent: someone who rewrites the file can recompute it. The committed heads, stored on
 * every node, are what make rewriting or cutting off the tail detectable.
 *
 * <p>Never throws on file content (binary garbage, invalid UTF-8, endless lines); only an I/O error
 * reading the directory is thrown.
 */
public final class AuditVerifier {
  private AuditVerifier() {}

  /**
   * Walks every segment of {@code dir} in order and stops at the first break.
   *
   * @param committedHeads heads of this node committed through Raft; may be empty
   */
  public static VerifyResult verify(Path dir, List<AuditLog.Head> committedHeads)
      throws IOException {
    ChainWalk walk = new ChainWalk(committedHeads);
    List<Path> misnamed = Segments.misnamed(dir);
    if (!misnamed.isEmpty()) {
      return walk.result(
          new VerifyResult.Broken(
              misnamed.getFirst(),
              0,
              null,
              "file name is not segment-<20-digit first seq>.jsonl (a segment was renamed)"));
    }
    List<Segments.Segment> segments = Segments.list(dir);
    for (int i = 0; i < segments.size(); i++) {
      VerifyResult.Broken broken = walk.segment(segments.get(i), i == segments.size() - 1);
      if (broken != null) {
        return walk.result(broken);
      }
    }
    return walk.result(walk.end(segments.isEmpty() ? dir : segments.getLast().path()));
  }
}
