package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of {@code GET /v1/audit-events}: the records of every node, merged by time.
 *
 * @param nextPage the token for the next page, or null on the last page; a page may be empty and
 *     still have a next page when a filter skipped everything it scanned
 * @param unreachableNodes nodes that did not answer: their records are missing from this page
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuditPage(
    List<AuditEvent> items,
    String nextPage,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> unreachableNodes) {
  public AuditPage {
    items = items == null ? List.of() : List.copyOf(items);
    unreachableNodes = unreachableNodes == null ? List.of() : List.copyOf(unreachableNodes);
  }

  public boolean hasNext() {
    return nextPage != null && !nextPage.isEmpty();
  }
}
