package io.clavis.cli;

import io.clavis.client.Page;
import picocli.CommandLine.Option;

/** {@code --limit}, {@code --page} and {@code --all} of the list commands. */
final class Paging {
  @Option(names = "--limit", paramLabel = "N", description = "Page size (default: the server's).")
  Integer limit;

  @Option(
      names = "--page",
      paramLabel = "TOKEN",
      description = "Start at this page (the next-page token of a previous listing).")
  String page;

  @Option(names = "--all", description = "Follow the pages to the end and print everything.")
  boolean all;

  /** In table mode, tells how to get the next page, when there is one. */
  void printNextPage(Output out, Page<?> result) {
    if (!out.isJson() && result.hasNext()) {
      out.line("");
      out.line("more: --page " + result.nextPage());
    }
  }
}
