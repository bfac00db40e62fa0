package io.clavis.cli;

import java.io.Console;

/** Asks the user for a secret without echo. */
@FunctionalInterface
public interface SecretPrompter {
  /** The secret typed, or null when there is no terminal to ask on. */
  char[] readSecret(String prompt);

  /** Prompts on {@link System#console()}, with echo turned off. */
  static SecretPrompter console() {
    return prompt -> {
      Console console = System.console();
      return console == null ? null : console.readPassword("%s", prompt);
    };
  }

  /** For tests and scripts: never prompts. */
  static SecretPrompter none() {
    return prompt -> null;
  }
}
