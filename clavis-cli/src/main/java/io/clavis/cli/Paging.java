package io.clavis.cli;

import io.clavis.client.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
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

  /** One call of a list endpoint: a page of at most {@code limit} items, from {@code page} on. */
  @FunctionalInterface
  interface Lister<T> {
    Page<T> list(Integer limit, String page);
  }

  /** The page the options ask for; with {@code --all}, every page from there on, as one page. */
  <T> Page<T> fetch(Lister<T> lister) {
    Page<T> p = lister.list(limit, page);
    if (!all) {
      return p;
    }
    List<T> items = new ArrayList<>(p.items());
    while (p.hasNext()) {
      p = lister.list(limit, p.nextPage());
      items.addAll(p.items());
    }
    return new Page<>(items, null);
  }

  /** Prints a page; in table mode, followed by how to get the next page, when there is one. */
  <T> void print(Output out, Page<T> result, Function<List<T>, Table> table) {
    out.print(result, () -> table.apply(result.items()));
    if (!out.isJson() && result.hasNext()) {
      out.line("");
      out.line("more: --page " + result.nextPage());
    }
  }
}
