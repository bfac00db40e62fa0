package io.clavis.server.audit;

import java.util.List;

/**
 * One page of a query.
 *
 * @param records matching records in ascending seq
 * @param lastSeqScanned the seq to pass as {@code afterSeq} to continue; it moves on even when
 *     nothing matched, so a selective filter over a long trail makes progress page by page
 * @param more whether the scan stopped before the end of the trail (limit or scan bound reached)
 */
public record AuditPage(List<AuditRecord> records, long lastSeqScanned, boolean more) {
  public AuditPage {
    records = List.copyOf(records);
  }
}
