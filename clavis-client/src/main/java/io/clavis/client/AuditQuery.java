package io.clavis.client;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of {@code GET /v1/audit-events}; a null field matches everything. Start with {@link
 * #all()} and narrow it with the {@code with...} methods.
 *
 * @param keyId only records about this key ({@code resources.keyId})
 * @param principal only records of this principal, by name or id
 * @param operation only this operation, or a prefix when it ends with {@code *} ({@code key.*})
 * @param result {@code allowed}, {@code denied} or {@code failed}
 * @param from records at or after this time
 * @param to records before this time
 */
public record AuditQuery(
    String keyId, String principal, String operation, String result, Instant from, Instant to) {

  /** Every record. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null);
  }

  public AuditQuery withKeyId(String keyId) {
    return new AuditQuery(keyId, principal, operation, result, from, to);
  }

  public AuditQuery withPrincipal(String principal) {
    return new AuditQuery(keyId, principal, operation, result, from, to);
  }

  public AuditQuery withOperation(String operation) {
    return new AuditQuery(keyId, principal, operation, result, from, to);
  }

  public AuditQuery withResult(String result) {
    return new AuditQuery(keyId, principal, operation, result, from, to);
  }

  /** Records in {@code [from, to)}; either bound may be null. */
  public AuditQuery withTime(Instant from, Instant to) {
    return new AuditQuery(keyId, principal, operation, result, from, to);
  }

  /** The query parameters, in a stable order; null values are left out by the transport. */
  Map<String, String> parameters() {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("keyId", keyId);
    q.put("principal", principal);
    q.put("operation", operation);
    q.put("result", result);
    q.put("from", from == null ? null : from.toString());
    q.put("to", to == null ? null : to.toString());
    return q;
  }
}
