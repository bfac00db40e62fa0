package io.clavis.server.access;

import io.clavis.server.vault.Compartment;
import java.util.Map;

/**
 * The resource a request acts on, as policies and the audit trail see it.
 *
 * @param compartmentId where it lives; policies on that compartment or above it apply
 * @param attributes the {@code target.*} values statements' conditions can test
 * @param resources ids recorded in the audit trail ({@code keyId}, {@code vaultId}, ...)
 */
public record Target(
    String compartmentId, Map<String, String> attributes, Map<String, String> resources) {
  public static final Target TENANCY = new Target(Compartment.TENANCY, Map.of(), Map.of());

  public Target {
    attributes = Map.copyOf(attributes);
    resources = Map.copyOf(resources);
  }
}
