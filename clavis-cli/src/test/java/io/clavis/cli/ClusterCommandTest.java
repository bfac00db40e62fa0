package io.clavis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** {@code clavis cluster ...} and {@code clavis dev --nodes}: parsing, usage errors, offline. */
class ClusterCommandTest {
  private static final String DEAD = "https://127.0.0.1:1";
  private static final String FP =
      "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";

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

  private static void assertOneErrorLine(CliRunner.Result r) {
    assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: ").endsWith("\n");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void stepDownSaysWhatHappenedToLeadershipInEveryCase() {
    assertThat(ClusterCommand.StepDown.movement("node1", "node2"))
        .isEqualTo("Leadership moved from node1 to node2.");
    assertThat(ClusterCommand.StepDown.movement("node1", "node1"))
        .isEqualTo("Leadership did not move: node1 leads.");
    assertThat(ClusterCommand.StepDown.movement("node1", null))
        .isEqualTo("Leadership left node1; no new leader is known yet.");
    assertThat(ClusterCommand.StepDown.movement(null, "node3")).isEqualTo("node3 leads.");
    assertThat(ClusterCommand.StepDown.movement(null, null)).isEqualTo("No member leads yet.");
  }

  @Test
  void addCandidateOptions() {
    ClusterCommand.AddCandidate a =
        parse(
            "cluster",
            "add-candidate",
            "--name",
            "node2",
            "--cluster-address",
            "10.0.0.2:8444",
            "--api-address",
            "https://10.0.0.2:8443",
            "--fingerprint",
            FP,
            "--server",
            DEAD,
            "-o",
            "json");
    assertThat(a.name).isEqualTo("node2");
    assertThat(a.clusterAddress).isEqualTo("10.0.0.2:8444");
    assertThat(a.apiAddress).isEqualTo("https://10.0.0.2:8443");
    assertThat(a.fingerprint).isEqualTo(FP);
    assertThat(a.clientOptions.server).isEqualTo(DEAD);
    assertThat(a.clientOptions.output()).isEqualTo(OutputFormat.json);
  }

  @Test
  void candidateOptionsDefaultToLocalhostAndTheStandardPorts() {
    ClusterCommand.Fingerprint f = parse("cluster", "fingerprint", "--data", "d", "--name", "n2");
    assertThat(f.candidate.host).isEqualTo("127.0.0.1");
    assertThat(f.candidate.apiPort).isEqualTo(8443);
    assertThat(f.candidate.clusterPort).isEqualTo(8444);
    assertThat(f.candidate.kmipPort).isEqualTo(5696);
    assertThat(f.candidate.apiAddress()).isEqualTo("https://127.0.0.1:8443");
    assertThat(f.candidate.clusterAddress()).isEqualTo("127.0.0.1:8444");

    ClusterCommand.Join j =
        parse(
            "cluster",
            "join",
            "--data",
            "d",
            "--name",
            "n2",
            "--controller",
            DEAD,
            "--ca-fingerprint",
            FP,
            "--host",
            "10.0.0.2",
            "--api-port",
            "9443",
            "--cluster-port",
            "9444",
            "--kmip-port",
            "9696");
    assertThat(j.controller).isEqualTo(DEAD);
    assertThat(j.caFingerprint).isEqualTo(FP);
    assertThat(j.candidate.candidate())
        .isEqualTo(
            new io.clavis.server.cluster.JoinClient.Candidate("n2", "10.0.0.2", 9443, 9444, 9696));
  }

  @Test
  void setRoleTakesNameAndRole() {
    ClusterCommand.SetRole s = parse("cluster", "set-role", "node4", "listener");
    assertThat(s.name).isEqualTo("node4");
    assertThat(s.role).isEqualTo("listener");
    ClusterCommand.RemoveNode r = parse("cluster", "remove-node", "node4");
    assertThat(r.name).isEqualTo("node4");
    ClusterCommand.StepDown d = parse("cluster", "step-down", "--to", "node2");
    assertThat(d.to).isEqualTo("node2");
    ClusterCommand.StepDown any = parse("cluster", "step-down");
    assertThat(any.to).isNull();
  }

  @Test
  void usageErrorsExitWith2() {
    String[][] cases = {
      {"cluster"},
      {"cluster", "status", "extra"},
      {"cluster", "add-candidate", "--name", "n"},
      {
        "cluster",
        "add-candidate",
        "--name",
        "n",
        "--api-address",
        "https://h:1",
        "--cluster-address",
        "h:2",
        "--fingerprint",
        "not-a-fingerprint"
      },
      {"cluster", "remove-node"},
      {"cluster", "set-role", "node2"},
      {"cluster", "set-role", "node2", "BOSS"},
      {"cluster", "step-down", "node2"},
      {"cluster", "step-down", "--to"},
      {"cluster", "fingerprint", "--name", "n"},
      {"cluster", "fingerprint", "--data", "d"},
      {"cluster", "fingerprint", "--data", "d", "--name", "n", "--api-port", "70000"},
      {"cluster", "join", "--data", "d", "--name", "n", "--controller", DEAD},
      {"cluster", "join", "--data", "d", "--name", "n", "--ca-fingerprint", FP},
      {
        "cluster",
        "join",
        "--data",
        "d",
        "--name",
        "n",
        "--controller",
        "ftp://h:1",
        "--ca-fingerprint",
        FP
      },
      {
        "cluster",
        "join",
        "--data",
        "d",
        "--name",
        "n",
        "--controller",
        DEAD,
        "--ca-fingerprint",
        "12:34"
      },
      {"dev", "--nodes", "0"},
      {"dev", "--nodes", "17"},
      {"dev", "--nodes", "3", "--name", "x"},
      {"dev", "--nodes", "3", "--api-port", "8443", "--cluster-port", "8444"},
      {"dev", "--nodes", "3", "--api-port", "65534"},
    };
    for (String[] args : cases) {
      CliRunner.Result r = new CliRunner().env("CLAVIS_SERVER", DEAD).run(args);
      assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(2);
      assertThat(r.err()).as(String.join(" ", args)).startsWith("error: ").doesNotContain("\tat ");
      assertThat(r.out()).isEmpty();
    }
  }

  @Test
  void clientSubcommandsReportAnUnreachableServerInOneLine() {
    String[][] cases = {
      {"cluster", "status"},
      {"cluster", "candidates", "-o", "json"},
      {"cluster", "remove-node", "node2"},
      {"cluster", "set-role", "node2", "VOTER"},
      {"cluster", "step-down", "--to", "node2"},
      {
        "cluster",
        "add-candidate",
        "--name",
        "n",
        "--api-address",
        "https://h:1",
        "--cluster-address",
        "h:2",
        "--fingerprint",
        FP
      },
    };
    for (String[] args : cases) {
      CliRunner.Result r = new CliRunner().env("CLAVIS_SERVER", DEAD).run(args);
      assertOneErrorLine(r);
      assertThat(r.err()).contains("cannot reach " + DEAD);
    }
  }

  @Test
  void fingerprintCreatesTheIdentityOnceAndPrintsItsFingerprint(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("cand");
    CliRunner.Result table =
        runner.run(
            "cluster",
            "fingerprint",
            "--data",
            data.toString(),
            "--name",
            "node2",
            "--api-port",
            "9443",
            "--cluster-port",
            "9444");
    assertThat(table.exitCode()).as(table.err()).isZero();
    assertThat(data.resolve("tls/server.pem")).exists();
    assertThat(table.out())
        .contains("NAME         node2")
        .contains("API          https://127.0.0.1:9443")
        .contains("CLUSTER      127.0.0.1:9444")
        .contains(
            "clavis cluster add-candidate --name node2 --api-address https://127.0.0.1:9443"
                + " --cluster-address 127.0.0.1:9444 --fingerprint ");

    CliRunner.Result json =
        runner.run(
            "cluster", "fingerprint", "--data", data.toString(), "--name", "node2", "-o", "json");
    assertThat(json.exitCode()).isZero();
    JsonNode j = new ObjectMapper().readTree(json.out());
    String fp = j.get("fingerprint").asText();
    assertThat(fp).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    assertThat(table.out()).contains("FINGERPRINT  " + fp + "\n");
    assertThat(j.get("name").asText()).isEqualTo("node2");
  }

  @Test
  void joinRefusesADataDirectoryThatAlreadyHoldsRaftState(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("used");
    Files.createDirectories(data.resolve("raft"));
    CliRunner.Result r =
        runner.run(
            "cluster",
            "join",
            "--data",
            data.toString(),
            "--name",
            "node2",
            "--controller",
            DEAD,
            "--ca-fingerprint",
            FP);
    assertOneErrorLine(r);
    assertThat(r.err())
        .contains("only a fresh data directory can join")
        .contains("(INVALID_STATE)");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void joinThroughAnUnreachableControllerIsOneErrorLine(@TempDir Path dir) {
    CliRunner.Result r =
        runner.run(
            "cluster",
            "join",
            "--data",
            dir.resolve("fresh").toString(),
            "--name",
            "node2",
            "--controller",
            DEAD,
            "--ca-fingerprint",
            FP);
    assertOneErrorLine(r);
    assertThat(r.err())
        .contains("cannot reach " + DEAD + ": connection refused")
        .contains("(UNAVAILABLE)");
  }

  @Test
  void devRefusesToMixASingleNodeAndAClusterInOneDirectory(@TempDir Path dir) throws Exception {
    Path single = Files.createDirectories(dir.resolve("single"));
    Files.writeString(single.resolve("node.json"), "{}");
    CliRunner.Result r = runner.run("dev", "--nodes", "3", "--data", single.toString());
    assertOneErrorLine(r);
    assertThat(r.err()).contains("holds a single dev node");

    Path cluster = Files.createDirectories(dir.resolve("cluster/node1"));
    Files.createDirectories(dir.resolve("cluster/node2"));
    Files.writeString(cluster.resolve("node.json"), "{}");
    Files.writeString(dir.resolve("cluster/node2/node.json"), "{}");
    CliRunner.Result one = runner.run("dev", "--data", dir.resolve("cluster").toString());
    assertOneErrorLine(one);
    assertThat(one.err()).contains("holds a dev cluster of 2 nodes").contains("--nodes 2");
  }

  @Test
  void helpOfTheClusterCommands() {
    for (String sub :
        new String[] {
          "status",
          "add-candidate",
          "candidates",
          "fingerprint",
          "join",
          "remove-node",
          "set-role",
          "step-down"
        }) {
      CliRunner.Result r = new CliRunner().run("cluster", sub, "--help");
      assertThat(r.exitCode()).as(sub).isZero();
      assertThat(r.out()).startsWith("Usage: clavis cluster " + sub);
    }
    CliRunner.Result join = new CliRunner().run("cluster", "join", "--help");
    assertThat(join.out()).contains("--controller").contains("--ca-fingerprint");
    assertThat(join.out()).doesNotContain("--token");
    CliRunner.Result status = new CliRunner().run("cluster", "status", "--help");
    assertThat(status.out()).contains("--server").contains("--token").contains("--output");
    CliRunner.Result dev = new CliRunner().run("dev", "--help");
    assertThat(dev.out()).contains("--nodes=N");
    CliRunner.Result top = new CliRunner().run("--help");
    assertThat(top.out()).contains("cluster");
  }
}
