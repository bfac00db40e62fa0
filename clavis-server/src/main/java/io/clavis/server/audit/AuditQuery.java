package io.clavis.server.audit;

import java.time.Instant;

/**
 * A filter over audit records; every null field means "any".
 *
 * @param keyId matches {@code resources.keyId}
 * @param principal matches the principal's name or its id
 * @param operation exact, or a prefix when it ends with '*' (e.g. {@code key.*})
 * @param result {@link AuditEvent#ALLOWED}, {@link AuditEvent#DENIED} or {@link AuditEvent#FAILED}
 * @param from inclusive lower bound of the event time
 * @param to exclusive upper bound of the event time
 */
public record AuditQuery(
    String keyId, String principal, String operation, String result, Instant from, Instant to) {

  /** The filter that matches every record. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, null, null);
  }

  public boolean matches(AuditRecord record) {
    AuditEvent e = record.event();
    return (keyId == null || keyId.equals(e.resources().get("keyId")))
        && (principal == null
            || principal.equals(e.principal())
            || principal.equals(e.principalId())
            // Logins are made before there is a principal: they name the user they try.
            || principal.equals(e.resources().get("userName"))
            || principal.equals(e.resources().get("userId")))
        && (operation == null || operationMatches(e.operation()))
        && (result == null || result.equals(e.result()))
        && (from == null || !e.time().isBefore(from))
        && (to == null || e.time().isBefore(to));
  }

  private boolean operationMatches(String op) {
    if (operation.endsWith("*")) {
      return op.startsWith(operation.substring(0, operation.length() - 1));
    }
    return operation.equals(op);
  }
}
