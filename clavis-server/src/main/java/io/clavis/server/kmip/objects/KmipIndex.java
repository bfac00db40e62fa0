package io.clavis.server.kmip.objects;

import io.clavis.server.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replicated indexes that keep Locate fast with many objects, and the record writes that keep
 * them right.
 *
 * <ul>
 *   <li>{@code kmip-name/<b64(name)>/<keyId>}: every Name of every object that has a KMIP record.
 *       Keys created over REST and never touched over KMIP are found by their Clavis name through
 *       the key service's own {@code key-name/<vault>/<name>} index instead.
 *   <li>{@code kmip-group/<b64(group)>/<keyId>}: every Object Group.
 *   <li>{@code kmip-due/<epoch millis>/<keyId>}: a future Activation or Deactivation Date, which
 *       the leader's maintenance turns into a state change when it is reached.
 * </ul>
 *
 * <p>Names and groups are encoded (base64url, which has no {@code /}) so that a prefix scan for one
 * name can never run into a longer name that starts with it.
 */
final class KmipIndex {
  static final String DUE_PREFIX = "kmip-due/";

  private KmipIndex() {}

  static String namePrefix(String name) {
    return "kmip-name/" + encode(name) + "/";
  }

  static String groupPrefix(String group) {
    return "kmip-group/" + encode(group) + "/";
  }

  static String dueKey(Instant at, String keyId) {
    return DUE_PREFIX + String.format("%013d", at.toEpochMilli()) + "/" + keyId;
  }

  /** The time a due entry names, or null if the entry is not one. */
  static Instant dueTime(String entryKey) {
    if (!entryKey.startsWith(DUE_PREFIX)) {
      return null;
    }
    int slash = entryKey.indexOf('/', DUE_PREFIX.length());
    try {
      return Instant.ofEpochMilli(Long.parseLong(entryKey.substring(DUE_PREFIX.length(), slash)));
    } catch (RuntimeException e) {
      return null;
    }
  }

  static String keyIdOf(String entryKey) {
    return entryKey.substring(entryKey.lastIndexOf('/') + 1);
  }

  /**
   * Writes {@code updated} and brings the name and group indexes in line with it. {@code previous}
   * is what is stored now, or null when the key has no record yet (nothing is indexed for it).
   */
  static void write(
      StateStore.Transaction txn, KmipObjectRecord previous, KmipObjectRecord updated) {
    String keyId = updated.keyId();
    Set<String> oldNames = previous == null ? Set.of() : names(previous);
    Set<String> newNames = names(updated);
    for (String n : oldNames) {
      if (!newNames.contains(n)) {
        txn.delete(namePrefix(n) + keyId);
      }
    }
    for (String n : newNames) {
      if (!oldNames.contains(n)) {
        txn.put(namePrefix(n) + keyId, keyId);
      }
    }
    Set<String> oldGroups = previous == null ? Set.of() : new HashSet<>(previous.objectGroups());
    Set<String> newGroups = new HashSet<>(updated.objectGroups());
    for (String g : oldGroups) {
      if (!newGroups.contains(g)) {
        txn.delete(groupPrefix(g) + keyId);
      }
    }
    for (String g : newGroups) {
      if (!oldGroups.contains(g)) {
        txn.put(groupPrefix(g) + keyId, keyId);
      }
    }
    txn.put(KmipObjectRecord.key(keyId), updated);
  }

  /** The ids of the objects whose index entries start with {@code prefix}, at most {@code max}. */
  static List<String> ids(StateStore store, String prefix, int max) {
    List<String> ids = new ArrayList<>();
    store.scanKeys(prefix, null, max, (k, v) -> ids.add(keyIdOf(k)));
    return ids;
  }

  private static Set<String> names(KmipObjectRecord r) {
    Set<String> out = new HashSet<>();
    r.names().forEach(n -> out.add(n.value()));
    return out;
  }

  private static String encode(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
