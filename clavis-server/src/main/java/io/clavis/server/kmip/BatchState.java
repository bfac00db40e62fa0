package io.clavis.server.kmip;

import io.clavis.kmip.spec.UniqueIdentifierPlaceholder;
import java.util.EnumMap;
import java.util.Map;

/**
 * What the items of one request message share: the ID Placeholder, the identifier an item such as
 * Create leaves for later items that omit their Unique Identifier, and, for KMIP 2.x, the
 * identifiers earlier items produced, which later items may name by the Unique Identifier
 * enumeration. It lives for one message only, as the specification scopes it, and is used by one
 * thread (the connection's).
 */
final class BatchState {
  private String idPlaceholder;
  private final Map<UniqueIdentifierPlaceholder, String> results =
      new EnumMap<>(UniqueIdentifierPlaceholder.class);

  String idPlaceholder() {
    return idPlaceholder;
  }

  void setIdPlaceholder(String id) {
    idPlaceholder = id;
    results.put(UniqueIdentifierPlaceholder.ID_PLACEHOLDER, id);
  }

  void record(UniqueIdentifierPlaceholder kind, String id) {
    results.put(kind, id);
  }

  String result(UniqueIdentifierPlaceholder kind) {
    return results.get(kind);
  }
}
