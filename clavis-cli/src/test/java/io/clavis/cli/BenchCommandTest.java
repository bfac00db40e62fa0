package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.cli.bench.BenchReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code clavis bench}'s options: usage errors before any connection, help, the table. */
class BenchCommandTest {
  @TempDir Path dir;

  private CliRunner.Result run(String... args) {
    return new CliRunner().env("CLAVIS_TOKEN", "cvs_t").run(args);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--op nope --key k | unknown --op 'nope': expected"
            + " encrypt|decrypt|generate-data-key|sign|create-key|get",
        "--op encrypt | --op encrypt needs --key",
        "--op create-key | --op create-key needs --vault",
        "--op create-key --key k | --op create-key makes new keys: give --vault, not --key",
        "--op get --key k --vault v | --vault is only for --op create-key over REST",
        "--op encrypt --key k --size 0 | --size must be 1..1048576, got 0",
        "--op encrypt --key k --size 1048577 | --size must be 1..1048576, got 1048577",
        "--op encrypt --key k --concurrency 1025 | --concurrency must be 1..1024, got 1025",
        "--op encrypt --key k --duration 0 | --duration must be 1..3600, got 0",
        "--op encrypt --key k --duration 3601 | --duration must be 1..3600, got 3601",
        "--op encrypt --key k --warmup -1 | --warmup must be 0..600, got -1",
        "--op encrypt --key k --protocol smtp | unknown --protocol 'smtp': expected rest or kmip",
        "--op encrypt --key k --protocol kmip | --protocol kmip needs --server kmip://HOST:PORT",
        "--op encrypt --key k --client-cert c.pem --client-key k.pem"
            + " | --client-cert and --client-key are for KMIP",
        "--server kmip://127.0.0.1:5696 --op sign --key k | --op sign is not offered over KMIP",
        "--server kmip://127.0.0.1:5696 --op get --key k | KMIP needs --client-cert and --client-key",
        "--server kmip://127.0.0.1:5696 --op get --key k --client-cert c --client-key k"
            + " | KMIP needs --ca-cert (or CLAVIS_CACERT)",
        "--server kmip://127.0.0.1:5696 --op get --key k --client-cert c --client-key k"
            + " --ca-cert ca --kmip-version 3 | invalid --kmip-version '3'",
        "--server kmip://a:1,kmip://b:2 --op get --key k | KMIP benchmarks take one server",
        "--server kmip://a:1 --op get --key k --client-cert c --client-key k --spread"
            + " | --spread is for REST",
        "--server kmip://a:1 --protocol rest --op get --key k | --protocol rest needs https://",
      })
  void usageErrorsExitWithTwoBeforeConnecting(String args, String message) {
    CliRunner.Result r = run(("bench " + args).split(" "));

    assertThat(r.exitCode()).as(r.err()).isEqualTo(Main.EXIT_USAGE);
    assertThat(r.err()).startsWith("error: " + message);
    assertThat(r.err()).contains("Usage: clavis bench");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void helpListsTheOptionsOfTheInterface() {
    CliRunner.Result r = run("bench", "--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains(
            "--server",
            "--token",
            "--ca-cert",
            "--client-cert",
            "--client-key",
            "--op",
            "--key",
            "--vault",
            "--size",
            "--concurrency",
            "--duration",
            "--warmup",
            "--protocol",
            "--kmip-version",
            "--progress",
            "--output");
    assertThat(r.out().replaceAll("\\s+", " "))
        .contains(
            "--op=OP What to repeat: encrypt, decrypt, generate-data-key, sign, create-key, get.");
  }

  @Test
  void aKmipIdentityThatCannotBeReadIsAnErrorOfOneLine() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
    CliRunner.Result r =
        run(
            "bench",
            "--server",
            "kmip://127.0.0.1:5696",
            "--op",
            "get",
            "--key",
            "k",
            "--ca-cert",
            ca.toString(),
            "--client-cert",
            dir.resolve("missing.pem").toString(),
            "--client-key",
            dir.resolve("missing-key.pem").toString());

    assertThat(r.exitCode()).isEqualTo(Main.EXIT_ERROR);
    assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\n");
  }

  @Test
  void theTableShowsTheFiguresNodesAndErrors() {
    BenchReport report =
        new BenchReport(
            "encrypt",
            "rest",
            1200,
            3,
            600.0,
            1.5,
            9.25,
            12.0,
            15.0,
            Map.of("node-b", 700L, "node-a", 503L),
            Map.of("UNAVAILABLE", 3L),
            "UNAVAILABLE: no server answered",
            4,
            1024,
            2.0,
            2.0);

    String table = BenchCommand.table(report).render();

    assertThat(table)
        .containsPattern("\nOPERATION +encrypt\n")
        .containsPattern("\nOPS/S +600.0\n")
        .containsPattern("\nP99 +9.250 ms\n")
        .containsPattern("\nP99.9 +12.000 ms\n")
        .containsPattern("\nERRORS +3\n")
        .containsPattern("\nNODE node-a +503\n")
        .containsPattern("\nERROR UNAVAILABLE +3\n")
        .containsPattern("\nFIRST ERROR +UNAVAILABLE: no server answered\n");
    assertThat(table.indexOf("NODE node-a")).isLessThan(table.indexOf("NODE node-b"));
  }
}
