package io.clavis.server.identity;

import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.Command;
import io.clavis.server.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Raft commands that change identities and credentials. Names are unique across users, services
 * and groups (one index), so a name alone says which principal is meant.
 */
public final class IdentityCommands {
  private IdentityCommands() {}

  /** Marker: applying one of these makes cached principals and tokens stale. */
  public interface Change extends Command {}

  /** What the shared name index points to. */
  public record NameEntry(String kind, String id) {
    static final String USER = "user";
    static final String SERVICE = "service";
    static final String GROUP = "group";
  }

  static String nameKey(String name) {
    return "principal-name/" + name;
  }

  private static void claimName(StateStore.Transaction txn, String name, NameEntry entry) {
    if (GroupRecord.builtIn(name).isPresent()
        || txn.read(nameKey(name), NameEntry.class).isPresent()) {
      throw new ClavisException(
          ErrorCode.NAME_TAKEN, "the name " + name + " is taken by a user, service or group");
    }
    txn.put(nameKey(name), entry);
  }

  private static void requireGroups(StateStore.Transaction txn, List<String> groups) {
    for (String g : groups) {
      if (GroupRecord.builtIn(g).isPresent()) {
        continue;
      }
      Optional<NameEntry> e = txn.read(nameKey(g), NameEntry.class);
      if (e.isEmpty() || !e.get().kind().equals(NameEntry.GROUP)) {
        throw ClavisException.notFound("group", g);
      }
    }
  }

  private static void deleteTokensOf(StateStore.Transaction txn, String principalId) {
    for (String hash : txn.scan(TokenRecord.ownerPrefix(principalId), 100_000, String.class)) {
      txn.read(TokenRecord.key(hash), TokenRecord.class)
          .ifPresent(
              t -> {
                txn.delete(TokenRecord.idKey(t.id()));
                txn.delete(TokenRecord.ownerKey(principalId, t.id()));
              });
      txn.delete(TokenRecord.key(hash));
    }
  }

  /** Stores a new token for root or for an existing user or service. */
  public record CreateToken(TokenRecord token) implements Change, Command.Unrepeatable {
    @Override
    public Object apply(StateStore.Transaction txn) {
      if (txn.read(TokenRecord.key(token.hash()), TokenRecord.class).isPresent()) {
        throw new ClavisException(ErrorCode.INVALID_STATE, "token already exists");
      }
      String owner = token.principalId();
      if (owner != null
          && txn.read(UserRecord.key(owner), UserRecord.class).isEmpty()
          && txn.read(ServiceRecord.key(owner), ServiceRecord.class).isEmpty()) {
        throw ClavisException.notFound("principal", owner);
      }
      txn.put(TokenRecord.key(token.hash()), token);
      txn.put(TokenRecord.idKey(token.id()), token.hash());
      if (owner != null) {
        txn.put(TokenRecord.ownerKey(owner, token.id()), token.hash());
      }
      return token;
    }
  }

  /** Revokes one token by its id. */
  public record RevokeToken(String tokenId) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      String hash =
          txn.read(TokenRecord.idKey(tokenId), String.class)
              .orElseThrow(() -> ClavisException.notFound("token", tokenId));
      txn.read(TokenRecord.key(hash), TokenRecord.class)
          .ifPresent(
              t -> {
                if (t.principalId() != null) {
                  txn.delete(TokenRecord.ownerKey(t.principalId(), t.id()));
                }
              });
      txn.delete(TokenRecord.key(hash));
      txn.delete(TokenRecord.idKey(tokenId));
      return tokenId;
    }
  }

  /** Adds a user; its groups must exist. */
  public record CreateUser(UserRecord user) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      requireGroups(txn, user.groups());
      claimName(txn, user.name(), new NameEntry(NameEntry.USER, user.id()));
      txn.put(UserRecord.key(user.id()), user);
      return user;
    }
  }

  /** Adds a service; its groups must exist and its certificate must not belong to another. */
  public record CreateService(ServiceRecord service) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      requireGroups(txn, service.groups());
      String fp = service.certificateFingerprint();
      if (fp != null && txn.read(ServiceRecord.certificateKey(fp), String.class).isPresent()) {
        throw new ClavisException(
            ErrorCode.NAME_TAKEN, "another service already uses this certificate");
      }
      claimName(txn, service.name(), new NameEntry(NameEntry.SERVICE, service.id()));
      txn.put(ServiceRecord.key(service.id()), service);
      if (fp != null) {
        txn.put(ServiceRecord.certificateKey(fp), service.id());
      }
      return service;
    }
  }

  /** Adds a group. */
  public record CreateGroup(GroupRecord group) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      claimName(txn, group.name(), new NameEntry(NameEntry.GROUP, group.id()));
      txn.put(GroupRecord.key(group.id()), group);
      return group;
    }
  }

  /** Deletes a user or a service, with its tokens. */
  public record DeletePrincipal(String id) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      Optional<UserRecord> user = txn.read(UserRecord.key(id), UserRecord.class);
      Optional<ServiceRecord> service = txn.read(ServiceRecord.key(id), ServiceRecord.class);
      if (user.isPresent()) {
        txn.delete(UserRecord.key(id));
        txn.delete(nameKey(user.get().name()));
      } else if (service.isPresent()) {
        txn.delete(ServiceRecord.key(id));
        txn.delete(nameKey(service.get().name()));
        if (service.get().certificateFingerprint() != null) {
          txn.delete(ServiceRecord.certificateKey(service.get().certificateFingerprint()));
        }
      } else {
        throw ClavisException.notFound("principal", id);
      }
      deleteTokensOf(txn, id);
      return id;
    }
  }

  /** Deletes a group and takes every member out of it. */
  public record DeleteGroup(String id) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      GroupRecord g =
          txn.read(GroupRecord.key(id), GroupRecord.class)
              .orElseThrow(() -> ClavisException.notFound("group", id));
      for (UserRecord u : txn.scan("user/", 1_000_000, UserRecord.class)) {
        if (u.groups().contains(g.name())) {
          txn.put(UserRecord.key(u.id()), u.withGroups(without(u.groups(), g.name())));
        }
      }
      for (ServiceRecord s : txn.scan("service/", 1_000_000, ServiceRecord.class)) {
        if (s.groups().contains(g.name())) {
          txn.put(ServiceRecord.key(s.id()), s.withGroups(without(s.groups(), g.name())));
        }
      }
      txn.delete(GroupRecord.key(id));
      txn.delete(nameKey(g.name()));
      return id;
    }
  }

  /**
   * Adds principals to a group or takes them out; adding twice or removing a non-member is fine.
   */
  public record ChangeMembership(String group, List<String> principalIds, boolean add)
      implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      requireGroups(txn, List.of(group));
      for (String pid : principalIds) {
        Optional<UserRecord> u = txn.read(UserRecord.key(pid), UserRecord.class);
        Optional<ServiceRecord> s = txn.read(ServiceRecord.key(pid), ServiceRecord.class);
        if (u.isPresent()) {
          txn.put(UserRecord.key(pid), u.get().withGroups(change(u.get().groups())));
        } else if (s.isPresent()) {
          txn.put(ServiceRecord.key(pid), s.get().withGroups(change(s.get().groups())));
        } else {
          throw ClavisException.notFound("principal", pid);
        }
      }
      return group;
    }

    private List<String> change(List<String> groups) {
      return add ? groups.contains(group) ? groups : with(groups, group) : without(groups, group);
    }
  }

  /** Replaces a user's password hash; this also clears a lockout. */
  public record SetPassword(String userId, String passwordHash) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      UserRecord u = user(txn, userId);
      txn.put(UserRecord.key(userId), u.withPassword(passwordHash));
      return userId;
    }
  }

  /**
   * Counts a wrong password; the {@code maxFailures}-th in a row locks the user for {@code lockFor}
   * from {@code at}.
   */
  public record LoginFailed(String userId, Instant at, int maxFailures, Duration lockFor)
      implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      UserRecord u = user(txn, userId);
      int failed = u.failedLogins() + 1;
      UserRecord updated =
          failed >= maxFailures ? u.withLogins(0, at.plus(lockFor)) : u.withLogins(failed, null);
      txn.put(UserRecord.key(userId), updated);
      return updated.lockedUntil() == null ? "" : updated.lockedUntil().toString();
    }
  }

  /** A successful login: the failure count restarts and the session token is stored. */
  public record LoggedIn(String userId, TokenRecord token) implements Change, Command.Unrepeatable {
    @Override
    public Object apply(StateStore.Transaction txn) {
      UserRecord u = user(txn, userId);
      if (u.failedLogins() != 0) {
        txn.put(UserRecord.key(userId), u.withLogins(0, null));
      }
      return new CreateToken(token).apply(txn);
    }
  }

  /** Lifts a lockout. */
  public record Unlock(String userId) implements Change {
    @Override
    public Object apply(StateStore.Transaction txn) {
      UserRecord u = user(txn, userId);
      UserRecord updated = u.withLogins(0, null);
      txn.put(UserRecord.key(userId), updated);
      return updated;
    }
  }

  private static UserRecord user(StateStore.Transaction txn, String id) {
    return txn.read(UserRecord.key(id), UserRecord.class)
        .orElseThrow(() -> ClavisException.notFound("user", id));
  }

  private static List<String> with(List<String> list, String item) {
    List<String> out = new ArrayList<>(list);
    out.add(item);
    return out;
  }

  private static List<String> without(List<String> list, String item) {
    return list.stream().filter(x -> !x.equals(item)).toList();
  }
}
