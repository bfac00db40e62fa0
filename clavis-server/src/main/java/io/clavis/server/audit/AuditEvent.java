package io.clavis.server.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one request produced, as the audit trail stores it. The caller guarantees that no field
 * holds key material, plaintext, tokens or passwords; this type only normalises the shape so that
 * the stored bytes are reproducible: {@code time} is truncated to microseconds (what the line
 * format holds) and {@code resources} becomes an unmodifiable map sorted by name.
 *
 * @param result one of {@link #ALLOWED}, {@link #DENIED}, {@link #FAILED}
 * @param code the error code of a denied or failed request, else null
 * @param resources what the request touched, e.g. {@code keyId}, {@code vaultId}; never null
 */
public record AuditEvent(
    Instant time,
    String principal,
    String principalId,
    String authMethod,
    String clientAddress,
    String protocol,
    String operation,
    Map<String, String> resources,
    String result,
    String code,
    String requestId,
    long durationMicros,
    String userAgent) {
  public static final String ALLOWED = "allowed";
  public static final String DENIED = "denied";
  public static final String FAILED = "failed";

  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(result, "result");
    if (!result.equals(ALLOWED) && !result.equals(DENIED) && !result.equals(FAILED)) {
      throw new IllegalArgumentException("result must be allowed, denied or failed: " + result);
    }
    time = time.truncatedTo(ChronoUnit.MICROS);
    resources =
        resources == null || resources.isEmpty()
            ? Collections.emptySortedMap()
            : Collections.unmodifiableSortedMap(new TreeMap<>(resources));
  }
}
