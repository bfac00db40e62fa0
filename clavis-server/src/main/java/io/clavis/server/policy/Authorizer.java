package io.clavis.server.policy;

import io.clavis.core.policy.AccessRequest;
import io.clavis.core.policy.AttachedStatement;
import io.clavis.core.policy.CompartmentRef;
import io.clavis.core.policy.PolicyParser;
import io.clavis.core.policy.PolicySet;
import io.clavis.core.policy.PolicySyntaxException;
import io.clavis.core.policy.ResourceType;
import io.clavis.core.policy.Verb;
import io.clavis.server.error.ClavisException;
import io.clavis.server.identity.Principal;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a principal may do something, from the policies in the replicated state. The
 * policies and the compartment tree are compiled once and kept until a command that changes them is
 * applied (the state machine calls {@link #invalidate()}), so a decision reads no storage.
 */
public final class Authorizer {
  private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

  private final StateStore store;
  private volatile Model model;

  public Authorizer(StateStore store) {
    this.store = store;
  }

  /** The compiled state: compartments by id, their paths from the tenancy, and the statements. */
  private record Model(
      Map<String, Compartment> compartments,
      Map<String, List<CompartmentRef>> paths,
      PolicySet policies) {}

  /** Policies or compartments changed: compile again on the next decision. */
  public void invalidate() {
    model = null;
  }

  /** The first statement allowing the request, or empty. Root is never asked about. */
  public Optional<AttachedStatement> allowing(
      Principal principal,
      String operation,
      Verb verb,
      ResourceType resource,
      String compartmentId,
      Map<String, String> targetAttributes) {
    if (principal.root()) {
      throw new IllegalArgumentException("root bypasses policies");
    }
    List<CompartmentRef> path = path(compartmentId);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    Map<String, String> attributes = new HashMap<>(targetAttributes);
    attributes.put("request.operation", operation);
    attributes.put("request.principal.name", principal.name());
    attributes.put("request.principal.type", principal.type().name().toLowerCase());
    attributes.put("request.auth.method", principal.authMethod());
    // KMIP operations are named kmip.*; everything else arrives over REST.
    attributes.put("request.protocol", operation.startsWith("kmip.") ? "kmip" : "rest");
    return model()
        .policies()
        .allowing(new AccessRequest(principal.ref(), verb, resource, path, attributes));
  }

  /** The compartments from the tenancy down to {@code compartmentId}; empty if it is unknown. */
  public List<CompartmentRef> path(String compartmentId) {
    Model m = model();
    List<CompartmentRef> cached = m.paths().get(compartmentId);
    if (cached != null) {
      return cached;
    }
    List<CompartmentRef> path = new ArrayList<>();
    String id = compartmentId;
    while (id != null && path.size() < 64) {
      Compartment c = m.compartments().get(id);
      if (c == null) {
        return List.of();
      }
      path.add(new CompartmentRef(c.id(), c.name()));
      id = c.parentId();
    }
    Collections.reverse(path);
    List<CompartmentRef> result = List.copyOf(path);
    m.paths().put(compartmentId, result);
    return result;
  }

  /** The names of the policies with a statement naming this subject (deletion checks). */
  public List<String> policiesNaming(io.clavis.core.policy.Subject subject) {
    return model().policies().statements().stream()
        .filter(s -> s.statement().subjects().contains(subject))
        .map(AttachedStatement::policyName)
        .distinct()
        .sorted()
        .toList();
  }

  /** A compartment by id from the compiled tree. */
  public Optional<Compartment> compartment(String id) {
    return Optional.ofNullable(model().compartments().get(id));
  }

  /** The children of a compartment. */
  public List<Compartment> children(String parentId) {
    return model().compartments().values().stream()
        .filter(c -> parentId.equals(c.parentId()))
        .toList();
  }

  private Model model() {
    Model m = model;
    if (m == null) {
      m = compile();
      model = m;
    }
    return m;
  }

  private Model compile() {
    Map<String, Compartment> compartments = new HashMap<>();
    for (Compartment c : store.scan("compartment/", null, 1_000_000, Compartment.class)) {
      compartments.put(c.id(), c);
    }
    List<AttachedStatement> statements = new ArrayList<>();
    addStatements(statements, PolicyRecord.BUILT_IN);
    for (PolicyRecord p : store.scan("policy/", null, 1_000_000, PolicyRecord.class)) {
      addStatements(statements, p);
    }
    return new Model(compartments, new ConcurrentHashMap<>(), PolicySet.of(statements));
  }

  private static void addStatements(List<AttachedStatement> out, PolicyRecord p) {
    for (int i = 0; i < p.statements().size(); i++) {
      try {
        out.add(
            new AttachedStatement(
                p.id(), p.name(), i, p.compartmentId(), PolicyParser.parse(p.statements().get(i))));
      } catch (PolicySyntaxException e) {
        // Statements are checked before they are stored; one that no longer parses (a future
        // grammar change) grants nothing rather than stopping every decision.
        LOG.warn("policy {} statement {} is ignored: {}", p.name(), i + 1, e.getMessage());
      }
    }
  }

  /** Thrown text for a refused request: what was needed, where, and by whom. */
  public static ClavisException forbidden(
      Principal p, String operation, Verb verb, ResourceType resource, String where) {
    return new ClavisException(
        io.clavis.server.error.ErrorCode.FORBIDDEN,
        p.name()
            + " may not "
            + verb.keyword()
            + " "
            + resource.keyword()
            + " in "
            + where
            + " ("
            + operation
            + "): no policy allows it");
  }
}
