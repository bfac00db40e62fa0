package io.clavis.server.raft;

import io.clavis.core.crypto.Digests;
import io.clavis.server.error.ClavisException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * The retry identity of one client request that may write: the {@code Idempotency-Key} a client
 * sends with a write it may have to repeat on another node.
 *
 * <p>Every command the request submits travels as an {@link IdempotentCommand} named by the caller,
 * the key and the command's position in the request, so that a repeat of the request, on any node,
 * gets the first answer instead of writing twice. The scope belongs to the request's thread (the
 * REST server opens it around the endpoint).
 */
public final class Idempotency {
  public static final String HEADER = "Idempotency-Key";
  public static final String REPLAYED_HEADER = "Idempotent-Replayed";

  /** How long an answer is kept for repeats: far beyond any client's retry window. */
  public static final Duration RETENTION = Duration.ofHours(24);

  /**
   * Body fields whose values are left out of a request's fingerprint: passwords are guessable, and
   * a fast hash of a body holding one, kept for a day on every node, would let a guesser test
   * candidates at hash speed. A repeat that differs only in them is therefore replayed, not
   * refused.
   */
  public static final java.util.Set<String> UNFINGERPRINTED_FIELDS =
      java.util.Set.of("password", "currentPassword");

  private static final int MAX_KEY_LENGTH = 128;
  private static final ThreadLocal<Scope> CURRENT = new ThreadLocal<>();

  private Idempotency() {}

  /** One request's key; closing it ends the scope on this thread. */
  public static final class Scope implements AutoCloseable {
    private final String name;
    private final Supplier<byte[]> request;
    private String fingerprint;
    private int submitted;
    private boolean replayed;

    private Scope(String name, Supplier<byte[]> request) {
      this.name = name;
      this.request = request;
    }

    /** Whether some write of this request was answered from an earlier identical request. */
    public boolean replayed() {
      return replayed;
    }

    IdempotentCommand wrap(Command command, Instant now) {
      if (fingerprint == null) {
        // Only requests that write pay for the digest; most keyed requests are crypto calls.
        fingerprint = digest(request.get());
      }
      submitted++;
      return new IdempotentCommand(
          name + "#" + submitted, fingerprint, now, now.plus(RETENTION), command);
    }

    void markReplayed() {
      replayed = true;
    }

    @Override
    public void close() {
      CURRENT.remove();
    }
  }

  /**
   * Opens the scope of a request on this thread.
   *
   * @param callerId who sent the request: keys of different callers never meet
   * @param key the client's key: 1 to 128 characters of {@code [A-Za-z0-9._:-]}
   * @param request the method, path and canonical body (see {@link #requestBytes}), asked for only
   *     when the request writes: a key reused for another request is refused
   * @throws ClavisException INVALID_ARGUMENT for a malformed key
   */
  public static Scope open(String callerId, String key, Supplier<byte[]> request) {
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !key.chars().allMatch(Idempotency::ok)) {
      throw ClavisException.invalid(
          HEADER + " must be 1 to " + MAX_KEY_LENGTH + " characters of A-Z a-z 0-9 . _ : -");
    }
    Scope scope = new Scope(callerId + "/" + key, request);
    CURRENT.set(scope);
    return scope;
  }

  /** The scope of the request running on this thread, or null. */
  static Scope current() {
    return CURRENT.get();
  }

  private static boolean ok(int c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == ':'
        || c == '-';
  }

  private static String digest(byte[] request) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(request));
  }

  /** The bytes that identify a request: method, path with query, and canonical body. */
  public static byte[] requestBytes(String method, String pathAndQuery, byte[] canonicalBody) {
    byte[] head = (method + " " + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + canonicalBody.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(canonicalBody, 0, all, head.length, canonicalBody.length);
    return all;
  }
}
