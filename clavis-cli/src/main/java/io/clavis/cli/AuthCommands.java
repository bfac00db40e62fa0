package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.TokenInfo;
import io.clavis.client.WhoAmI;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code login} and {@code whoami}. */
final class AuthCommands {
  private AuthCommands() {}

  /** A freshly issued token: the only time a command prints a secret. */
  static void printToken(Output out, TokenInfo t) {
    out.print(
        t,
        () ->
            Table.fieldValue()
                .row("TOKEN", t.token())
                .row("ID", t.id())
                .row("EXPIRES AT", Output.time(t.expiresAt())));
  }

  @Command(
      name = "login",
      description = {
        "Log in as a user with a password and print a session token (shown only this once).",
        "The password is asked on the terminal without echo, or read from standard input with"
            + " --password-stdin. Use the token with --token or CLAVIS_TOKEN; repeated wrong"
            + " passwords lock the user (ACCOUNT_LOCKED) until an administrator runs"
            + " 'clavis user unlock' or the lockout ends.",
        "Example: export CLAVIS_TOKEN=$(clavis login --name alice -o json | jq -r .token)"
      })
  static final class Login extends ClientCommand.Standalone {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The user.")
    String name;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        converter = TokenCommand.TtlConverter.class,
        description = "Session lifetime: 90s, 30m, 12h or seconds (default and maximum: 8h).")
    Duration ttl;

    @Option(
        names = "--password-stdin",
        description = "Read the password from standard input (one line) instead of asking.")
    boolean passwordStdin;

    private String password;

    @Override
    void validate(CliContext ctx) throws Exception {
      if (passwordStdin) {
        password = Passwords.fromStdin(ctx);
        return;
      }
      password = Passwords.prompt(ctx, "Password for " + name + ": ");
      if (password == null) {
        throw usage("no terminal to ask for the password: use --password-stdin");
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      printToken(out, client.login(name, password, ttl));
      return 0;
    }
  }

  @Command(
      name = "whoami",
      description = "Show who the server takes you to be: name, type, groups and token.")
  static final class WhoAmICommand extends ClientCommand.Standalone {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      WhoAmI w = client.whoami();
      out.print(
          w,
          () ->
              Table.fieldValue()
                  .row("ID", w.id())
                  .row("NAME", w.name())
                  .row("TYPE", w.type())
                  .row("GROUPS", Output.list(w.groups()))
                  .row("AUTH METHOD", w.authMethod())
                  .row("TOKEN ID", w.tokenId()));
      return 0;
    }
  }
}
