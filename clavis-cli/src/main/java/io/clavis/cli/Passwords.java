package io.clavis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a password from standard input ({@code --password-stdin}) or asks for it on the terminal,
 * without echo. Passwords are never printed.
 */
final class Passwords {
  private Passwords() {}

  /** The password on standard input: one line, without its line ending. */
  static String fromStdin(CliContext ctx) throws IOException {
    String s = new String(ctx.stdin().readAllBytes(), StandardCharsets.UTF_8);
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new CliException("no password on standard input");
    }
    if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
      throw new CliException("standard input holds more than one line: give the password alone");
    }
    return s;
  }

  /** Asks once; null when there is no terminal to ask on. */
  static String prompt(CliContext ctx, String prompt) {
    char[] typed = ctx.prompter().readSecret(prompt);
    if (typed == null) {
      return null;
    }
    try {
      if (typed.length == 0) {
        throw new CliException("the password is empty");
      }
      return new String(typed);
    } finally {
      Arrays.fill(typed, '\0');
    }
  }

  /** Asks twice and checks that both match; null when there is no terminal to ask on. */
  static String promptNew(CliContext ctx) {
    char[] first = ctx.prompter().readSecret("New password: ");
    if (first == null) {
      return null;
    }
    char[] second = ctx.prompter().readSecret("New password again: ");
    try {
      if (first.length == 0) {
        throw new CliException("the password is empty");
      }
      if (second == null || !Arrays.equals(first, second)) {
        throw new CliException("the passwords do not match");
      }
      return new String(first);
    } finally {
      Arrays.fill(first, '\0');
      if (second != null) {
        Arrays.fill(second, '\0');
      }
    }
  }
}
