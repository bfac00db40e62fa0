package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.TokenInfo;
import io.clavis.client.TokenSummary;
import io.clavis.client.User;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user create|list|get|delete|set-password|unlock|token create|token list}. */
@Command(
    name = "user",
    description = {
      "Manage users, their passwords and their tokens.",
      "Users are people who log in with a password ('clavis login') or use tokens issued for"
          + " them. What they may do comes from the policies that name them or their groups.",
      "Wherever a user id is expected, the user's name works too."
    },
    subcommands = {
      UserCommand.Create.class,
      UserCommand.ListCommand.class,
      UserCommand.Get.class,
      UserCommand.Delete.class,
      UserCommand.SetPassword.class,
      UserCommand.Unlock.class,
      UserCommand.Tokens.class
    })
final class UserCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<User> users) {
    Table t = new Table("ID", "NAME", "GROUPS", "PASSWORD", "LOCKED UNTIL", "CREATED");
    for (User u : users) {
      t.row(
          u.id(),
          u.name(),
          Output.list(u.groups()),
          u.hasPassword() ? "yes" : "no",
          Output.time(u.lockedUntil()),
          Output.time(u.createdAt()));
    }
    return t;
  }

  static Table details(User u) {
    return Table.fieldValue()
        .row("ID", u.id())
        .row("NAME", u.name())
        .row("GROUPS", Output.list(u.groups()))
        .row("PASSWORD", u.hasPassword() ? "yes" : "no")
        .row("LOCKED UNTIL", Output.time(u.lockedUntil()))
        .row("CREATED", Output.time(u.createdAt()))
        .row("CREATED BY", u.createdBy());
  }

  /** A command acting on one user given by id or name. */
  abstract static class OnUser extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER_ID", description = "The user's id or name.")
    String id;
  }

  @Command(
      name = "create",
      description = {
        "Create a user.",
        "Without a password option the user has no password and can only use tokens issued with"
            + " 'clavis user token create'.",
        "Passwords need at least 12 characters."
      })
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The user's unique name.")
    String name;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "A group the user belongs to, by name or id (repeatable).")
    List<String> groups;

    static final class PasswordSource {
      @Option(
          names = "--password-stdin",
          description = "Read the password from standard input (one line).")
      boolean stdin;

      @Option(
          names = "--prompt-password",
          description = "Ask for the password on the terminal (twice, without echo).")
      boolean prompt;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    PasswordSource password;

    private String passwordValue;

    @Override
    void validate(CliContext ctx) throws Exception {
      if (password == null) {
        return;
      }
      if (password.stdin) {
        passwordValue = Passwords.fromStdin(ctx);
        return;
      }
      passwordValue = Passwords.promptNew(ctx);
      if (passwordValue == null) {
        throw usage("no terminal to ask for the password: use --password-stdin");
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      User u = client.createUser(name, groups, passwordValue);
      out.print(u, () -> details(u));
      return 0;
    }
  }

  @Command(name = "list", description = "List users.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<User> items = client.listUsers();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a user.")
  static final class Get extends OnUser {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      User u = client.getUser(id);
      out.print(u, () -> details(u));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a user; their tokens stop working.")
  static final class Delete extends OnUser {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deleteUser(id);
      out.deleted("user", id);
      return 0;
    }
  }

  @Command(
      name = "set-password",
      description = {
        "Set a user's password (at least 12 characters); this also lifts a lockout.",
        "Users may change their own password; changing another's needs 'manage users'.",
        "The password is asked on the terminal (twice, without echo), or read from standard input"
            + " with --password-stdin."
      })
  static final class SetPassword extends OnUser {
    @Option(
        names = "--password-stdin",
        description = "Read the password from standard input (one line) instead of asking.")
    boolean passwordStdin;

    private String password;

    @Override
    void validate(CliContext ctx) throws Exception {
      password = passwordStdin ? Passwords.fromStdin(ctx) : Passwords.promptNew(ctx);
      if (password == null) {
        throw usage("no terminal to ask for the password: use --password-stdin");
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.setUserPassword(id, password);
      if (out.isJson()) {
        out.json(Map.of("passwordSet", id));
      } else {
        out.line("password set for user " + id);
      }
      return 0;
    }
  }

  @Command(
      name = "unlock",
      description = "Lift the lockout of a user after repeated failed logins.")
  static final class Unlock extends OnUser {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      User u = client.unlockUser(id);
      out.print(u, () -> details(u));
      return 0;
    }
  }

  @Command(
      name = "token",
      description = "Issue and list tokens acting for a user.",
      subcommands = {Tokens.Create.class, Tokens.ListCommand.class})
  static final class Tokens {
    @Command(
        name = "create",
        description = {
          "Issue a token acting for a user. The token is printed once: it cannot be read back"
              + " later.",
        })
    static final class Create extends PrincipalTokens.Create {
      @Override
      TokenInfo issue(ClavisClient client) {
        return client.createUserToken(id, ttl, description);
      }
    }

    @Command(name = "list", description = "List a user's tokens (without their secrets).")
    static final class ListCommand extends PrincipalTokens.ListCommand {
      @Override
      List<TokenSummary> list(ClavisClient client) {
        return client.listUserTokens(id);
      }
    }
  }
}
