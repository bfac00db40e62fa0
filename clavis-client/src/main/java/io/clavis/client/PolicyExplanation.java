package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code POST /v1/policies/explain}: whether a principal may do an operation, and
 * which statement allows it or why nothing does.
 *
 * @param principal the principal's name
 * @param principalType {@code user} or {@code service}
 * @param groups the groups the principal belongs to
 * @param operation the operation as the audit trail names it, such as {@code key.encrypt}
 * @param permission what the operation needs, such as {@code use keys}; null for operations that
 *     any authenticated principal may call
 * @param compartmentId the compartment the decision was made in; null as for {@code permission}
 * @param statement the statement that allows it, or null when denied
 * @param reason a sentence saying why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PolicyExplanation(
    String principal,
    String principalType,
    List<String> groups,
    String operation,
    String permission,
    String compartmentId,
    boolean allowed,
    Statement statement,
    String reason) {
  public PolicyExplanation {
    groups = groups == null ? List.of() : List.copyOf(groups);
  }

  /**
   * The statement that allows the operation.
   *
   * @param index the statement's 1-based position in its policy
   * @param text the statement in canonical form
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Statement(String policyId, String policyName, int index, String text) {}
}
