package io.clavis.server.audit;

import java.nio.file.Path;

/**
 * The outcome of {@link AuditVerifier#verify}.
 *
 * @param intact whether the whole trail checked out
 * @param records records that checked out before the first break (all of them when intact)
 * @param node the node named by the records, null for an empty trail
 * @param firstBroken where the trail first breaks, null when intact
 */
public record VerifyResult(boolean intact, long records, String node, Broken firstBroken) {

  /**
   * Where and why a trail breaks.
   *
   * @param segment the file (the last segment, or the directory when there is none, for records
   *     missing at the end)
   * @param line 1-based line in {@code segment}; 0 when the file as a whole is wrong (empty,
   *     misnamed)
   * @param seq the seq of the record concerned as far as known, else null
   */
  public record Broken(Path segment, long line, Long seq, String reason) {}
}
