package io.clavis.server.key;

import io.clavis.core.key.KeyAlgorithm;
import io.clavis.core.key.KeyMaterial;
import io.clavis.server.common.Clock;
import io.clavis.server.common.Ids;
import io.clavis.server.common.Page;
import io.clavis.server.error.ClavisException;
import io.clavis.server.error.ErrorCode;
import io.clavis.server.identity.Principal;
import io.clavis.server.raft.RaftNode;
import io.clavis.server.state.StateStore;
import io.clavis.server.vault.Vault;
import io.clavis.server.vault.VaultService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Key management: create, list, update, rotate and move keys through their lifecycle. */
public final class KeyService {
  private static final Logger LOG = LoggerFactory.getLogger(KeyService.class);
  public static final int MAX_ROTATION_DAYS = 3650;
  public static final int MIN_PENDING_DAYS = 7;
  public static final int MAX_PENDING_DAYS = 30;
  private static final int MAX_TAGS = 64;
  private static final int MAX_DESCRIPTION = 1024;

  private final ReentrantLock[] rotationLocks = newLocks(64);
  private final List<Consumer<Instant>> maintenanceTasks = new CopyOnWriteArrayList<>();

  private final RaftNode raft;
  private final StateStore store;
  private final VaultService vaults;
  private final KeyMaterials materials;

  private static final int RECORD_CACHE_LIMIT = 100_000;
  private final java.util.Map<String, KeyRecord> records =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong recordsGeneration =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.LongAdder recordHits =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder recordMisses =
      new java.util.concurrent.atomic.LongAdder();

  public KeyService(RaftNode raft, StateStore store, VaultService vaults, KeyMaterials materials) {
    this.raft = raft;
    this.store = store;
    this.vaults = vaults;
    this.materials = materials;
    // A key's record changes only when the state machine writes it (drop exactly that one) or a
    // snapshot replaces the database (drop them all).
    store.addChangeListener(this::forgetWritten, this::invalidateRecords);
  }

  /** What a caller asks for when creating a key. */
  public record CreateRequest(
      String vaultId,
      String name,
      String algorithm,
      String description,
      Map<String, String> tags,
      Integer rotationPeriodDays) {}

  public Created create(CreateRequest req, Principal by) {
    if (req.vaultId() == null) {
      throw ClavisException.invalid("vaultId is required");
    }
    Ids.checkName("key", req.name());
    KeyAlgorithm algorithm = parseAlgorithm(req.algorithm());
    checkDescription(req.description());
    Map<String, String> tags = checkTags(req.tags());
    int rotationDays = checkRotationDays(req.rotationPeriodDays());
    Vault vault = vaults.get(req.vaultId());
    String id = Ids.newId("key");
    Instant now = Clock.now();
    KeyVersionRecord first = newVersion(id, 1, algorithm, now);
    KeyRecord key =
        new KeyRecord(
            id,
            vault.id(),
            vault.compartmentId(),
            req.name(),
            req.description(),
            tags,
            algorithm,
            KeyState.ENABLED,
            1,
            rotationDays,
            now,
            null,
            now,
            now,
            by.name());
    KeyRecord created = raft.submit(new CreateKeyCommand(key, first), KeyRecord.class);
    // A repeated request (same idempotency key) answers with the key the first one made.
    return new Created(created, created.id().equals(id) ? List.of(first) : versions(created.id()));
  }

  /** A key just created, with its versions (the first one, unless it was created before). */
  public record Created(KeyRecord key, List<KeyVersionRecord> versions) {}

  /**
   * A key's metadata. Every request names a key, so records are cached: reading one from RocksDB
   * means parsing JSON, which costs more than the cryptography. A record is dropped when the state
   * machine writes it (all of them when a snapshot replaces the state); the generation check keeps
   * a read that raced with such a write from caching what it read before.
   */
  public KeyRecord get(String id) {
    KeyRecord cached = records.get(id);
    if (cached != null) {
      recordHits.increment();
      return cached;
    }
    recordMisses.increment();
    long generation = recordsGeneration.get();
    KeyRecord record =
        store
            .read(KeyRecord.key(id), KeyRecord.class)
            .orElseThrow(() -> ClavisException.notFound("key", id));
    if (records.size() >= RECORD_CACHE_LIMIT) {
      records.clear();
    }
    records.put(id, record);
    if (recordsGeneration.get() != generation) {
      records.remove(id);
    }
    return record;
  }

  /** Key record lookups answered from the cache (for metrics). */
  public long recordCacheHits() {
    return recordHits.sum();
  }

  /** Key record lookups that read the store (for metrics). */
  public long recordCacheMisses() {
    return recordMisses.sum();
  }

  private void forgetWritten(List<String> storeKeys) {
    for (String storeKey : storeKeys) {
      String id = KeyRecord.idOf(storeKey);
      if (id != null) {
        invalidateRecord(id);
      }
    }
  }

  /** Forgets one cached key record: the state machine wrote it. */
  public void invalidateRecord(String id) {
    recordsGeneration.incrementAndGet();
    records.remove(id);
  }

  /** Forgets every cached key record: a snapshot from the leader replaced the state. */
  private void invalidateRecords() {
    recordsGeneration.incrementAndGet();
    records.clear();
  }

  public List<KeyVersionRecord> versions(String keyId) {
    return store.scan(
        KeyVersionRecord.prefix(keyId), null, Integer.MAX_VALUE, KeyVersionRecord.class);
  }

  public Page<KeyRecord> list(String vaultId, int limit, String cursor) {
    if (vaultId == null) {
      return Page.of(store, "key/", limit, cursor, KeyRecord.class, KeyRecord::id, KeyRecord::key);
    }
    vaults.get(vaultId);
    Page<String> ids =
        Page.of(
            store,
            "vault-key/" + vaultId + "/",
            limit,
            cursor,
            String.class,
            id -> id,
            id -> KeyRecord.vaultIndexKey(vaultId, id));
    List<KeyRecord> keys = new ArrayList<>(ids.items().size());
    for (String id : ids.items()) {
      store.read(KeyRecord.key(id), KeyRecord.class).ifPresent(keys::add);
    }
    return new Page<>(keys, ids.nextPage());
  }

  public KeyRecord update(
      String id, String description, Map<String, String> tags, Integer rotationPeriodDays) {
    get(id);
    checkDescription(description);
    Map<String, String> checkedTags = tags == null ? null : checkTags(tags);
    Integer days = rotationPeriodDays == null ? null : checkRotationDays(rotationPeriodDays);
    return raft.submit(
        new UpdateKeyCommand(id, description, checkedTags, days, Clock.now()), KeyRecord.class);
  }

  /** Adds a new version and makes it current; retries if another rotation wins the race. */
  public KeyRecord rotate(String id) {
    // Rotations of one key proposed by this node go one at a time: concurrent ones would all
    // propose the same version number, and all but one would lose the race (repeatedly, under
    // load). Retrying still covers rotations proposed by other nodes.
    ReentrantLock lock = rotationLocks[Math.floorMod(id.hashCode(), rotationLocks.length)];
    lock.lock();
    try {
      return rotateOnce(id);
    } finally {
      lock.unlock();
    }
  }

  private KeyRecord rotateOnce(String id) {
    for (int attempt = 0; ; attempt++) {
      KeyRecord key = get(id);
      if (!key.algorithm().isKey()) {
        throw new ClavisException(
            ErrorCode.INVALID_OPERATION_FOR_KEY,
            "a " + key.algorithm() + " object holds registered data: it cannot be rotated");
      }
      if (key.state() != KeyState.ENABLED && key.state() != KeyState.DISABLED) {
        throw new ClavisException(
            ErrorCode.INVALID_STATE, "key " + id + " is " + key.state() + ": cannot rotate");
      }
      Instant now = Clock.now();
      KeyVersionRecord next = newVersion(id, key.currentVersion() + 1, key.algorithm(), now);
      try {
        return raft.submit(new RotateKeyCommand(next, now), KeyRecord.class);
      } catch (ClavisException e) {
        if (!"ROTATION_RACE".equals(e.getMessage()) || attempt >= 5) {
          throw e;
        }
      }
    }
  }

  public KeyRecord enable(String id) {
    return changeState(id, ChangeKeyStateCommand.Action.ENABLE, null);
  }

  public KeyRecord disable(String id) {
    return changeState(id, ChangeKeyStateCommand.Action.DISABLE, null);
  }

  public KeyRecord scheduleDeletion(String id, Integer pendingDays) {
    int days = pendingDays == null ? MAX_PENDING_DAYS : pendingDays;
    if (days < MIN_PENDING_DAYS || days > MAX_PENDING_DAYS) {
      throw ClavisException.invalid(
          "pendingDays must be between " + MIN_PENDING_DAYS + " and " + MAX_PENDING_DAYS);
    }
    return changeState(
        id,
        ChangeKeyStateCommand.Action.SCHEDULE_DELETION,
        Clock.now().plus(Duration.ofDays(days)));
  }

  public KeyRecord cancelDeletion(String id) {
    return changeState(id, ChangeKeyStateCommand.Action.CANCEL_DELETION, null);
  }

  private KeyRecord changeState(String id, ChangeKeyStateCommand.Action action, Instant deletion) {
    return changeState(id, action, deletion, Clock.now());
  }

  private KeyRecord changeState(
      String id, ChangeKeyStateCommand.Action action, Instant deletion, Instant at) {
    get(id);
    return raft.submit(new ChangeKeyStateCommand(id, action, deletion, at), KeyRecord.class);
  }

  /**
   * Adds work to the leader's periodic maintenance, such as the KMIP layer's activation dates. The
   * task runs after the key loop, on the leader only, and must submit commands rather than write.
   */
  public void addMaintenanceTask(Consumer<Instant> task) {
    maintenanceTasks.add(task);
  }

  /**
   * The leader's periodic work: rotate keys whose period has passed and destroy keys whose pending
   * deletion is over, then the tasks others added. Each is an ordinary command, so followers simply
   * apply it.
   */
  public void runMaintenance(Instant now) {
    String cursor = null;
    do {
      Page<KeyRecord> page = list(null, Page.MAX_LIMIT, cursor);
      for (KeyRecord key : page.items()) {
        try {
          Instant due = key.nextRotationAt();
          if (due != null && !now.isBefore(due)) {
            LOG.info("Rotating key {} on schedule", key.id());
            rotate(key.id());
          } else if (key.state() == KeyState.PENDING_DELETION
              && !now.isBefore(key.deletionTime())) {
            LOG.info("Destroying key {}: its pending deletion period is over", key.id());
            changeState(key.id(), ChangeKeyStateCommand.Action.DESTROY, null, now);
          }
        } catch (ClavisException e) {
          LOG.warn("Maintenance of key {} failed: {}", key.id(), e.getMessage());
        }
      }
      cursor = page.nextPage();
    } while (cursor != null);
    for (Consumer<Instant> task : maintenanceTasks) {
      try {
        task.accept(now);
      } catch (ClavisException e) {
        LOG.warn("Maintenance task failed: {}", e.getMessage());
      }
    }
  }

  private KeyVersionRecord newVersion(String keyId, int version, KeyAlgorithm alg, Instant at) {
    KeyMaterial material = KeyMaterial.generate(alg);
    String publicDer =
        material.publicKeyDer() == null
            ? null
            : Base64.getEncoder().encodeToString(material.publicKeyDer());
    return new KeyVersionRecord(
        keyId, version, KeyState.ENABLED, at, materials.wrap(keyId, version, material), publicDer);
  }

  private static ReentrantLock[] newLocks(int n) {
    ReentrantLock[] locks = new ReentrantLock[n];
    for (int i = 0; i < n; i++) {
      locks[i] = new ReentrantLock();
    }
    return locks;
  }

  static KeyAlgorithm parseAlgorithm(String name) {
    if (name == null) {
      throw ClavisException.invalid("algorithm is required");
    }
    // The data kinds (secret data, opaque objects, certificates) are registered over KMIP, never
    // created here: they parse as algorithms but are refused like unknown ones.
    return KeyAlgorithm.parse(name)
        .filter(KeyAlgorithm::isKey)
        .orElseThrow(
            () ->
                new ClavisException(
                    ErrorCode.UNSUPPORTED_ALGORITHM,
                    "unsupported algorithm '"
                        + truncate(name)
                        + "'; use one of "
                        + java.util.Arrays.stream(KeyAlgorithm.values())
                            .filter(KeyAlgorithm::isKey)
                            .toList()));
  }

  static String truncate(String s) {
    return s.length() > 40 ? s.substring(0, 40) + "..." : s;
  }

  private static void checkDescription(String description) {
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw ClavisException.invalid(
          "description must be at most " + MAX_DESCRIPTION + " characters");
    }
  }

  private static Map<String, String> checkTags(Map<String, String> tags) {
    if (tags == null) {
      return Map.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw ClavisException.invalid("at most " + MAX_TAGS + " tags");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    tags.forEach(
        (k, v) -> {
          if (k == null || k.isEmpty() || k.length() > 128 || v == null || v.length() > 256) {
            throw ClavisException.invalid(
                "tag names must be 1-128 characters and values at most 256");
          }
          copy.put(k, v);
        });
    return copy;
  }

  private static int checkRotationDays(Integer days) {
    if (days == null) {
      return 0;
    }
    if (days < 0 || days > MAX_ROTATION_DAYS) {
      throw ClavisException.invalid(
          "rotationPeriodDays must be between 1 and " + MAX_ROTATION_DAYS + ", or 0 for none");
    }
    return days;
  }
}
