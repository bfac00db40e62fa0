package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One record of a node's audit trail ({@code GET /v1/audit-events}): who did what to which
 * resources, with what result, and its place in the node's hash chain.
 *
 * @param seq the record's position in its node's chain, from 1
 * @param node the node that recorded it
 * @param principal the caller's name, or null when it was not authenticated
 * @param authMethod how the caller authenticated ({@code token}, {@code root-token}...)
 * @param protocol {@code rest} or {@code kmip}
 * @param operation the operation, such as {@code key.encrypt}
 * @param resources what the request touched, such as {@code keyId}; sorted by name, never null
 * @param result {@code allowed}, {@code denied} or {@code failed}
 * @param code the error code of a denied or failed request, else null
 * @param prevHash the {@code hash} of the record before it in the chain
 * @param hash the SHA-256 of the record as stored
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditEvent(
    long seq,
    Instant time,
    String node,
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
    String userAgent,
    String prevHash,
    String hash) {
  public static final String ALLOWED = "allowed";
  public static final String DENIED = "denied";
  public static final String FAILED = "failed";

  public AuditEvent {
    resources =
        resources == null || resources.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new TreeMap<>(resources));
  }
}
