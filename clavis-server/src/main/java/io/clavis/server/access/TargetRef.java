package io.clavis.server.access;

/**
 * Where a request names the resource it acts on: which kind of resource, and which path parameter,
 * body field or query parameter holds its id.
 */
public record TargetRef(TargetKind kind, Source source, String field) {

  /** The kinds of resource a target can be. */
  public enum TargetKind {
    /** A key: its compartment, vault and name. */
    KEY,
    /** A vault: its compartment. */
    VAULT,
    /** A compartment itself; absent means the tenancy. */
    COMPARTMENT,
    /** The parent of a compartment (creating and deleting one is decided there). */
    COMPARTMENT_PARENT,
    /** A policy: the compartment it is attached to. */
    POLICY,
    /** A ciphertext: the key named in its header. */
    CIPHERTEXT,
    /**
     * The key a decryption names: one that does not exist resolves to nothing, so the decryption
     * fails with the same answer as any other undecryptable input.
     */
    DECRYPTION_KEY
  }

  /** Where the id is in the request. */
  public enum Source {
    PATH,
    BODY,
    QUERY
  }

  public static TargetRef path(TargetKind kind, String param) {
    return new TargetRef(kind, Source.PATH, param);
  }

  public static TargetRef body(TargetKind kind, String field) {
    return new TargetRef(kind, Source.BODY, field);
  }

  public static TargetRef query(TargetKind kind, String param) {
    return new TargetRef(kind, Source.QUERY, param);
  }

  /** The common case: a key named by the {id} path parameter. */
  public static final TargetRef KEY_IN_PATH = path(TargetKind.KEY, "id");

  /** A key named by the {id} path parameter of a decryption. */
  public static final TargetRef DECRYPTION_KEY_IN_PATH = path(TargetKind.DECRYPTION_KEY, "id");
}
