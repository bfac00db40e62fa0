package io.clavis.server.kmip.objects;

import java.util.List;

/**
 * What Locate found.
 *
 * @param uniqueIdentifiers the page of matching objects, in identifier order
 * @param locatedItems how many objects matched in all (KMIP 1.3 Located Items), before paging
 */
public record LocateResult(List<String> uniqueIdentifiers, int locatedItems) {
  public LocateResult {
    uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
  }
}
