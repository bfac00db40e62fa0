package io.clavis.cli;

import java.io.InputStream;
import java.util.Objects;
import picocli.CommandLine.Model.CommandSpec;

/** What a command needs from the outside world, injectable for tests. */
public record CliContext(EnvLookup env, InputStream stdin, SecretPrompter prompter) {
  public CliContext {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(prompter, "prompter");
  }

  /** The real environment, standard input and console. */
  public static CliContext system() {
    return new CliContext(EnvLookup.system(), System.in, SecretPrompter.console());
  }

  /** The context of the command line a command runs in. */
  static CliContext of(CommandSpec spec) {
    return ((ClavisCommand) spec.root().userObject()).context();
  }
}
