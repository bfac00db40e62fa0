package io.clavis.server.audit;

import java.util.Objects;

/**
 * An {@link AuditEvent} as stored: its place in the node's chain and the hashes that link it to its
 * predecessor.
 *
 * @param seq position in the node's chain, starting at 1 with no gaps
 * @param prevHash {@code hash} of record {@code seq - 1}; 64 zeros for seq 1
 * @param hash lower-case hex SHA-256 of the stored line up to the {@code hash} field
 */
public record AuditRecord(long seq, String node, AuditEvent event, String prevHash, String hash) {
  public AuditRecord {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
