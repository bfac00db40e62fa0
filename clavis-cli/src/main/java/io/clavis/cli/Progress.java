package io.clavis.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code exported 12,000 records...} on standard error while long work runs, at most about once a
 * second: rewritten in place on a terminal, a line each otherwise.
 */
final class Progress {
  private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final PrintWriter err;
  private final boolean terminal;
  private final boolean enabled;
  private final String verb;
  private final String one;
  private final String many;
  private boolean shown;
  private long lastShown;
  private int shownLength;

  /**
   * @param enabled false to show nothing (standard output is the data and standard error is not a
   *     terminal, say)
   * @param verb what is being done, in the past tense: {@code exported}
   * @param one the counted thing, singular: {@code record}
   * @param many plural: {@code records}
   */
  Progress(
      PrintWriter err, boolean terminal, boolean enabled, String verb, String one, String many) {
    this.err = err;
    this.terminal = terminal;
    this.enabled = enabled;
    this.verb = verb;
    this.one = one;
    this.many = many;
  }

  /**
   * Progress of work whose results go to standard output or to a file: shown when standard error is
   * a terminal, or when the results go to a file (standard error is then not mixed with them).
   */
  static Progress forResults(
      PrintWriter err, boolean toFile, String verb, String one, String many) {
    boolean terminal = Terminal.stderrIsTerminal();
    return new Progress(err, terminal, terminal || toFile, verb, one, many);
  }

  /** {@code 1 record}, {@code 12,000 records}. */
  String count(long n) {
    return n == 1 ? n + " " + one : String.format(Locale.ROOT, "%,d %s", n, many);
  }

  void update(long done) {
    long now = System.nanoTime();
    if (!enabled || (shown && now - lastShown < INTERVAL_NANOS)) {
      return;
    }
    shown = true;
    lastShown = now;
    String text = verb + " " + count(done) + "...";
    if (terminal) {
      err.print("\r" + text);
      shownLength = text.length();
    } else {
      err.println(text);
    }
    err.flush();
  }

  /** Clears a progress line on a terminal, so the final count replaces it. */
  void done() {
    if (terminal && shownLength > 0) {
      err.print("\r" + " ".repeat(shownLength) + "\r");
      err.flush();
    }
  }
}
