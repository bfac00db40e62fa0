package io.clavis.cli;

/** A failure the command reports in one line, with exit code 1 (not a usage error). */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message);
  }
}
