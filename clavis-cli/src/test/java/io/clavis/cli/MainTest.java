package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {
  private static final String DEAD = "https://127.0.0.1:1";

  private static void assertOneErrorLine(CliRunner.Result r) {
    assertThat(r.err()).startsWith("error: ").endsWith("\n");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unreachableServerIsOneErrorLineAndExitCode1() {
    CliRunner.Result r = new CliRunner().run("key", "list", "--server", DEAD);
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: cannot reach https://127.0.0.1:1: connection refused\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void everyServerTriedIsNamed() {
    CliRunner.Result r =
        new CliRunner().run("status", "--server", DEAD + ",127.0.0.1:2", "--output", "json");
    assertThat(r.exitCode()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(r.err()).contains("https://127.0.0.1:1").contains("https://127.0.0.1:2");
  }

  @Test
  void theServerComesFromTheEnvironmentWhenNotGiven() {
    CliRunner.Result r =
        new CliRunner().env("CLAVIS_SERVER", "https://127.0.0.1:3").run("vault", "list");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("https://127.0.0.1:3");
  }

  @Test
  void theOptionWinsOverTheEnvironment() {
    CliRunner.Result r =
        new CliRunner()
            .env("CLAVIS_SERVER", "https://127.0.0.1:3")
            .run("vault", "list", "--server", DEAD);
    assertThat(r.err()).contains(DEAD).doesNotContain(":3");
  }

  @Test
  void theDefaultServerIsLocal() {
    CliContext ctx = new CliRunner().context();
    assertThat(new ClientOptions().servers(ctx.env()))
        .extracting(Object::toString)
        .containsExactly("https://127.0.0.1:8443");
  }

  @Test
  void inheritedOptionsWorkBeforeAndAfterTheSubcommand() {
    for (String[] args :
        new String[][] {
          {"key", "--server", DEAD, "get", "key_1"},
          {"key", "get", "key_1", "--server", DEAD},
          {"token", "--server", DEAD, "create", "--ttl", "1h"},
          {"compartment", "list", "--server", DEAD, "-o", "json"}
        }) {
      CliRunner.Result r = new CliRunner().run(args);
      assertThat(r.exitCode()).as(String.join(" ", args)).isEqualTo(1);
      assertThat(r.err()).contains(DEAD);
    }
  }

  @Test
  void tokenAndPlaintextNeverAppearInErrors() {
    CliRunner.Result r =
        new CliRunner()
            .env("CLAVIS_TOKEN", "tok-secret")
            .run("encrypt", "--server", DEAD, "-k", "k1", "--plaintext", "plain-secret");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).doesNotContain("tok-secret").doesNotContain("plain-secret");
  }

  @Test
  void missingFileIsAnErrorNotAUsageError(@TempDir Path dir) {
    String missing = dir.resolve("nope.txt").toString();
    CliRunner.Result r =
        new CliRunner().run("encrypt", "--server", DEAD, "-k", "k1", "--plaintext-file", missing);
    assertThat(r.exitCode()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(r.err()).isEqualTo("error: no such file: " + missing + "\n");
  }

  @Test
  void invalidTokenIsOneErrorLine() {
    CliRunner.Result r = new CliRunner().run("vault", "list", "--server", DEAD, "--token", "a b");
    assertThat(r.exitCode()).isEqualTo(1);
    assertOneErrorLine(r);
  }

  @Test
  void usageErrorsExitWith2() {
    String[][] cases = {
      {"encrypt", "--plaintext", "x"}, // no --key
      {"encrypt", "-k", "k"}, // no plaintext
      {"encrypt", "-k", "k", "--plaintext", "x", "--plaintext-base64", "eA=="},
      {"encrypt", "-k", "k", "--plaintext", "x", "--plaintext-file", "f"},
      {"encrypt", "-k", "k", "--plaintext-base64", "not base64!"},
      {"encrypt", "-k", "k", "--plaintext", "x", "--aad", "a", "--aad-base64", "YQ=="},
      {
        "sign",
        "-k",
        "k",
        "--algorithm",
        "ECDSA_SHA256",
        "--message",
        "m",
        "--digest-base64",
        "YQ=="
      },
      {"verify", "-k", "k", "--algorithm", "ECDSA_SHA256", "--message", "m"}, // no --signature
      {"mac", "-k", "k"},
      {"decrypt"},
      {"key", "create", "name"}, // no --vault, --algorithm
      {"key", "update", "key_1"}, // nothing to update
      {"key", "update", "key_1", "--tag", "a=b", "--clear-tags"},
      {"init", "--type", "shamir"},
      {"init", "--type", "passphrase", "--shares", "3"},
      {"init", "--type", "nope"},
      {"unseal", "--share", "s", "--reset"},
      {"token", "create", "--ttl", "soon"},
      {"random", "many"},
      {"key"},
      {"nonsense"},
      {"vault", "list", "--output", "yaml"},
    };
    for (String[] args : cases) {
      CliRunner.Result r = new CliRunner().env("CLAVIS_SERVER", DEAD).run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void initWithoutTerminalAsksForAPassphraseFile() {
    CliRunner.Result r = new CliRunner().run("init", "--server", DEAD);
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("use --passphrase-file");
  }

  @Test
  void initPromptsTwiceAndChecksTheyMatch() {
    CliRunner runner = new CliRunner();
    List<String> prompts = new ArrayList<>();
    String[] answers = {"one", "two"};
    runner.prompter =
        prompt -> {
          prompts.add(prompt);
          return answers[prompts.size() - 1].toCharArray();
        };
    CliRunner.Result r = runner.run("init", "--server", DEAD);
    assertThat(prompts).containsExactly("Passphrase: ", "Passphrase again: ");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("error: the passphrases do not match\n");
  }

  @Test
  void initReadsThePassphraseFileThenConnects(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("pass"), "correct horse\n");
    CliRunner.Result r =
        new CliRunner().run("init", "--server", DEAD, "--passphrase-file", file.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: cannot reach");
  }

  @Test
  void caCertFromTheEnvironmentIsUsed(@TempDir Path dir) {
    CliRunner.Result r =
        new CliRunner()
            .env("CLAVIS_CACERT", dir.resolve("missing-ca.pem").toString())
            .run("status", "--server", DEAD);
    assertThat(r.exitCode()).isEqualTo(1);
    assertOneErrorLine(r);
    assertThat(r.err()).contains("missing-ca.pem");
  }

  @Test
  void versionExits0() {
    CliRunner.Result r = new CliRunner().run("--version");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).startsWith("clavis ");
  }

  @TestFactory
  Stream<DynamicTest> helpOfEveryCommandExits0() {
    List<List<String>> paths = new ArrayList<>();
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    collect(Main.commandLine(new CliRunner().context(), sink, sink), new ArrayList<>(), paths);
    assertThat(paths)
        .extracting(p -> String.join(" ", p))
        .contains(
            "",
            "server",
            "dev",
            "init",
            "unseal",
            "status",
            "seal",
            "login",
            "whoami",
            "token create",
            "token revoke",
            "random",
            "compartment create",
            "compartment list",
            "compartment get",
            "compartment delete",
            "vault create",
            "vault list",
            "vault get",
            "key create",
            "key list",
            "key get",
            "key update",
            "key rotate",
            "key enable",
            "key disable",
            "key schedule-deletion",
            "key cancel-deletion",
            "key public-key",
            "encrypt",
            "decrypt",
            "data-key",
            "re-encrypt",
            "sign",
            "verify",
            "mac",
            "verify-mac",
            "user create",
            "user list",
            "user get",
            "user delete",
            "user set-password",
            "user unlock",
            "user token create",
            "user token list",
            "service create",
            "service list",
            "service get",
            "service delete",
            "service token create",
            "service token list",
            "group create",
            "group list",
            "group get",
            "group delete",
            "group add-member",
            "group remove-member",
            "policy create",
            "policy list",
            "policy get",
            "policy update",
            "policy delete",
            "policy explain",
            "audit list",
            "audit export",
            "audit verify");
    return paths.stream()
        .map(
            path ->
                DynamicTest.dynamicTest(
                    "clavis " + String.join(" ", path) + " --help",
                    () -> {
                      List<String> args = new ArrayList<>(path);
                      args.add("--help");
                      CliRunner.Result r = new CliRunner().run(args.toArray(String[]::new));
                      assertThat(r.exitCode()).isZero();
                      assertThat(r.out()).startsWith("Usage: clavis");
                      assertThat(r.err()).isEmpty();
                    }));
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    out.add(List.copyOf(path));
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (name.equals("help") || !sub.getCommandName().equals(name)) {
                return; // the help command and aliases
              }
              List<String> p = new ArrayList<>(path);
              p.add(name);
              collect(sub, p, out);
            });
  }
}
