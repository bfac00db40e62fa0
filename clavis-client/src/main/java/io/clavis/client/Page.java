package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * One page of a listing. {@code nextPage} is the opaque token to pass to get the next page, or null
 * on the last page.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Page<T>(List<T> items, String nextPage) {
  public Page {
    items = items == null ? List.of() : List.copyOf(items);
  }

  public boolean hasNext() {
    return nextPage != null && !nextPage.isEmpty();
  }
}
