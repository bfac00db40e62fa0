package io.clavis.server.identity;

import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import io.clavis.server.tls.Fingerprints;
import io.clavis.server.tls.Pem;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Users, services and groups, and the two ways a caller proves who it is besides a token: a
 * password (login) and a TLS client certificate (services).
 */
public final class IdentityService {
  /** Wrong passwords in a row before a user is locked. */
  public static final int MAX_FAILED_LOGINS = 5;

  /** How long a lockout lasts unless an administrator lifts it. */
  public static final Duration LOCKOUT = Duration.ofMinutes(15);

  /** Lifetime of a login session token unless the caller asks for less. */
  public static final Duration LOGIN_TTL = Duration.ofHours(8);

  private static final int MAX_GROUPS = 100;
  private static final int MAX_MEMBERS_PER_CHANGE = 1000;
  private static final int CACHE_LIMIT = 10_000;
  private static final int MAX_PURGE = 1_000;

  private final RaftNode raft;
  private final StateStore store;
  private final TokenService tokens;
  private final Map<String, Principal> principals = new ConcurrentHashMap<>();

  public IdentityService(RaftNode raft, StateStore store, TokenService tokens) {
    this.raft = raft;
    this.store = store;
    this.tokens = tokens;
  }

  /** Forgets cached principals and tokens: an identity command was applied. */
  public void invalidate() {
    principals.clear();
    tokens.invalidate();
  }

  // ------------------------------------------------------------------ authentication

  /** The principal behind a bearer token. */
  public Principal authenticateToken(String secret) {
    TokenRecord t = tokens.authenticate(secret);
    if (t.root()) {
      return Principal.root(t.id());
    }
    Principal p = principal(t.principalId());
    if (p == null) {
      throw new ClavisException(ErrorCode.UNAUTHENTICATED, "unknown or expired token");
    }
    return new Principal(p.id(), p.name(), p.type(), p.groups(), "token", t.id());
  }

  /** The service whose registered certificate the caller presented, if any. */
  public Optional<Principal> authenticateCertificate(X509Certificate cert) {
    if (cert == null) {
      return Optional.empty();
    }
    Optional<String> id =
        store.read(ServiceRecord.certificateKey(Fingerprints.sha256(cert)), String.class);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      cert.checkValidity();
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new ClavisException(
          ErrorCode.UNAUTHENTICATED, "the client certificate is expired or not yet valid");
    }
    Principal p = principal(id.get());
    return p == null
        ? Optional.empty()
        : Optional.of(new Principal(p.id(), p.name(), p.type(), p.groups(), "certificate", null));
  }

  /** Checks a password and issues a session token; wrong guesses count towards a lockout. */
  public TokenService.IssuedToken login(String name, String password, Duration ttl) {
    if (ttl.compareTo(LOGIN_TTL) > 0) {
      throw ClavisException.invalid("a login session lasts at most " + LOGIN_TTL.toHours() + "h");
    }
    Optional<UserRecord> user = findUser(name);
    if (user.isEmpty() || user.get().passwordHash() == null) {
      PasswordHasher.burn(password);
      throw wrongPassword();
    }
    UserRecord u = user.get();
    Instant now = Clock.now();
    if (u.lockedAt(now)) {
      throw new ClavisException(
          ErrorCode.ACCOUNT_LOCKED,
          "user " + u.name() + " is locked after repeated failed logins until " + u.lockedUntil());
    }
    if (!PasswordHasher.matches(password, u.passwordHash())) {
      raft.submit(
          new IdentityCommands.LoginFailed(u.id(), now, MAX_FAILED_LOGINS, LOCKOUT), String.class);
      throw wrongPassword();
    }
    Principal self = principal(u.id());
    return tokens.issue(ttl, "login", self, u.id(), false, u.id());
  }

  private static ClavisException wrongPassword() {
    return new ClavisException(ErrorCode.UNAUTHENTICATED, "wrong name or password");
  }

  /** A user or service as a principal (with its groups), or null if there is none. */
  public Principal principal(String id) {
    if (id == null) {
      return null;
    }
    Principal cached = principals.get(id);
    if (cached != null) {
      return cached;
    }
    Principal p =
        store
            .read(UserRecord.key(id), UserRecord.class)
            .map(
                u ->
                    new Principal(u.id(), u.name(), Principal.Type.USER, set(u.groups()), "", null))
            .or(
                () ->
                    store
                        .read(ServiceRecord.key(id), ServiceRecord.class)
                        .map(
                            s ->
                                new Principal(
                                    s.id(),
                                    s.name(),
                                    Principal.Type.SERVICE,
                                    set(s.groups()),
                                    "",
                                    null)))
            .orElse(null);
    if (p != null) {
      if (principals.size() >= CACHE_LIMIT) {
        principals.clear();
      }
      principals.put(id, p);
    }
    return p;
  }

  /** A user or service named or identified by {@code nameOrId}. */
  public Principal requirePrincipal(String nameOrId) {
    String id = idOf(nameOrId, null);
    Principal p = id == null ? null : principal(id);
    if (p == null) {
      throw ClavisException.notFound("user or service", nameOrId);
    }
    return p;
  }

  // ------------------------------------------------------------------ users

  public UserRecord createUser(String name, List<String> groups, String password, Principal by) {
    Ids.checkName("user", name);
    if (password != null) {
      PasswordHasher.checkStrength(password);
    }
    UserRecord u =
        new UserRecord(
            Ids.newId("user"),
            name,
            groupNames(groups),
            password == null ? null : PasswordHasher.hash(password),
            0,
            null,
            Clock.now(),
            by.name());
    return raft.submit(new IdentityCommands.CreateUser(u), UserRecord.class);
  }

  public UserRecord user(String nameOrId) {
    return findUser(nameOrId).orElseThrow(() -> ClavisException.notFound("user", nameOrId));
  }

  private Optional<UserRecord> findUser(String nameOrId) {
    String id = idOf(nameOrId, IdentityCommands.NameEntry.USER);
    return id == null ? Optional.empty() : store.read(UserRecord.key(id), UserRecord.class);
  }

  public List<UserRecord> users() {
    return store.scan("user/", null, 100_000, UserRecord.class);
  }

  public void setPassword(String nameOrId, String password) {
    PasswordHasher.checkStrength(password);
    UserRecord u = user(nameOrId);
    raft.submit(
        new IdentityCommands.SetPassword(u.id(), PasswordHasher.hash(password)), String.class);
  }

  /** Whether a password is the user's current one (false when none is set or given). */
  public boolean passwordMatches(UserRecord user, String password) {
    return password != null && PasswordHasher.matches(password, user.passwordHash());
  }

  public UserRecord unlock(String nameOrId) {
    return raft.submit(new IdentityCommands.Unlock(user(nameOrId).id()), UserRecord.class);
  }

  // ------------------------------------------------------------------ services

  public ServiceRecord createService(
      String name, List<String> groups, String certificatePem, Principal by) {
    Ids.checkName("service", name);
    String fingerprint = null;
    if (certificatePem != null) {
      if (certificatePem.length() > 64 * 1024) {
        throw ClavisException.invalid("certificatePem must be at most 64 KiB");
      }
      X509Certificate cert;
      try {
        cert = Pem.parseCertificate(certificatePem);
      } catch (IllegalArgumentException e) {
        throw ClavisException.invalid("certificatePem is not a PEM X.509 certificate");
      }
      certificatePem = Pem.certificate(cert);
      fingerprint = Fingerprints.sha256(cert);
    }
    ServiceRecord s =
        new ServiceRecord(
            Ids.newId("service"),
            name,
            groupNames(groups),
            certificatePem,
            fingerprint,
            Clock.now(),
            by.name());
    return raft.submit(new IdentityCommands.CreateService(s), ServiceRecord.class);
  }

  public ServiceRecord service(String nameOrId) {
    String id = idOf(nameOrId, IdentityCommands.NameEntry.SERVICE);
    return (id == null
            ? Optional.<ServiceRecord>empty()
            : store.read(ServiceRecord.key(id), ServiceRecord.class))
        .orElseThrow(() -> ClavisException.notFound("service", nameOrId));
  }

  public List<ServiceRecord> services() {
    return store.scan("service/", null, 100_000, ServiceRecord.class);
  }

  // ------------------------------------------------------------------ users and services

  public void deletePrincipal(String id) {
    raft.submit(new IdentityCommands.DeletePrincipal(id), String.class);
  }

  /** A token acting for a user or service. */
  public TokenService.IssuedToken issueToken(
      String principalId, Duration ttl, String description, Principal by) {
    return tokens.issue(ttl, description, by, principalId, false);
  }

  public List<TokenRecord.Info> tokensOf(String principalId) {
    List<TokenRecord.Info> out = new ArrayList<>();
    for (String hash :
        store.scan(TokenRecord.ownerPrefix(principalId), null, 10_000, String.class)) {
      store.read(TokenRecord.key(hash), TokenRecord.class).ifPresent(t -> out.add(t.info()));
    }
    return out;
  }

  /** The owner of a token (null for root tokens). */
  public Optional<TokenRecord> token(String tokenId) {
    return store
        .read(TokenRecord.idKey(tokenId), String.class)
        .flatMap(hash -> store.read(TokenRecord.key(hash), TokenRecord.class));
  }

  /**
   * The leader's maintenance: expired tokens are refused already; this removes them from storage
   * and from their principal's token list (at most {@code MAX_PURGE} per run).
   */
  public void purgeExpiredTokens(Instant now) {
    int purged = 0;
    for (TokenRecord t : store.scan("token/", null, 100_000, TokenRecord.class)) {
      if (purged >= MAX_PURGE) {
        return;
      }
      if (t.expiredAt(now)) {
        try {
          raft.submit(new IdentityCommands.RevokeToken(t.id()), String.class);
          purged++;
        } catch (ClavisException e) {
          // Revoked meanwhile, or no quorum: the next run tries again.
        }
      }
    }
  }

  public void revokeToken(String tokenId) {
    raft.submit(new IdentityCommands.RevokeToken(tokenId), String.class);
  }

  // ------------------------------------------------------------------ groups

  public GroupRecord createGroup(String name, String description, Principal by) {
    Ids.checkName("group", name);
    if (description != null && description.length() > 256) {
      throw ClavisException.invalid("description must be at most 256 characters");
    }
    GroupRecord g =
        new GroupRecord(Ids.newId("group"), name, description, false, Clock.now(), by.name());
    return raft.submit(new IdentityCommands.CreateGroup(g), GroupRecord.class);
  }

  public GroupRecord group(String nameOrId) {
    Optional<GroupRecord> builtIn = GroupRecord.builtIn(nameOrId);
    if (builtIn.isPresent()) {
      return builtIn.get();
    }
    String id = idOf(nameOrId, IdentityCommands.NameEntry.GROUP);
    return (id == null
            ? Optional.<GroupRecord>empty()
            : store.read(GroupRecord.key(id), GroupRecord.class))
        .orElseThrow(() -> ClavisException.notFound("group", nameOrId));
  }

  public List<GroupRecord> groups() {
    List<GroupRecord> out = new ArrayList<>(GroupRecord.BUILT_IN);
    out.addAll(store.scan("group/", null, 100_000, GroupRecord.class));
    return out;
  }

  /** The names of a group's members, users first. */
  public List<String> members(GroupRecord g) {
    List<String> out = new ArrayList<>();
    users().stream().filter(u -> u.groups().contains(g.name())).forEach(u -> out.add(u.name()));
    services().stream().filter(s -> s.groups().contains(g.name())).forEach(s -> out.add(s.name()));
    return out;
  }

  /** Every group's members (names, users first), from one pass over users and services. */
  public Map<String, List<String>> membersByGroup() {
    Map<String, List<String>> out = new java.util.HashMap<>();
    users()
        .forEach(
            u ->
                u.groups()
                    .forEach(g -> out.computeIfAbsent(g, k -> new ArrayList<>()).add(u.name())));
    services()
        .forEach(
            s ->
                s.groups()
                    .forEach(g -> out.computeIfAbsent(g, k -> new ArrayList<>()).add(s.name())));
    return out;
  }

  public void deleteGroup(String nameOrId) {
    GroupRecord g = group(nameOrId);
    if (g.builtIn()) {
      throw new ClavisException(
          ErrorCode.INVALID_STATE, "built-in group " + g.name() + " cannot be deleted");
    }
    raft.submit(new IdentityCommands.DeleteGroup(g.id()), String.class);
  }

  public GroupRecord changeMembers(String groupNameOrId, List<String> members, boolean add) {
    GroupRecord g = group(groupNameOrId);
    if (members.isEmpty() || members.size() > MAX_MEMBERS_PER_CHANGE) {
      throw ClavisException.invalid(
          "members must list 1 to " + MAX_MEMBERS_PER_CHANGE + " users or services");
    }
    List<String> ids = new ArrayList<>();
    for (String m : members) {
      ids.add(requirePrincipal(m).id());
    }
    raft.submit(new IdentityCommands.ChangeMembership(g.name(), ids, add), String.class);
    return g;
  }

  // ------------------------------------------------------------------ names

  /** The id behind a name or id of the given kind (null kind: user or service). */
  private String idOf(String nameOrId, String kind) {
    if (nameOrId == null || nameOrId.isEmpty() || nameOrId.length() > 200) {
      return null;
    }
    if (store.read(UserRecord.key(nameOrId), UserRecord.class).isPresent()
        || store.read(ServiceRecord.key(nameOrId), ServiceRecord.class).isPresent()
        || store.read(GroupRecord.key(nameOrId), GroupRecord.class).isPresent()) {
      return nameOrId;
    }
    return store
        .read(IdentityCommands.nameKey(nameOrId), IdentityCommands.NameEntry.class)
        .filter(
            e ->
                kind == null
                    ? !e.kind().equals(IdentityCommands.NameEntry.GROUP)
                    : e.kind().equals(kind))
        .map(IdentityCommands.NameEntry::id)
        .orElse(null);
  }

  /** Group references (names or ids) as names; unknown ones are refused. */
  private List<String> groupNames(List<String> refs) {
    if (refs == null) {
      return List.of();
    }
    if (refs.size() > MAX_GROUPS) {
      throw ClavisException.invalid("at most " + MAX_GROUPS + " groups");
    }
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (String r : refs) {
      names.add(group(r).name());
    }
    return List.copyOf(names);
  }

  private static java.util.Set<String> set(List<String> groups) {
    return java.util.Set.copyOf(groups);
  }
}
