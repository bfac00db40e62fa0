package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * A named list of statements attached to a compartment ({@code /v1/policies}); it grants in that
 * compartment and below. Statements read like {@code allow group apps to use keys in compartment
 * Prod}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Policy(
    String id,
    String name,
    String compartmentId,
    String description,
    List<String> statements,
    boolean builtIn,
    Instant createdAt,
    Instant updatedAt,
    String createdBy) {
  public Policy {
    statements = statements == null ? List.of() : List.copyOf(statements);
  }
}
