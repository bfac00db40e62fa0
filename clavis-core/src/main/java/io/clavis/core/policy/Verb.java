package io.clavis.core.policy;

import java.util.Optional;

/**
 * What a statement lets its subjects do, from least to most powerful.
 *
 * <p>Verbs nest: each one includes every verb before it, so {@code manage} also grants {@code use},
 * {@code read} and {@code inspect}. The server maps each operation to the least verb it needs.
 */
public enum Verb {
  /** List resources and see their metadata. */
  INSPECT,
  /** Also read the contents that are safe to disclose (public keys, audit events). */
  READ,
  /** Also perform the resource's operations (encrypt, decrypt, sign). */
  USE,
  /** Also create, change and delete resources. */
  MANAGE;

  private static final Verb[] VALUES = values();

  /** Whether holding this verb is enough for an operation that requires {@code required}. */
  public boolean includes(Verb required) {
    return ordinal() >= required.ordinal();
  }

  /** Returns the spelling in statements, in lower case. */
  public String keyword() {
    return Ascii.toLowerCase(name());
  }

  /** Returns the verb spelled {@code keyword}, ignoring ASCII case; empty if none or null. */
  public static Optional<Verb> fromKeyword(String keyword) {
    if (keyword != null) {
      for (Verb verb : VALUES) {
        if (Ascii.equalsIgnoreCase(keyword, verb.keyword())) {
          return Optional.of(verb);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the verb spelled {@code keyword}, ignoring ASCII case.
   *
   * @throws IllegalArgumentException if no verb is spelled so
   */
  public static Verb parse(String keyword) {
    return fromKeyword(keyword)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "expected a verb (inspect, read, use, manage) but found "
                        + PolicySyntaxException.quote(keyword)));
  }
}
