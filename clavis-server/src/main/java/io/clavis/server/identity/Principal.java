package io.clavis.server.identity;

import io.clavis.core.policy.PrincipalRef;
import io.clavis.core.policy.PrincipalType;
import java.util.Set;

/**
 * Who made a request, as authentication established it.
 *
 * @param id the user's or service's id; {@code root} for the root token
 * @param name the unique name shown in audit records and {@code createdBy}
 * @param type what kind of principal this is
 * @param groups the names of the groups it belongs to at the time of the request
 * @param authMethod how it proved who it is: {@code root-token}, {@code token}, {@code password},
 *     {@code certificate}
 * @param tokenId the token it presented, or null
 */
public record Principal(
    String id, String name, Type type, Set<String> groups, String authMethod, String tokenId) {
  public static final String ROOT_NAME = "root";

  /** The kinds of principal. */
  public enum Type {
    ROOT,
    USER,
    SERVICE
  }

  public Principal {
    groups = Set.copyOf(groups);
  }

  /** The root token's principal: it bypasses policies, and every use is audited. */
  public static Principal root(String tokenId) {
    return new Principal(ROOT_NAME, ROOT_NAME, Type.ROOT, Set.of(), "root-token", tokenId);
  }

  public boolean root() {
    return type == Type.ROOT;
  }

  /** The principal as the policy language sees it; null for root, which no statement names. */
  public PrincipalRef ref() {
    return switch (type) {
      case ROOT -> null;
      case USER -> new PrincipalRef(PrincipalType.USER, name, groups);
      case SERVICE -> new PrincipalRef(PrincipalType.SERVICE, name, groups);
    };
  }
}
