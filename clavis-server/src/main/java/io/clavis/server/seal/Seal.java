package io.clavis.server.seal;

import io.clavis.core.crypto.AesGcm;
import io.clavis.core.crypto.Argon2idKdf;
import io.clavis.core.crypto.DecryptionFailedException;
import io.clavis.core.crypto.SecretAccess;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.core.crypto.Shamir;
import io.clavis.core.crypto.Share;
import io.clavis.server.cluster.ClusterCaRecord;
import io.clavis.server.cluster.ClusterMember;
import io.clavis.server.common.Clock;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.TokenRecord;
import io.clavis.server.identity.Tokens;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Compartment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This node's seal: holds the root key in memory once unsealed, and nothing before.
 *
 * <p>The root key never touches the disk unwrapped. A passphrase seal derives a key-encryption key
 * with Argon2id; a Shamir seal splits a random key-encryption key into shares handed to the
 * operators at initialisation. The AES-GCM tag on the wrapped root key is what proves a passphrase
 * or a set of shares right.
 */
public final class Seal {
  private static final byte[] ROOT_KEY_AAD = "clavis-root-key-v1".getBytes(StandardCharsets.UTF_8);
  private static final int MIN_PASSPHRASE = 8;
  private static final int MAX_PASSPHRASE = 1024;

  /** Where a node stands. */
  public enum Status {
    UNINITIALIZED,
    SEALED,
    UNSEALED
  }

  private final StateStore store;
  private final Argon2idKdf.Params kdfParams;
  private final ReentrantLock lock = new ReentrantLock();
  private final List<Share> pendingShares = new ArrayList<>();
  private final List<Runnable> sealListeners = new CopyOnWriteArrayList<>();
  private volatile SecretBytes rootKey;
  private volatile SealConfig config;
  private volatile ClusterBootstrap bootstrap = root -> new Founding(null, null);

  /** What the founding node adds to the first command, given the new root key. */
  @FunctionalInterface
  public interface ClusterBootstrap {
    Founding found(SecretBytes rootKey);
  }

  /** The founding node's member record and the cluster CA wrapped under the root key. */
  public record Founding(ClusterMember founder, ClusterCaRecord clusterCa) {}

  public void setClusterBootstrap(ClusterBootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  public Seal(StateStore store, Argon2idKdf.Params kdfParams) {
    this.store = store;
    this.kdfParams = kdfParams;
  }

  public void onSeal(Runnable listener) {
    sealListeners.add(listener);
  }

  public Optional<SealConfig> config() {
    SealConfig known = config;
    if (known != null) {
      return Optional.of(known);
    }
    // Once initialised, the seal never changes: remember it, so that the seal check on every
    // request costs nothing and keeps working while a snapshot replaces the database.
    Optional<SealConfig> read = store.read(SealConfig.KEY, SealConfig.class);
    read.ifPresent(c -> config = c);
    return read;
  }

  /**
   * Whether the node is unsealed, from a field: unlike {@link #status}, never reads the store
   * (which waits while a snapshot replaces the database).
   */
  public boolean unsealed() {
    return rootKey != null;
  }

  public Status status() {
    if (rootKey != null) {
      return Status.UNSEALED;
    }
    return config().isPresent() ? Status.SEALED : Status.UNINITIALIZED;
  }

  /** The root key; fails with {@code SEALED} or {@code NOT_INITIALIZED} otherwise. */
  public SecretBytes rootKey() {
    SecretBytes key = rootKey;
    if (key == null) {
      throw notUnsealed();
    }
    return key;
  }

  public ClavisException notUnsealed() {
    return config().isPresent()
        ? new ClavisException(ErrorCode.SEALED, "this node is sealed; unseal it first")
        : new ClavisException(ErrorCode.NOT_INITIALIZED, "Clavis is not initialised yet");
  }

  /** What initialisation hands back once: the root token, and the shares for a Shamir seal. */
  public record InitResult(String rootToken, List<String> shares) {
    @Override
    public String toString() {
      return "InitResult[redacted]";
    }
  }

  public InitResult initializeWithPassphrase(RaftNode raft, char[] passphrase) {
    checkPassphrase(passphrase);
    SecretBytes root = SecretBytes.random(32);
    byte[] salt = SecureRandoms.bytes(16);
    SecretBytes kek = Argon2idKdf.derive(passphrase, salt, kdfParams, 32);
    SealConfig config =
        new SealConfig(
            SealConfig.SealType.PASSPHRASE,
            b64(salt),
            kdfParams.memoryKiB(),
            kdfParams.iterations(),
            kdfParams.parallelism(),
            null,
            null,
            b64(wrap(kek, root)),
            Clock.now());
    return initialize(raft, config, root, List.of());
  }

  public InitResult initializeWithShamir(RaftNode raft, int shares, int threshold) {
    if (shares < 1 || shares > 16 || threshold < 1 || threshold > shares) {
      throw ClavisException.invalid("shamir needs 1 <= threshold <= shares <= 16");
    }
    SecretBytes root = SecretBytes.random(32);
    SecretBytes kek = SecretBytes.random(32);
    List<Share> split = Shamir.split(kek.toByteArray(SecretAccess.get()), shares, threshold);
    SealConfig config =
        new SealConfig(
            SealConfig.SealType.SHAMIR,
            null,
            null,
            null,
            null,
            shares,
            threshold,
            b64(wrap(kek, root)),
            Clock.now());
    return initialize(raft, config, root, split.stream().map(Share::encode).toList());
  }

  private InitResult initialize(
      RaftNode raft, SealConfig config, SecretBytes root, List<String> shares) {
    lock.lock();
    try {
      if (config().isPresent()) {
        throw new ClavisException(ErrorCode.ALREADY_INITIALIZED, "Clavis is already initialised");
      }
      String token = Tokens.newSecret();
      Instant now = Clock.now();
      TokenRecord rootToken =
          new TokenRecord("root", Tokens.hash(token), true, "root token", now, null, "init", null);
      Compartment tenancy = new Compartment(Compartment.TENANCY, "tenancy", null, now, "init");
      Founding founding = bootstrap.found(root);
      raft.submit(
          new InitializeCommand(
              config, rootToken, tenancy, founding.founder(), founding.clusterCa()),
          SealConfig.class);
      rootKey = root;
      return new InitResult(token, shares);
    } finally {
      lock.unlock();
    }
  }

  /** Progress of an unseal: done when {@code sealed} is false. */
  public record UnsealProgress(boolean sealed, int progress, int threshold) {}

  public UnsealProgress unsealWithPassphrase(char[] passphrase) {
    SealConfig config = config().orElseThrow(this::notUnsealed);
    if (config.type() != SealConfig.SealType.PASSPHRASE) {
      throw ClavisException.invalid("this node is sealed with Shamir shares: submit a share");
    }
    if (passphrase == null || passphrase.length == 0 || passphrase.length > MAX_PASSPHRASE) {
      throw ClavisException.invalid("passphrase is required");
    }
    lock.lock();
    try {
      if (rootKey == null) {
        Argon2idKdf.Params params =
            new Argon2idKdf.Params(config.memoryKiB(), config.iterations(), config.parallelism());
        SecretBytes kek =
            Argon2idKdf.derive(passphrase, Base64.getDecoder().decode(config.salt()), params, 32);
        rootKey = unwrapOrReject(kek, config, "the passphrase does not unseal this node");
      }
      return new UnsealProgress(false, 0, 1);
    } finally {
      lock.unlock();
    }
  }

  public UnsealProgress submitShare(String encodedShare) {
    SealConfig config = config().orElseThrow(this::notUnsealed);
    if (config.type() != SealConfig.SealType.SHAMIR) {
      throw ClavisException.invalid("this node is sealed with a passphrase: submit the passphrase");
    }
    Share share;
    try {
      share = Share.decode(encodedShare);
    } catch (IllegalArgumentException e) {
      throw ClavisException.invalid("share is not a share printed by init");
    }
    lock.lock();
    try {
      if (rootKey != null) {
        return new UnsealProgress(false, 0, config.threshold());
      }
      if (pendingShares.stream().noneMatch(s -> s.x() == share.x())) {
        pendingShares.add(share);
      }
      if (pendingShares.size() < config.threshold()) {
        return new UnsealProgress(true, pendingShares.size(), config.threshold());
      }
      SecretBytes kek;
      try {
        kek = SecretBytes.copyOf(Shamir.combine(List.copyOf(pendingShares)));
      } catch (IllegalArgumentException e) {
        pendingShares.clear();
        throw ClavisException.invalid("the shares do not unseal this node; start again");
      } finally {
        pendingShares.clear();
      }
      rootKey = unwrapOrReject(kek, config, "the shares do not unseal this node; start again");
      return new UnsealProgress(false, 0, config.threshold());
    } finally {
      lock.unlock();
    }
  }

  public UnsealProgress resetUnseal() {
    lock.lock();
    try {
      pendingShares.clear();
      int threshold = config().map(c -> c.threshold() == null ? 1 : c.threshold()).orElse(1);
      return new UnsealProgress(rootKey == null, 0, threshold);
    } finally {
      lock.unlock();
    }
  }

  public int unsealProgress() {
    lock.lock();
    try {
      return pendingShares.size();
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the root key; cached key material is dropped by the listeners. */
  public void seal() {
    lock.lock();
    try {
      rootKey = null;
      pendingShares.clear();
    } finally {
      lock.unlock();
    }
    sealListeners.forEach(Runnable::run);
  }

  private static SecretBytes unwrapOrReject(SecretBytes kek, SealConfig config, String message) {
    try {
      byte[] wrapped = Base64.getDecoder().decode(config.wrappedRootKey());
      return SecretBytes.copyOf(new AesGcm(kek).decrypt(wrapped, ROOT_KEY_AAD));
    } catch (DecryptionFailedException e) {
      throw ClavisException.invalid(message);
    }
  }

  private static byte[] wrap(SecretBytes kek, SecretBytes root) {
    return new AesGcm(kek).encrypt(root.toByteArray(SecretAccess.get()), ROOT_KEY_AAD);
  }

  private static void checkPassphrase(char[] passphrase) {
    if (passphrase == null
        || passphrase.length < MIN_PASSPHRASE
        || passphrase.length > MAX_PASSPHRASE) {
      throw ClavisException.invalid(
          "passphrase must be " + MIN_PASSPHRASE + " to " + MAX_PASSPHRASE + " characters");
    }
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
