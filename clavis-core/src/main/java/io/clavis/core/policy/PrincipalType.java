package io.clavis.core.policy;

/**
 * The two kinds of authenticated principal. They are separate namespaces: a user and a service may
 * share a name, and a {@code user} subject never names a service.
 */
public enum PrincipalType {
  /** A person or an application acting with a user's credentials. */
  USER,
  /** A service principal, such as another system calling Clavis on its own behalf. */
  SERVICE
}
