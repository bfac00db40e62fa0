package io.clavis.server.auth;

/** Who made a request: the token's id, and whether it is the root token. */
public record Principal(String id, boolean root) {
  /** For audit and {@code createdBy}: a name that identifies without revealing the token. */
  public String name() {
    return root ? "root" : "token:" + id;
  }
}
