package io.clavis.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A statement as stored: with the policy it belongs to, for reporting which grant allowed a
 * request, and the compartment that policy is attached to, which its locations are relative to.
 *
 * @param policyId the id of the policy holding the statement
 * @param policyName the name of that policy
 * @param index the 0-based position of the statement within the policy
 * @param compartmentId the id of the compartment the policy is attached to
 * @param statement the statement
 */
public record AttachedStatement(
    String policyId,
    String policyName,
    int index,
    String compartmentId,
    PolicyStatement statement) {

  /** Checks for nulls and a negative index. */
  public AttachedStatement {
    Objects.requireNonNull(policyId, "policyId");
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(compartmentId, "compartmentId");
    Objects.requireNonNull(statement, "statement");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
  }

  /** Whether this statement allows {@code request}: it names the principal and the rest applies. */
  public boolean allows(AccessRequest request) {
    List<Subject> subjects = statement.subjects();
    for (int i = 0; i < subjects.size(); i++) {
      if (subjects.get(i).names(request.principal())) {
        return appliesTo(request);
      }
    }
    return false;
  }

  /**
   * Whether everything but the subjects allows {@code request}: verb, resource type, location
   * (relative to the attachment, which must lie on the request's path) and condition. Cheapest
   * checks first, since this runs on every request.
   */
  boolean appliesTo(AccessRequest request) {
    if (!statement.verb().includes(request.verb())
        || !statement.resource().covers(request.resource())) {
      return false;
    }
    List<CompartmentRef> path = request.compartmentPath();
    int attachment = indexOf(path, compartmentId);
    if (attachment < 0 || !statement.location().covers(path, attachment)) {
      return false;
    }
    Condition condition = statement.condition();
    return condition == null || condition.test(request.attributes());
  }

  private static int indexOf(List<CompartmentRef> path, String id) {
    for (int i = 0; i < path.size(); i++) {
      if (path.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }
}
