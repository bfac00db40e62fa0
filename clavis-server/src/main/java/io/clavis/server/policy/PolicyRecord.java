package io.clavis.server.policy;

import io.clavis.server.vault.Compartment;
import java.time.Instant;
import java.util.List;

/** A named list of statements attached to a compartment; it applies to that subtree. */
public record PolicyRecord(
    String id,
    String name,
    String compartmentId,
    String description,
    List<String> statements,
    boolean builtIn,
    Instant createdAt,
    Instant updatedAt,
    String createdBy) {

  public PolicyRecord {
    statements = List.copyOf(statements);
  }

  public static String key(String id) {
    return "policy/" + id;
  }

  static String nameKey(String name) {
    return "policy-name/" + name;
  }

  /** Index of the policies attached to a compartment (a compartment with policies stays). */
  public static String compartmentKey(String compartmentId, String policyId) {
    return compartmentPrefix(compartmentId) + policyId;
  }

  public static String compartmentPrefix(String compartmentId) {
    return "policy-compartment/" + compartmentId + "/";
  }

  /**
   * The grants of the built-in groups. They keep duties apart as Oracle Key Vault's roles do: the
   * key administrators cannot read the audit trail and the audit managers cannot touch keys.
   */
  public static final PolicyRecord BUILT_IN =
      new PolicyRecord(
          "policy_built-in",
          "built-in",
          Compartment.TENANCY,
          "The grants of the built-in groups system-admins, key-admins and audit-managers.",
          List.of(
              "allow group system-admins to manage cluster in tenancy",
              "allow group system-admins to manage users in tenancy",
              "allow group system-admins to manage groups in tenancy",
              "allow group system-admins to manage services in tenancy",
              "allow group system-admins to manage compartments in tenancy",
              "allow group system-admins to manage policies in tenancy",
              "allow group key-admins to manage key-family in tenancy",
              "allow group key-admins to inspect compartments in tenancy",
              "allow group audit-managers to read audit-events in tenancy",
              "allow group audit-managers to inspect users in tenancy",
              "allow group audit-managers to inspect services in tenancy",
              "allow group audit-managers to inspect groups in tenancy"),
          true,
          Instant.EPOCH,
          Instant.EPOCH,
          "clavis");

  PolicyRecord withStatements(List<String> newStatements, String newDescription, Instant at) {
    return new PolicyRecord(
        id, name, compartmentId, newDescription, newStatements, false, createdAt, at, createdBy);
  }
}
