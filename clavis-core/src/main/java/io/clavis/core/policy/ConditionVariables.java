package io.clavis.core.policy;

import java.util.List;

/**
 * The variables a condition may compare, in their canonical lower-case spelling, which is also the
 * key of their value in {@link AccessRequest#attributes()}.
 *
 * <p>The list is closed so that a misspelt variable is a syntax error when the policy is written,
 * rather than a comparison that silently never matches.
 */
public final class ConditionVariables {
  public static final String TARGET_KEY_ID = "target.key.id";
  public static final String TARGET_KEY_NAME = "target.key.name";
  public static final String TARGET_KEY_ALGORITHM = "target.key.algorithm";
  public static final String TARGET_VAULT_ID = "target.vault.id";
  public static final String TARGET_VAULT_NAME = "target.vault.name";
  public static final String TARGET_COMPARTMENT_ID = "target.compartment.id";
  public static final String TARGET_COMPARTMENT_NAME = "target.compartment.name";
  public static final String TARGET_POLICY_NAME = "target.policy.name";
  public static final String TARGET_USER_NAME = "target.user.name";
  public static final String TARGET_GROUP_NAME = "target.group.name";
  public static final String TARGET_SERVICE_NAME = "target.service.name";
  public static final String REQUEST_OPERATION = "request.operation";
  public static final String REQUEST_PRINCIPAL_NAME = "request.principal.name";
  public static final String REQUEST_PRINCIPAL_TYPE = "request.principal.type";
  public static final String REQUEST_AUTH_METHOD = "request.auth.method";
  public static final String REQUEST_PROTOCOL = "request.protocol";

  /** Every variable, in the order above. */
  public static final List<String> ALL =
      List.of(
          TARGET_KEY_ID,
          TARGET_KEY_NAME,
          TARGET_KEY_ALGORITHM,
          TARGET_VAULT_ID,
          TARGET_VAULT_NAME,
          TARGET_COMPARTMENT_ID,
          TARGET_COMPARTMENT_NAME,
          TARGET_POLICY_NAME,
          TARGET_USER_NAME,
          TARGET_GROUP_NAME,
          TARGET_SERVICE_NAME,
          REQUEST_OPERATION,
          REQUEST_PRINCIPAL_NAME,
          REQUEST_PRINCIPAL_TYPE,
          REQUEST_AUTH_METHOD,
          REQUEST_PROTOCOL);

  private ConditionVariables() {}

  /** Whether {@code name} is a variable in its canonical lower-case spelling. */
  public static boolean isKnown(String name) {
    return ALL.contains(name);
  }
}
