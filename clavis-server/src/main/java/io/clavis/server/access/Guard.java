package io.clavis.server.access;

import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;

/**
 * What an operation needs of its caller, and its name in the audit trail. Every route declares one,
 * so the permission an operation requires is written next to the operation.
 *
 * @param operation the audit name, {@code <resource>.<action>} such as {@code key.encrypt}
 * @param kind how the caller is checked
 * @param verb the verb a policy must grant (AUTHORIZED and FILTERED)
 * @param resource the resource type a policy must name (AUTHORIZED and FILTERED)
 * @param target where the resource acted on is found (AUTHORIZED); null means the tenancy
 * @param audited false only for probes (health, seal status, the API document)
 */
public record Guard(
    String operation,
    Kind kind,
    Verb verb,
    ResourceType resource,
    TargetRef target,
    boolean audited) {

  /** How a caller is checked. */
  public enum Kind {
    /** Anyone, sealed or not. */
    PUBLIC,
    /** Anyone, once the node is unsealed (logging in). */
    ANONYMOUS,
    /** Any authenticated principal; the endpoint itself checks anything more. */
    AUTHENTICATED,
    /** A policy must grant {@code verb} on {@code resource} where the target lives. */
    AUTHORIZED,
    /** A listing: the endpoint shows only the items a policy lets the caller see. */
    FILTERED
  }

  /** A probe: anyone may call it and it is not audited. */
  public static Guard probe(String operation) {
    return new Guard(operation, Kind.PUBLIC, null, null, null, false);
  }

  /** Anyone may call it; it is audited. */
  public static Guard open(String operation) {
    return new Guard(operation, Kind.PUBLIC, null, null, null, true);
  }

  /** Anyone may call it once the node is unsealed; it is audited. */
  public static Guard anonymous(String operation) {
    return new Guard(operation, Kind.ANONYMOUS, null, null, null, true);
  }

  /**
   * Any authenticated principal, not audited: the clients' periodic health and mapping check, which
   * would otherwise fill the audit trail with one record per client every few seconds.
   */
  public static Guard heartbeat(String operation) {
    return new Guard(operation, Kind.AUTHENTICATED, null, null, null, false);
  }

  public static Guard authenticated(String operation) {
    return new Guard(operation, Kind.AUTHENTICATED, null, null, null, true);
  }

  /** {@code verb} on {@code resource} in the tenancy (identities, the cluster, the audit trail). */
  public static Guard tenancy(String operation, Verb verb, ResourceType resource) {
    return new Guard(operation, Kind.AUTHORIZED, verb, resource, null, true);
  }

  /** {@code verb} on {@code resource} where {@code target} lives. */
  public static Guard on(String operation, Verb verb, ResourceType resource, TargetRef target) {
    return new Guard(operation, Kind.AUTHORIZED, verb, resource, target, true);
  }

  public static Guard filtered(String operation, Verb verb, ResourceType resource) {
    return new Guard(operation, Kind.FILTERED, verb, resource, null, true);
  }

  /** "use keys", for messages and documents; null when no policy is involved. */
  public String permission() {
    return verb == null ? null : verb.keyword() + " " + resource.keyword();
  }
}
