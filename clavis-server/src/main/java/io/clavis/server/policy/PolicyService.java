package io.clavis.server.policy;

import io.clavis.core.policy.CompartmentRef;
import io.clavis.core.policy.Location;
import io.clavis.core.policy.PolicyParser;
import io.clavis.core.policy.PolicyStatement;
import io.clavis.core.policy.PolicySyntaxException;
import io.clavis.core.policy.Subject;
import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Policies: statements are parsed and checked against the current compartments and identities
 * before they are stored, so that a typo is refused with its position instead of silently granting
 * nothing.
 */
public final class PolicyService {
  public static final int MAX_STATEMENTS = 100;

  private final RaftNode raft;
  private final StateStore store;
  private final Authorizer authorizer;
  private final IdentityService identities;

  public PolicyService(
      RaftNode raft, StateStore store, Authorizer authorizer, IdentityService identities) {
    this.raft = raft;
    this.store = store;
    this.authorizer = authorizer;
    this.identities = identities;
  }

  public PolicyRecord create(
      String name,
      String compartmentId,
      String description,
      List<String> statements,
      Principal by) {
    Ids.checkName("policy", name);
    String attachedTo = compartmentId == null ? Compartment.TENANCY : compartmentId;
    checkDescription(description);
    check(attachedTo, statements);
    var now = Clock.now();
    PolicyRecord p =
        new PolicyRecord(
            Ids.newId("policy"),
            name,
            attachedTo,
            description,
            statements,
            false,
            now,
            now,
            by.name());
    return raft.submit(new PolicyCommands.Create(p), PolicyRecord.class);
  }

  public PolicyRecord update(String nameOrId, List<String> statements, String description) {
    PolicyRecord p = get(nameOrId);
    if (p.builtIn()) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "the built-in policy cannot be changed");
    }
    checkDescription(description);
    check(p.compartmentId(), statements);
    return raft.submit(
        new PolicyCommands.Update(
            p.id(), statements, description == null ? p.description() : description, Clock.now()),
        PolicyRecord.class);
  }

  public void delete(String nameOrId) {
    PolicyRecord p = get(nameOrId);
    if (p.builtIn()) {
      throw new ClavisException(ErrorCode.INVALID_STATE, "the built-in policy cannot be deleted");
    }
    raft.submit(new PolicyCommands.Delete(p.id()), String.class);
  }

  public PolicyRecord get(String nameOrId) {
    if (PolicyRecord.BUILT_IN.id().equals(nameOrId)
        || PolicyRecord.BUILT_IN.name().equals(nameOrId)) {
      return PolicyRecord.BUILT_IN;
    }
    Optional<PolicyRecord> byId =
        nameOrId == null || nameOrId.length() > 200
            ? Optional.empty()
            : store.read(PolicyRecord.key(nameOrId), PolicyRecord.class);
    return byId.or(
            () ->
                store
                    .read(PolicyRecord.nameKey(nameOrId), String.class)
                    .flatMap(id -> store.read(PolicyRecord.key(id), PolicyRecord.class)))
        .orElseThrow(() -> ClavisException.notFound("policy", nameOrId));
  }

  /** The built-in policy first, then the stored ones in id order. */
  public List<PolicyRecord> list() {
    List<PolicyRecord> out = new ArrayList<>();
    out.add(PolicyRecord.BUILT_IN);
    out.addAll(store.scan("policy/", null, 100_000, PolicyRecord.class));
    return out;
  }

  private static void checkDescription(String description) {
    if (description != null && description.length() > 1024) {
      throw ClavisException.invalid("description must be at most 1024 characters");
    }
  }

  /** Parses every statement and checks that what it names exists where it must. */
  private void check(String attachedTo, List<String> statements) {
    if (statements == null || statements.isEmpty() || statements.size() > MAX_STATEMENTS) {
      throw ClavisException.invalid(
          "statements must list 1 to " + MAX_STATEMENTS + " policy statements");
    }
    List<CompartmentRef> attachment = authorizer.path(attachedTo);
    if (attachment.isEmpty()) {
      throw ClavisException.notFound("compartment", attachedTo);
    }
    for (int i = 0; i < statements.size(); i++) {
      String prefix = "statement " + (i + 1) + ": ";
      PolicyStatement s;
      try {
        s = PolicyParser.parse(statements.get(i));
      } catch (PolicySyntaxException e) {
        throw new ClavisException(ErrorCode.INVALID_POLICY, prefix + e.getMessage());
      }
      String problem = problem(s, attachedTo, attachment);
      if (problem != null) {
        throw new ClavisException(ErrorCode.INVALID_POLICY, prefix + problem);
      }
    }
  }

  private String problem(PolicyStatement s, String attachedTo, List<CompartmentRef> attachment) {
    for (Subject subject : s.subjects()) {
      String missing = missingSubject(subject);
      if (missing != null) {
        return missing;
      }
    }
    String here = attachment.get(attachment.size() - 1).name();
    return switch (s.location()) {
      case Location.Tenancy t ->
          Compartment.TENANCY.equals(attachedTo)
              ? null
              : "a policy attached to compartment "
                  + here
                  + " grants only in "
                  + here
                  + " and below: 'in tenancy' is not allowed";
      case Location.CompartmentPath p -> {
        String parent = attachedTo;
        for (String name : p.names()) {
          final String under = parent;
          Optional<Compartment> child =
              authorizer.children(under).stream().filter(c -> c.name().equals(name)).findFirst();
          if (child.isEmpty()) {
            yield "no compartment named "
                + name
                + " under "
                + authorizer.compartment(under).map(Compartment::name).orElse(under);
          }
          parent = child.get().id();
        }
        yield null;
      }
      case Location.CompartmentId c -> {
        List<CompartmentRef> path = authorizer.path(c.id());
        yield path.stream().anyMatch(r -> r.id().equals(attachedTo))
            ? null
            : path.isEmpty()
                ? "no compartment with id " + c.id()
                : "compartment " + c.id() + " is not in " + here + " or below";
      }
    };
  }

  private String missingSubject(Subject subject) {
    try {
      switch (subject.kind()) {
        case GROUP -> identities.group(subject.name());
        case USER -> identities.user(subject.name());
        case SERVICE -> identities.service(subject.name());
        case ANY_USER -> {
          // always exists
        }
      }
      return null;
    } catch (ClavisException e) {
      return "no " + subject.kind().name().toLowerCase() + " named " + subject.name();
    }
  }
}
