package io.clavis.server.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The state of one verification walk: what the previous record was, so that each line can be
 * checked against it, and which committed heads are still to be met.
 */
final class ChainWalk {
  private final TreeMap<Long, List<AuditLog.Head>> heads;
  private long lastSeq;
  private String lastHash = LineHash.ZERO;
  private String node;
  private long records;
  private long lastLine;

  ChainWalk(List<AuditLog.Head> committedHeads) {
    this.heads =
        committedHeads.stream()
            .collect(Collectors.groupingBy(AuditLog.Head::seq, TreeMap::new, Collectors.toList()));
  }

  /** Checks one segment; returns its first break or null. */
  VerifyResult.Broken segment(Segments.Segment segment, boolean newest) throws IOException {
    lastLine = 0;
    try (LineReader reader = LineReader.open(segment.path())) {
      LineReader.Line line = reader.next();
      if (line == null) {
        if (newest && segment.firstSeq() == lastSeq + 1) {
          return null; // created for the next record just before the process stopped
        }
        return new VerifyResult.Broken(
            segment.path(), 0, segment.firstSeq(), "segment is empty (a segment holds records)");
      }
      for (; line != null; line = reader.next()) {
        lastLine = line.number();
        VerifyResult.Broken broken = line(segment, line);
        if (broken != null) {
          return broken;
        }
      }
    }
    return null;
  }

  /** After the last segment: committed heads beyond the chain mean its tail was cut off. */
  VerifyResult.Broken end(Path last) {
    Map.Entry<Long, List<AuditLog.Head>> beyond = heads.higherEntry(lastSeq);
    if (beyond != null) {
      return new VerifyResult.Broken(
          last,
          lastLine + 1,
          lastSeq + 1,
          "the chain ends at seq "
              + lastSeq
              + " but seq "
              + beyond.getKey()
              + " was committed (records were removed)");
    }
    for (AuditLog.Head h : heads.getOrDefault(0L, List.of())) {
      if (!LineHash.ZERO.equals(h.hash())) {
        return new VerifyResult.Broken(
            last, 0, 0L, "committed head seq 0 has hash " + h.hash() + " instead of 64 zeros");
      }
    }
    return null;
  }

  VerifyResult result(VerifyResult.Broken broken) {
    return new VerifyResult(broken == null, records, node, broken);
  }

  private VerifyResult.Broken line(Segments.Segment segment, LineReader.Line line) {
    byte[] bytes = line.bytes();
    Long seq = AuditJson.peekSeq(bytes);
    String problem = shapeProblem(line);
    if (problem != null) {
      return broken(segment, line, seq, problem);
    }
    AuditRecord r;
    try {
      r = AuditJson.parse(bytes);
    } catch (IOException e) {
      return broken(segment, line, seq, "line is not an audit record: " + e.getMessage());
    }
    problem = linkProblem(segment, line, r);
    if (problem != null) {
      return broken(segment, line, r.seq(), problem);
    }
    lastSeq = r.seq();
    lastHash = r.hash();
    records++;
    return null;
  }

  private static String shapeProblem(LineReader.Line line) {
    if (line.tooLong()) {
      return "line is longer than 1 MiB";
    }
    if (!line.complete()) {
      return "line is incomplete";
    }
    String shape = LineHash.shapeProblem(line.bytes());
    if (shape != null) {
      return shape;
    }
    return LineHash.matches(line.bytes()) ? null : "hash does not match the record's content";
  }

  private String linkProblem(Segments.Segment segment, LineReader.Line line, AuditRecord r) {
    if (r.seq() != lastSeq + 1) {
      if (lastSeq == 0) {
        return "the chain starts at seq "
            + r.seq()
            + ", not 1 (records were removed from its start)";
      }
      return "seq "
          + r.seq()
          + " follows seq "
          + lastSeq
          + (r.seq() > lastSeq
              ? " (a record is missing or out of order)"
              : " (records are out of order or duplicated)");
    }
    if (line.number() == 1 && r.seq() != segment.firstSeq()) {
      return "the file name says the segment starts at seq "
          + segment.firstSeq()
          + " but its first record is seq "
          + r.seq()
          + " (a segment was renamed or records were moved between segments)";
    }
    if (node == null) {
      node = r.node();
    } else if (!node.equals(r.node())) {
      return "record of node " + r.node() + " in the chain of node " + node;
    }
    if (!r.prevHash().equals(lastHash)) {
      return lastSeq == 0
          ? "prevHash of the first record is not 64 zeros"
          : "prevHash does not match the previous record (a record was removed or reordered)";
    }
    for (AuditLog.Head h : heads.getOrDefault(r.seq(), List.of())) {
      if (!Objects.equals(h.hash(), r.hash())) {
        return "committed head seq "
            + r.seq()
            + " has hash "
            + h.hash()
            + " but the record has "
            + r.hash();
      }
      if (h.node() != null && !Objects.equals(h.node(), r.node())) {
        return "committed head seq " + r.seq() + " is of node " + h.node() + ", not " + r.node();
      }
    }
    return null;
  }

  private static VerifyResult.Broken broken(
      Segments.Segment segment, LineReader.Line line, Long seq, String reason) {
    return new VerifyResult.Broken(segment.path(), line.number(), seq, reason);
  }
}
