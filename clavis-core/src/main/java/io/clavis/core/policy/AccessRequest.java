package io.clavis.core.policy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What policies are asked about: may this principal perform an operation needing this verb on a
 * resource of this type, held in this compartment, with these attributes?
 *
 * @param principal who asks
 * @param verb the least verb the operation needs
 * @param resource the concrete type of the target, never a family
 * @param compartmentPath the compartments from the tenancy root (first) down to the one holding the
 *     target (last); copied, unmodifiable, never empty, ids distinct
 * @param attributes the values of the {@linkplain ConditionVariables condition variables} known for
 *     this request, keyed by variable; copied without null values (a null value is no value, as if
 *     the variable were absent), unmodifiable
 */
public record AccessRequest(
    PrincipalRef principal,
    Verb verb,
    ResourceType resource,
    List<CompartmentRef> compartmentPath,
    Map<String, String> attributes) {

  /**
   * Checks and copies the parts.
   *
   * @throws IllegalArgumentException if the resource is a family, the path does not start at the
   *     tenancy root or repeats an id, or an attribute is not a known variable
   */
  public AccessRequest {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(resource, "resource");
    compartmentPath = List.copyOf(compartmentPath);
    attributes = withoutNullValues(attributes);
    if (resource.isFamily()) {
      throw new IllegalArgumentException(
          "a request names a concrete resource type, not " + resource.keyword());
    }
    if (compartmentPath.isEmpty() || !compartmentPath.get(0).isTenancy()) {
      throw new IllegalArgumentException(
          "the compartment path must start at the tenancy root, id " + CompartmentRef.TENANCY_ID);
    }
    Set<String> ids = new HashSet<>();
    for (CompartmentRef compartment : compartmentPath) {
      if (!ids.add(compartment.id())) {
        throw new IllegalArgumentException(
            "the compartment path repeats " + PolicySyntaxException.quote(compartment.id()));
      }
    }
    for (String variable : attributes.keySet()) {
      if (!ConditionVariables.isKnown(variable)) {
        throw new IllegalArgumentException(
            "unknown attribute " + PolicySyntaxException.quote(variable));
      }
    }
  }

  private static Map<String, String> withoutNullValues(Map<String, String> attributes) {
    // Not containsValue(null): immutable maps throw on it.
    if (attributes.values().stream().allMatch(Objects::nonNull)) {
      return Map.copyOf(attributes);
    }
    Map<String, String> present = new HashMap<>();
    attributes.forEach(
        (variable, value) -> {
          if (value != null) {
            present.put(variable, value);
          }
        });
    return Map.copyOf(present);
  }

  /** Returns the compartment that holds the target, the last one on the path. */
  public CompartmentRef compartment() {
    return compartmentPath.get(compartmentPath.size() - 1);
  }
}
