package io.clavis.client;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One page of {@code GET /v1/audit-events} as text, for a SIEM or an archive: one record per line,
 * each line ending with {@code \n}.
 *
 * @param format the format of {@code text}
 * @param text the records, one per line; empty when the page has none
 * @param nextPage the token for the next page (header {@code Clavis-Next-Page}), or null on the
 *     last page; a page may be empty and still have a next page
 * @param unreachableNodes nodes that did not answer: their records are missing from this page
 */
public record AuditExport(
    Format format, String text, String nextPage, List<String> unreachableNodes) {

  /** The text formats of the audit trail. */
  public enum Format {
    /** The stored JSON line of each record, chain hashes included. */
    JSONL,
    /** RFC 5424 syslog lines with the fields as structured data. */
    SYSLOG;

    /** The value of the {@code format} query parameter. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AuditExport {
    Objects.requireNonNull(format, "format");
    text = text == null ? "" : text;
    unreachableNodes = unreachableNodes == null ? List.of() : List.copyOf(unreachableNodes);
  }

  public boolean hasNext() {
    return nextPage != null && !nextPage.isEmpty();
  }

  /** The number of records on this page: its non-empty lines. */
  public int records() {
    int n = 0;
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        n++;
      }
      start = end + 1;
    }
    return n;
  }
}
