package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;

/**
 * The identity, policy and audit commands without a server: statement files, option parsing and
 * validation, and their one-line errors.
 */
class AccessCommandsTest {
  private static final String DEAD = "https://127.0.0.1:1";

  private final CliRunner runner = new CliRunner();

  @SuppressWarnings("unchecked")
  private <T> T parse(String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CommandLine cl = Main.commandLine(runner.context(), sink, sink);
    ParseResult pr = cl.parseArgs(args);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return (T) pr.commandSpec().userObject();
  }

  private static void assertOneErrorLine(CliRunner.Result r, int exitCode) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(exitCode);
    assertThat(r.err()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\tat ");
    if (exitCode == Main.EXIT_ERROR) {
      assertThat(r.err().lines()).hasSize(1);
    }
    assertThat(r.out()).isEmpty();
  }

  // ------------------------------------------------------------------ statement files

  @Test
  void aStatementFileHasOneStatementPerLineAndSkipsBlankAndCommentLines() {
    String text =
        "\uFEFF# policy for the apps\r\n"
            + "allow group apps to use keys in compartment Prod\r\n"
            + "\n"
            + "   \t\n"
            + "   # indented comment\n"
            + "  allow group apps to inspect vaults in compartment Prod  \n"
            + "allow any-user to inspect compartments in tenancy where request.operation = '#x'";
    assertThat(PolicyCommand.parseStatements(text, "f"))
        .containsExactly(
            "allow group apps to use keys in compartment Prod",
            "allow group apps to inspect vaults in compartment Prod",
            "allow any-user to inspect compartments in tenancy where request.operation = '#x'");
    assertThat(PolicyCommand.parseStatements("a\rb\n", "f")).containsExactly("a", "b");
  }

  @Test
  void aStatementFileWithoutStatementsIsAnError() {
    assertThatThrownBy(
            () -> PolicyCommand.parseStatements("# only\n\n  # comments\n", "the file f"))
        .isInstanceOf(CliException.class)
        .hasMessage("the file f holds no statement (one per line; # starts a comment)");
    assertThatThrownBy(() -> PolicyCommand.parseStatements("", "standard input"))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("standard input holds no statement");
  }

  @Test
  void statementsComeFromOptionsInOrderOrFromAFileOrStandardInput(@TempDir Path dir)
      throws Exception {
    PolicyCommand.Create c =
        parse("policy", "create", "p", "--statement", " s1 ", "--statement", "s2");
    assertThat(c.statements.read(runner.context())).containsExactly("s1", "s2");

    Path f = Files.writeString(dir.resolve("p.txt"), "# c\ns1\n\ns2\n");
    PolicyCommand.Update u = parse("policy", "update", "p", "--file", f.toString());
    assertThat(u.statements.read(runner.context())).containsExactly("s1", "s2");

    runner.stdin("s3\n");
    PolicyCommand.Create s = parse("policy", "create", "p", "--file", "-");
    assertThat(s.statements.read(runner.context())).containsExactly("s3");
  }

  @Test
  void badStatementFilesAreOneErrorLineBeforeAnyConnection(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing\n");
    CliRunner.Result r = runner.run("policy", "create", "p", "--file", empty.toString());
    assertOneErrorLine(r, 1);
    assertThat(r.err())
        .isEqualTo(
            "error: the file "
                + empty
                + " holds no statement (one per line; # starts a comment)\n");

    Path binary = Files.write(dir.resolve("bin.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    CliRunner.Result b = runner.run("policy", "create", "p", "--file", binary.toString());
    assertOneErrorLine(b, 1);
    assertThat(b.err()).isEqualTo("error: the file " + binary + " is not UTF-8 text\n");

    String missing = dir.resolve("none.txt").toString();
    CliRunner.Result m = runner.run("policy", "update", "p", "--file", missing);
    assertOneErrorLine(m, 1);
    assertThat(m.err()).isEqualTo("error: no such file: " + missing + "\n");

    CliRunner.Result blank = runner.run("policy", "create", "p", "--statement", "  ");
    assertOneErrorLine(blank, 1);
    assertThat(blank.err()).isEqualTo("error: --statement must not be empty\n");
  }

  // ------------------------------------------------------------------ times

  @Test
  void timesAreRfc3339DatesOrDurationsAgo() {
    Instant now = Instant.parse("2026-11-23T12:00:00Z");
    assertThat(AuditCommand.parseTime("2026-11-23T07:00:00Z", now))
        .isEqualTo(Instant.parse("2026-11-23T07:00:00Z"));
    assertThat(AuditCommand.parseTime("2026-11-23T08:00:00.5+01:00", now))
        .isEqualTo(Instant.parse("2026-11-23T07:00:00.5Z"));
    assertThat(AuditCommand.parseTime("2026-11-20", now))
        .isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    assertThat(AuditCommand.parseTime("12h", now)).isEqualTo(now.minus(Duration.ofHours(12)));
    assertThat(AuditCommand.parseTime(" 7d ", now)).isEqualTo(now.minus(Duration.ofDays(7)));
    for (String bad : new String[] {"yesterday", "2026-13-01", "-1h", "2026-11-23 07:00", ""}) {
      assertThatThrownBy(() -> AuditCommand.parseTime(bad, now))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageStartingWith("invalid time '" + bad + "'");
    }
  }

  // ------------------------------------------------------------------ parsing

  @Test
  void auditFiltersBecomeTheQuery() {
    AuditCommand.ListCommand l =
        parse(
            "audit",
            "list",
            "--key",
            "key_1",
            "--principal",
            "alice",
            "--operation",
            "key.*",
            "--result",
            "DENIED",
            "--from",
            "2026-11-01",
            "--to",
            "2026-11-02T00:00:00Z",
            "--limit",
            "10",
            "--page",
            "p2",
            "--server",
            DEAD,
            "-o",
            "json");
    assertThat(l.filters.query())
        .isEqualTo(
            new io.clavis.client.AuditQuery(
                "key_1",
                "alice",
                "key.*",
                "denied",
                Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-11-02T00:00:00Z")));
    assertThat(l.limit).isEqualTo(10);
    assertThat(l.page).isEqualTo("p2");
    assertThat(l.clientOptions.output()).isEqualTo(OutputFormat.json);

    AuditCommand.Export e =
        parse("audit", "export", "--format", "syslog", "--out", "f.log", "--principal", "bob");
    assertThat(e.format.format).isEqualTo(io.clavis.client.AuditExport.Format.SYSLOG);
    assertThat(e.outFile).isEqualTo(Path.of("f.log"));
    assertThat(e.filters.query().principal()).isEqualTo("bob");
    assertThat(e.filters.query().result()).isNull();
  }

  @Test
  void identityOptions() {
    UserCommand.Create u = parse("user", "create", "alice", "--group", "apps", "--group", "ops");
    assertThat(u.name).isEqualTo("alice");
    assertThat(u.groups).containsExactly("apps", "ops");
    assertThat(u.password).isNull();
    UserCommand.Tokens.Create t =
        parse("user", "token", "create", "alice", "--ttl", "7d", "--description", "ci");
    assertThat(t.id).isEqualTo("alice");
    assertThat(t.ttl).isEqualTo(Duration.ofDays(7));
    assertThat(t.description).isEqualTo("ci");
    GroupCommand.AddMember a = parse("group", "add-member", "apps", "alice", "billing");
    assertThat(a.id).isEqualTo("apps");
    assertThat(a.members).containsExactly("alice", "billing");
    PolicyCommand.Explain x =
        parse("policy", "explain", "--principal", "alice", "--operation", "key.encrypt");
    assertThat(x.resource).isNull();
    AuthCommands.Login l = parse("login", "--name", "alice", "--ttl", "30m", "--password-stdin");
    assertThat(l.ttl).isEqualTo(Duration.ofMinutes(30));
    assertThat(l.passwordStdin).isTrue();
  }

  @Test
  void clientOptionsReachNestedCommands() {
    for (String[] args :
        new String[][] {
          {"user", "token", "list", "alice", "--server", DEAD},
          {"user", "--server", DEAD, "token", "create", "alice"},
          {"service", "token", "list", "billing", "--server", DEAD, "-o", "json"},
          {"group", "list", "--server", DEAD},
          {"policy", "get", "p", "--server", DEAD},
          {"audit", "list", "--server", DEAD},
          {"whoami", "--server", DEAD},
          {"token", "revoke", "token_1", "--server", DEAD},
          {"compartment", "delete", "c1", "--server", DEAD}
        }) {
      CliRunner.Result r = new CliRunner().run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(1);
      assertThat(r.err()).isEqualTo("error: cannot reach " + DEAD + ": connection refused\n");
    }
  }

  // ------------------------------------------------------------------ validation

  @Test
  void usageErrorsExitWith2() {
    String[][] cases = {
      {"login"}, // no --name
      {"login", "--name", "alice", "--ttl", "soon"},
      {"user", "create"},
      {"user", "create", "a", "--password-stdin", "--prompt-password"},
      {"user", "token"},
      {"user", "token", "create"},
      {"service", "create", "s", "--certificate"},
      {"group", "add-member", "apps"}, // no member
      {"group", "remove-member", "apps"},
      {"policy", "create", "p"}, // no statements
      {"policy", "create", "p", "--statement", "s", "--file", "f"},
      {"policy", "update", "p"},
      {"policy", "explain", "--principal", "alice"}, // no --operation
      {"audit", "list", "--limit", "0"},
      {"audit", "list", "--limit", "1001"},
      {"audit", "list", "--result", "maybe"},
      {"audit", "list", "--from", "yesterday"},
      {"audit", "list", "--from", "2026-11-02", "--to", "2026-11-01"},
      {"audit", "export"}, // no --format
      {"audit", "export", "--format", "csv"},
      {"audit", "export", "--format", "jsonl", "--limit", "5000"},
      {"audit", "verify"}, // no --data
      {"audit", "verify", "--data", "d", "--server", DEAD},
      {"token", "revoke"},
      {"compartment", "get"},
    };
    for (String[] args : cases) {
      CliRunner.Result r = new CliRunner().env("CLAVIS_SERVER", DEAD).run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void validationMessagesSayWhatIsWrong() {
    assertThat(runner.run("audit", "list", "--limit", "0").err())
        .startsWith("error: --limit must be 1..1000, not 0\n");
    assertThat(runner.run("audit", "list", "--from", "2026-11-02", "--to", "2026-11-01").err())
        .startsWith(
            "error: --from (2026-11-02T00:00:00Z) must be before --to (2026-11-01T00:00:00Z)\n");
    assertThat(runner.run("audit", "export", "--format", "jsonl", "--from", "soon").err())
        .startsWith("error: Invalid value for option '--from': invalid time 'soon'");
  }

  @Test
  void loginWithoutATerminalAsksForPasswordStdin() {
    CliRunner.Result r = runner.run("login", "--name", "alice", "--server", DEAD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("error: no terminal to ask for the password: use --password-stdin\n");
    CliRunner.Result s = runner.run("user", "set-password", "alice", "--server", DEAD);
    assertThat(s.exitCode()).isEqualTo(2);
    assertThat(s.err()).contains("use --password-stdin");
  }

  @Test
  void passwordsOnStandardInputAreOneLine() {
    CliRunner.Result empty =
        new CliRunner().stdin("").run("login", "--name", "a", "--password-stdin", "--server", DEAD);
    assertOneErrorLine(empty, 1);
    assertThat(empty.err()).isEqualTo("error: no password on standard input\n");

    CliRunner.Result two =
        new CliRunner()
            .stdin("first line\nsecond line\n")
            .run("user", "create", "a", "--password-stdin", "--server", DEAD);
    assertOneErrorLine(two, 1);
    assertThat(two.err())
        .isEqualTo("error: standard input holds more than one line: give the password alone\n");

    CliRunner.Result ok =
        new CliRunner()
            .stdin("a long password\r\n")
            .run("login", "--name", "a", "--password-stdin", "--server", DEAD);
    assertThat(ok.err()).startsWith("error: cannot reach"); // read, then connected
  }

  @Test
  void promptedPasswordsAreAskedWithoutEchoAndMustMatch() {
    CliRunner r = new CliRunner();
    List<String> prompts = new ArrayList<>();
    String[] answers = {"a long password", "another password"};
    r.prompter =
        prompt -> {
          prompts.add(prompt);
          return answers[prompts.size() - 1].toCharArray();
        };
    CliRunner.Result result =
        r.run("user", "create", "alice", "--prompt-password", "--server", DEAD);
    assertThat(prompts).containsExactly("New password: ", "New password again: ");
    assertOneErrorLine(result, 1);
    assertThat(result.err()).isEqualTo("error: the passwords do not match\n");
    assertThat(result.err()).doesNotContain("a long password");

    CliRunner login = new CliRunner();
    List<String> asked = new ArrayList<>();
    login.prompter =
        prompt -> {
          asked.add(prompt);
          return "a long password".toCharArray();
        };
    CliRunner.Result l = login.run("login", "--name", "alice", "--server", DEAD);
    assertThat(asked).containsExactly("Password for alice: ");
    assertThat(l.err()).startsWith("error: cannot reach").doesNotContain("a long password");
  }

  @Test
  void certificateFilesAreCheckedBeforeAnyConnection(@TempDir Path dir) throws Exception {
    String missing = dir.resolve("none.pem").toString();
    CliRunner.Result m =
        runner.run("service", "create", "s", "--certificate", missing, "--server", DEAD);
    assertOneErrorLine(m, 1);
    assertThat(m.err()).isEqualTo("error: no such file: " + missing + "\n");

    Path notPem = Files.writeString(dir.resolve("x.pem"), "hello", StandardCharsets.UTF_8);
    CliRunner.Result n =
        runner.run("service", "create", "s", "--certificate", notPem.toString(), "--server", DEAD);
    assertOneErrorLine(n, 1);
    assertThat(n.err()).contains("holds no PEM certificate");

    Path big = Files.write(dir.resolve("big.pem"), new byte[70 * 1024]);
    CliRunner.Result b =
        runner.run("service", "create", "s", "--certificate", big.toString(), "--server", DEAD);
    assertOneErrorLine(b, 1);
    assertThat(b.err()).contains("larger than 64 KiB");
  }

  @Test
  void theExportFileMustBeInAnExistingDirectory(@TempDir Path dir) {
    Path missing = dir.resolve("none");
    CliRunner.Result r =
        runner.run(
            "audit",
            "export",
            "--format",
            "jsonl",
            "--out",
            missing.resolve("a.jsonl").toString(),
            "--server",
            DEAD);
    assertOneErrorLine(r, 1);
    assertThat(r.err()).isEqualTo("error: no such directory: " + missing + "\n");
    CliRunner.Result d =
        runner.run(
            "audit", "export", "--format", "jsonl", "--out", dir.toString(), "--server", DEAD);
    assertOneErrorLine(d, 1);
    assertThat(d.err()).isEqualTo("error: " + dir + " is a directory\n");
  }

  @Test
  void verifyWithoutAnAuditDirectoryExitsWith2(@TempDir Path dir) {
    CliRunner.Result r = runner.run("audit", "verify", "--data", dir.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: no audit trail in "
                + dir
                + ": "
                + dir.resolve("audit")
                + " is not a directory (is --data a node's data directory?)\n");
  }

  @Test
  void verifyOfAnEmptyTrailWithoutANodeWarnsAndIsIntact(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("audit"));
    CliRunner.Result r = runner.run("audit", "verify", "--data", dir.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo("audit trail intact: 0 records on node - (0 committed heads checked)\n");
    assertThat(r.err())
        .isEqualTo(
            "warning: no "
                + dir.resolve("node.json")
                + ": the node and its committed heads are unknown; checking the chain without"
                + " them\n");
  }

  @Test
  void explainTellsItsExitCodesInItsHelp() {
    CliRunner.Result r = runner.run("policy", "explain", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("Exit codes:").containsPattern("3\\s+denied");
    CliRunner.Result v = runner.run("audit", "verify", "--help");
    assertThat(v.out()).containsPattern("1\\s+the trail is broken");
  }
}
