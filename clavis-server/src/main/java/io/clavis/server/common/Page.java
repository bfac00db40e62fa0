package io.clavis.server.common;

import io.clavis.server.error.ClavisException;
import io.clavis.server.state.StateStore;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing. {@code nextPage} is an opaque cursor (the last id seen), absent on the
 * last page.
 */
public record Page<T>(List<T> items, String nextPage) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  /** A page of the records stored under {@code prefix}, keyed by {@code keyOf(id)}. */
  public static <T> Page<T> of(
      StateStore store,
      String prefix,
      int limit,
      String cursor,
      Class<T> type,
      Function<T, String> idOf,
      Function<String, String> keyOf) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ClavisException.invalid("limit must be between 1 and " + MAX_LIMIT);
    }
    String after = cursor == null ? null : keyOf.apply(decodeCursor(cursor));
    List<T> items = store.scan(prefix, after, limit + 1, type);
    if (items.size() <= limit) {
      return new Page<>(items, null);
    }
    List<T> page = items.subList(0, limit);
    return new Page<>(List.copyOf(page), encodeCursor(idOf.apply(page.get(limit - 1))));
  }

  static String encodeCursor(String id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(id.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ClavisException.invalid("page is not a cursor returned by a previous listing");
    }
  }
}
