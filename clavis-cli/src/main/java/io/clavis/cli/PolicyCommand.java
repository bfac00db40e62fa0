package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Policy;
import io.clavis.client.PolicyExplanation;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code policy create|list|get|update|delete|explain}. */
@Command(
    name = "policy",
    description = {
      "Manage policies: who may do what, and where.",
      "A policy is a named list of statements attached to a compartment, granting in that"
          + " compartment and below. Nothing is allowed unless a statement allows it (the root"
          + " token excepted).",
      "A statement reads: allow <subject> to <verb> <resource-type> in <location> [where"
          + " <condition>], for example 'allow group apps to use keys in compartment Prod'."
          + " Subjects: group NAME, user NAME, service NAME, any-user. Verbs: inspect, read, use,"
          + " manage. Locations: tenancy, compartment PATH (names separated by ':'), compartment"
          + " id ID.",
      "Wherever a policy id is expected, the policy's name works too."
    },
    subcommands = {
      PolicyCommand.Create.class,
      PolicyCommand.ListCommand.class,
      PolicyCommand.Get.class,
      PolicyCommand.Update.class,
      PolicyCommand.Delete.class,
      PolicyCommand.Explain.class
    })
final class PolicyCommand {
  /** The exit code of {@code policy explain} when the operation is denied. */
  static final int EXIT_DENIED = 3;

  /** A statement file is refused beyond this size (100 statements of at most 4 KiB, and room). */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Policy> policies) {
    Table t = new Table("ID", "NAME", "COMPARTMENT", "STATEMENTS", "UPDATED", "DESCRIPTION");
    for (Policy p : policies) {
      t.row(
          p.id(),
          p.name(),
          p.compartmentId(),
          p.statements().size(),
          Output.time(p.updatedAt()),
          p.description());
    }
    return t;
  }

  static Table details(Policy p) {
    List<String> numbered = new ArrayList<>();
    for (int i = 0; i < p.statements().size(); i++) {
      numbered.add((i + 1) + ". " + p.statements().get(i));
    }
    return Table.fieldValue()
        .row("ID", p.id())
        .row("NAME", p.name())
        .row("COMPARTMENT", p.compartmentId())
        .row("DESCRIPTION", p.description())
        .row("BUILT-IN", p.builtIn() ? "yes" : "no")
        .row("STATEMENTS", numbered.isEmpty() ? null : String.join("\n", numbered))
        .row("CREATED", Output.time(p.createdAt()))
        .row("CREATED BY", p.createdBy())
        .row("UPDATED", Output.time(p.updatedAt()));
  }

  /**
   * The statements of a statement file: one per line; blank lines and lines starting with {@code #}
   * (after blanks) are skipped; surrounding blanks are removed. A UTF-8 byte order mark is ignored.
   *
   * @throws CliException when the text holds no statement
   */
  static List<String> parseStatements(String text, String source) {
    String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
    List<String> out = new ArrayList<>();
    for (String line : t.split("\r\n|\n|\r", -1)) {
      String s = line.strip();
      if (!s.isEmpty() && !s.startsWith("#")) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new CliException(source + " holds no statement (one per line; # starts a comment)");
    }
    return out;
  }

  /** {@code (--statement TEXT)... | --file FILE}: exactly one of them, as an exclusive group. */
  static final class Statements {
    @Option(
        names = "--statement",
        paramLabel = "TEXT",
        description = "A statement (repeatable, in order).")
    List<String> statements;

    @Option(
        names = "--file",
        paramLabel = "FILE",
        description =
            "Read the statements from a file (- for standard input): one per line; blank lines"
                + " and lines starting with # are skipped.")
    String file;

    List<String> read(CliContext ctx) throws IOException {
      if (file == null) {
        for (String s : statements) {
          if (s.isBlank()) {
            throw new CliException("--statement must not be empty");
          }
        }
        return statements.stream().map(String::strip).toList();
      }
      byte[] bytes = Inputs.readFile(file, ctx);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new CliException("the file " + file + " is larger than 1 MiB");
      }
      String text = Inputs.utf8OrNull(bytes);
      if (text == null) {
        throw new CliException("the file " + file + " is not UTF-8 text");
      }
      return parseStatements(text, "-".equals(file) ? "standard input" : "the file " + file);
    }
  }

  @Command(
      name = "create",
      description = {
        "Create a policy.",
        "Every statement is checked first: a statement that does not parse, or names a group,"
            + " user, service or compartment that does not exist, is refused with its number and"
            + " position (INVALID_POLICY) and nothing is stored."
      })
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The policy's unique name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Statements statements;

    @Option(
        names = "--compartment",
        paramLabel = "COMPARTMENT_ID",
        description =
            "Attach it to this compartment: it grants only there and below (default: the tenancy"
                + " root).")
    String compartmentId;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
    String description;

    private List<String> list;

    @Override
    void validate(CliContext ctx) throws Exception {
      list = statements.read(ctx);
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Policy p = client.createPolicy(name, compartmentId, description, list);
      out.print(p, () -> details(p));
      return 0;
    }
  }

  @Command(name = "list", description = "List policies, the built-in one first.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Policy> items = client.listPolicies();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a policy and its statements.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "POLICY_ID", description = "The policy's id or name.")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Policy p = client.getPolicy(id);
      out.print(p, () -> details(p));
      return 0;
    }
  }

  @Command(
      name = "update",
      description = {
        "Replace the statements of a policy.",
        "They are checked as for create. The built-in policy cannot be changed."
      })
  static final class Update extends ClientCommand {
    @Parameters(index = "0", paramLabel = "POLICY_ID", description = "The policy's id or name.")
    String id;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Statements statements;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "New description (default: keep the current one).")
    String description;

    private List<String> list;

    @Override
    void validate(CliContext ctx) throws Exception {
      list = statements.read(ctx);
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Policy p = client.updatePolicy(id, list, description);
      out.print(p, () -> details(p));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a policy; its grants end at once.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "POLICY_ID", description = "The policy's id or name.")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deletePolicy(id);
      out.deleted("policy", id);
      return 0;
    }
  }

  @Command(
      name = "explain",
      description = {
        "Say whether a user or service may do an operation, and why.",
        "Operations are named as in the audit trail, such as key.encrypt, vault.create or"
            + " policy.update; the resource is the id of the key, vault, compartment or policy the"
            + " operation would act on.",
        "Prints ALLOWED with the statement that allows it, or DENIED with the reason."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:allowed",
        "1:error (one 'error:' line on standard error)",
        "2:usage error",
        "3:denied"
      })
  static final class Explain extends ClientCommand {
    @Option(
        names = "--principal",
        required = true,
        paramLabel = "NAME",
        description = "The user or service, by name or id.")
    String principal;

    @Option(
        names = "--operation",
        required = true,
        paramLabel = "OPERATION",
        description = "The operation, such as key.encrypt.")
    String operation;

    @Option(
        names = "--resource",
        paramLabel = "ID",
        description =
            "The key, vault, compartment or policy it acts on (default: the tenancy, for"
                + " tenancy-wide operations).")
    String resource;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      PolicyExplanation e = client.explainPolicy(principal, operation, resource);
      if (out.isJson()) {
        out.json(e);
      } else {
        out.line(line(e));
      }
      return e.allowed() ? 0 : EXIT_DENIED;
    }

    /** {@code ALLOWED by statement N of policy P: <text>}, or the verdict with the reason. */
    static String line(PolicyExplanation e) {
      String verdict = e.allowed() ? "ALLOWED" : "DENIED";
      PolicyExplanation.Statement s = e.statement();
      if (s != null) {
        return verdict
            + " by statement "
            + s.index()
            + " of policy "
            + s.policyName()
            + ": "
            + s.text();
      }
      String line = verdict + ": " + (e.reason() == null ? "no reason given" : e.reason());
      if (!e.allowed() && e.permission() != null && e.compartmentId() != null) {
        line += " (needs '" + e.permission() + "' in compartment " + e.compartmentId() + ")";
      }
      return line;
    }
  }
}
