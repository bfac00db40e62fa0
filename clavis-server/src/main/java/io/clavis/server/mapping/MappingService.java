package io.clavis.server.mapping;

import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.IdentityService;
import io.clavis.server.identity.Principal;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Creates, changes and finds mappings; checks what a client will rely on before it is stored. */
public final class MappingService {
  public static final int MAX_NODES = 16;
  public static final int MAX_ASSIGNEES = 64;
  private static final int MAX_MAPPINGS = 10_000;

  private final RaftNode raft;
  private final StateStore store;
  private final IdentityService identities;

  public MappingService(RaftNode raft, StateStore store, IdentityService identities) {
    this.raft = raft;
    this.store = store;
    this.identities = identities;
  }

  /** What a client asks for; checked into a record by {@link #create} and {@link #replace}. */
  public record Spec(
      String description,
      List<MappingRecord.Node> nodes,
      List<String> groups,
      List<String> services) {}

  public MappingRecord create(String name, Spec spec, Principal by) {
    Ids.checkName("mapping", name);
    Instant now = Clock.now();
    MappingRecord m = checked(name, spec, 1, now, by.name());
    return raft.submit(new MappingCommands.Create(m), MappingRecord.class);
  }

  public MappingRecord replace(String name, Spec spec) {
    MappingRecord current = get(name);
    // Revision and authorship are the stored mapping's; the command keeps them.
    MappingRecord next = checked(name, spec, current.revision(), Clock.now(), current.createdBy());
    return raft.submit(new MappingCommands.Replace(next), MappingRecord.class);
  }

  public void delete(String name) {
    get(name);
    raft.submit(new MappingCommands.Delete(name), String.class);
  }

  public MappingRecord get(String name) {
    return find(name).orElseThrow(() -> ClavisException.notFound("mapping", name));
  }

  public Optional<MappingRecord> find(String name) {
    return store.read(MappingRecord.key(name), MappingRecord.class);
  }

  public List<MappingRecord> list() {
    return store.scan(MappingRecord.PREFIX, null, MAX_MAPPINGS, MappingRecord.class);
  }

  /**
   * The mapping a principal's clients follow: one that names the service itself, else the first (by
   * name) that names one of its groups; empty when none does.
   */
  public Optional<MappingRecord> assignedTo(Principal principal) {
    List<MappingRecord> all = list();
    if (principal.type() == Principal.Type.SERVICE) {
      Optional<MappingRecord> own =
          all.stream().filter(m -> m.services().contains(principal.name())).findFirst();
      if (own.isPresent()) {
        return own;
      }
    }
    return all.stream()
        .filter(m -> m.groups().stream().anyMatch(principal.groups()::contains))
        .min(Comparator.comparing(MappingRecord::name));
  }

  private MappingRecord checked(
      String name, Spec spec, long revision, Instant now, String createdBy) {
    if (spec.description() != null && spec.description().length() > 256) {
      throw ClavisException.invalid("description must be at most 256 characters");
    }
    if (spec.nodes() == null || spec.nodes().isEmpty() || spec.nodes().size() > MAX_NODES) {
      throw ClavisException.invalid("nodes must list 1 to " + MAX_NODES + " nodes");
    }
    List<MappingRecord.Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (int i = 0; i < spec.nodes().size(); i++) {
      MappingRecord.Node n = spec.nodes().get(i);
      String where = "nodes[" + i + "]";
      if (n == null || n.name() == null) {
        throw ClavisException.invalid(where + ".name is required");
      }
      Ids.checkName("node", n.name());
      String address = url(where + ".address", n.address());
      String external =
          n.externalAddress() == null ? null : url(where + ".externalAddress", n.externalAddress());
      if (!names.add(n.name())) {
        throw ClavisException.invalid(where + ": node " + n.name() + " is listed twice");
      }
      if (!addresses.add(address)) {
        throw ClavisException.invalid(where + ": address " + address + " is listed twice");
      }
      nodes.add(new MappingRecord.Node(n.name(), address, external));
    }
    List<String> groups =
        assignees("groups", spec.groups()).stream()
            .map(g -> named("group", g, () -> identities.group(g).name()))
            .distinct()
            .sorted()
            .toList();
    List<String> services =
        assignees("services", spec.services()).stream()
            .map(s -> named("service", s, () -> identities.service(s).name()))
            .distinct()
            .sorted()
            .toList();
    return new MappingRecord(
        name, spec.description(), nodes, groups, services, revision, now, now, createdBy);
  }

  /** The name of an existing group or service; a missing one is the request's mistake. */
  private static String named(String what, String nameOrId, Supplier<String> lookup) {
    try {
      return lookup.get();
    } catch (ClavisException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        throw ClavisException.invalid("no " + what + " named " + nameOrId);
      }
      throw e;
    }
  }

  private static List<String> assignees(String field, List<String> names) {
    if (names == null) {
      return List.of();
    }
    if (names.size() > MAX_ASSIGNEES) {
      throw ClavisException.invalid(field + " must list at most " + MAX_ASSIGNEES + " names");
    }
    return names;
  }

  /**
   * An absolute http(s) URL naming a host (and port), without path, query or user; no "/" at the
   * end.
   */
  static String url(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw ClavisException.invalid(field + " is required");
    }
    if (value.length() > 512) {
      throw ClavisException.invalid(field + " must be at most 512 characters");
    }
    URI uri;
    try {
      uri = new URI(value);
    } catch (URISyntaxException e) {
      throw ClavisException.invalid(field + " is not a URL: " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean bare =
        (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null
            && uri.getRawUserInfo() == null;
    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || !bare) {
      throw ClavisException.invalid(
          field + " must be a URL such as https://10.0.0.5:8443 (scheme, host and port only)");
    }
    return scheme + "://" + uri.getRawAuthority();
  }
}
