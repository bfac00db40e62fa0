package io.clavis.server.identity;

import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Issues bearer tokens and resolves them to principals. */
public final class TokenService {
  /** Longest lifetime a token can be given. */
  public static final Duration MAX_TTL = Duration.ofDays(365);

  private static final int CACHE_LIMIT = 10_000;

  private final RaftNode raft;
  private final StateStore store;
  private final Map<String, TokenRecord> cache = new ConcurrentHashMap<>();

  public TokenService(RaftNode raft, StateStore store) {
    this.raft = raft;
    this.store = store;
  }

  /** A freshly issued token: the secret is returned once and only its hash is kept. */
  public record IssuedToken(String secret, TokenRecord record) {
    @Override
    public String toString() {
      return "IssuedToken[" + record.id() + "]";
    }
  }

  /**
   * Issues a token acting for {@code principalId} (a user or service), or a root token when that is
   * null and {@code root} is set.
   */
  public IssuedToken issue(
      Duration ttl, String description, Principal creator, String principalId, boolean root) {
    return issue(ttl, description, creator, principalId, root, null);
  }

  IssuedToken issue(
      Duration ttl,
      String description,
      Principal creator,
      String principalId,
      boolean root,
      String loginUserId) {
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw ClavisException.invalid("ttl must be between 1 second and 365 days");
    }
    if (description != null && description.length() > 256) {
      throw ClavisException.invalid("description must be at most 256 characters");
    }
    String secret = Tokens.newSecret();
    Instant now = Clock.now();
    TokenRecord record =
        new TokenRecord(
            Ids.newId("token"),
            Tokens.hash(secret),
            root,
            description,
            now,
            now.plus(ttl),
            creator == null ? null : creator.name(),
            principalId);
    raft.submit(
        loginUserId == null
            ? new IdentityCommands.CreateToken(record)
            : new IdentityCommands.LoggedIn(loginUserId, record),
        TokenRecord.class);
    return new IssuedToken(secret, record);
  }

  /**
   * A token a caller makes for itself may not outlive the token it presents, so a short login
   * session cannot mint a long-lived credential.
   */
  public void checkWithinCaller(Principal caller, Duration ttl) {
    Instant expires = callerExpiry(caller);
    if (expires != null && Instant.now().plus(ttl).isAfter(expires)) {
      throw ClavisException.invalid(
          "a token cannot outlive the token that creates it (yours expires at " + expires + ")");
    }
  }

  /** {@code wanted}, shortened to the lifetime left to the caller's own token. */
  public Duration withinCaller(Principal caller, Duration wanted) {
    Instant expires = callerExpiry(caller);
    if (expires == null) {
      return wanted;
    }
    Duration left = Duration.between(Instant.now(), expires);
    return left.compareTo(wanted) < 0 ? left : wanted;
  }

  private Instant callerExpiry(Principal caller) {
    if (caller.tokenId() == null) {
      return null;
    }
    return store
        .read(TokenRecord.idKey(caller.tokenId()), String.class)
        .flatMap(hash -> store.read(TokenRecord.key(hash), TokenRecord.class))
        .map(TokenRecord::expiresAt)
        .orElse(null);
  }

  /** Forgets cached tokens: one may have been revoked. */
  public void invalidate() {
    cache.clear();
  }

  /** The stored token behind a bearer secret, if it is known and unexpired. */
  public TokenRecord authenticate(String secret) {
    if (secret == null || secret.isEmpty() || secret.length() > 512) {
      throw new ClavisException(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
    }
    String hash = Tokens.hash(secret);
    TokenRecord record = cache.get(hash);
    if (record == null) {
      Optional<TokenRecord> stored = store.read(TokenRecord.key(hash), TokenRecord.class);
      if (stored.isEmpty()) {
        throw new ClavisException(ErrorCode.UNAUTHENTICATED, "unknown or expired token");
      }
      record = stored.get();
      if (cache.size() >= CACHE_LIMIT) {
        cache.clear();
      }
      cache.put(hash, record);
    }
    if (record.expiredAt(Instant.now())) {
      throw new ClavisException(ErrorCode.UNAUTHENTICATED, "unknown or expired token");
    }
    return record;
  }

  /** Parses "90s", "30m", "12h", "7d" or a plain number of seconds. */
  public static Duration parseTtl(String text) {
    if (text == null || text.isBlank()) {
      throw ClavisException.invalid("ttl must not be empty");
    }
    String t = text.trim();
    char unit = t.charAt(t.length() - 1);
    String digits = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
    long n;
    try {
      if (digits.isEmpty()
          || !digits.chars().allMatch(Character::isDigit)
          || digits.length() > 12) {
        throw new NumberFormatException();
      }
      n = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw ClavisException.invalid(
          "ttl '" + text + "' is not a duration like 90s, 30m, 12h or 7d");
    }
    if (n <= 0 || n > MAX_TTL.toSeconds()) {
      throw ClavisException.invalid("ttl must be between 1 second and 365 days");
    }
    return switch (Character.isDigit(unit) ? 's' : unit) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default ->
          throw ClavisException.invalid(
              "ttl '" + text + "' is not a duration like 90s, 30m, 12h or 7d");
    };
  }
}
