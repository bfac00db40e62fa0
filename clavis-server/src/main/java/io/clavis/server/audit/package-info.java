/**
 * The per-node, hash-chained audit trail.
 *
 * <p>Every request produces one {@link io.clavis.server.audit.AuditEvent}; {@link
 * io.clavis.server.audit.AuditLog} appends it to JSON Lines segment files under {@code
 * <dataDir>/audit/}, each record carrying the SHA-256 of the previous one. Because the hash covers
 * the exact bytes on disk, {@link io.clavis.server.audit.AuditVerifier} checks a log without
 * re-serialising it, and the chain head that the server commits through Raft lets the other nodes
 * detect a rewritten or truncated trail. {@link io.clavis.server.audit.AuditReader} answers queries
 * with bounded work; {@link io.clavis.server.audit.SyslogFormat} forwards records to a SIEM.
 */
package io.clavis.server.audit;
