package io.clavis.cli;

import io.clavis.client.Candidate;
import io.clavis.client.ClavisClient;
import io.clavis.client.ClusterNode;
import io.clavis.client.ClusterStatus;
import io.clavis.server.cluster.JoinClient;
import io.clavis.server.node.ClavisNode;
import io.clavis.server.node.NodeIdentity;
import io.clavis.server.tls.Fingerprints;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code cluster status|add-candidate|candidates|fingerprint|join|remove-node|set-role}. {@code
 * fingerprint} and {@code join} run offline on a candidate's data directory; the others talk to a
 * running cluster.
 */
@Command(
    name = "cluster",
    description = {
      "Manage the nodes of a cluster.",
      "",
      "Adding a node: on the candidate, 'cluster fingerprint' prints its certificate fingerprint;"
          + " on the cluster, 'cluster add-candidate' announces it; on the candidate,"
          + " 'cluster join' joins (node stopped, fresh data directory), then 'clavis server'"
          + " starts it and 'clavis unseal' unseals it. See docs/cluster.md."
    },
    subcommands = {
      ClusterCommand.Status.class,
      ClusterCommand.AddCandidate.class,
      ClusterCommand.Candidates.class,
      ClusterCommand.Fingerprint.class,
      ClusterCommand.Join.class,
      ClusterCommand.RemoveNode.class,
      ClusterCommand.SetRole.class,
      ClusterCommand.StepDown.class
    })
final class ClusterCommand {
  static final String DEFAULT_HOST = "127.0.0.1";

  static Table nodes(List<ClusterNode> nodes) {
    Table t =
        new Table(
            "NAME", "ROLE", "STATE", "API", "CLUSTER", "APPLIED", "LAG", "CLOCK-OFFSET", "VERSION");
    for (ClusterNode n : nodes) {
      t.row(
          n.name(),
          n.role(),
          n.state(),
          n.apiAddress(),
          n.clusterAddress(),
          n.appliedIndex(),
          n.lag(),
          n.clockOffsetMs() == null ? null : n.clockOffsetMs() + "ms",
          n.version());
    }
    return t;
  }

  static void printStatus(Output out, ClusterStatus s) {
    if (out.isJson()) {
      out.json(s);
      return;
    }
    out.line("Leader:          " + (s.leader() == null ? "none (no quorum)" : s.leader()));
    out.line("Term:            " + s.term());
    out.line("CA fingerprint:  " + (s.caFingerprint() == null ? "-" : s.caFingerprint()));
    out.line("");
    out.table(nodes(s.nodes()));
  }

  static Table candidates(List<Candidate> candidates) {
    Table t = new Table("NAME", "API", "CLUSTER", "FINGERPRINT", "ADDED", "ADDED BY");
    for (Candidate c : candidates) {
      t.row(
          c.name(),
          c.apiAddress(),
          c.clusterAddress(),
          c.fingerprint(),
          Output.time(c.addedAt()),
          c.addedBy());
    }
    return t;
  }

  @Command(
      name = "status",
      description = {
        "Show the cluster as the server sees it: leader, term, CA fingerprint and every node.",
        "Nodes that do not answer are DOWN; announced nodes that have not joined are CANDIDATEs."
      })
  static final class Status extends ClientCommand.Standalone {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      printStatus(out, client.clusterStatus());
      return 0;
    }
  }

  @Command(
      name = "add-candidate",
      description = {
        "Announce a node that may then join with 'clavis cluster join'.",
        "The fingerprint is the one 'clavis cluster fingerprint' printed on the candidate; the"
            + " addresses must be those the candidate will listen on."
      })
  static final class AddCandidate extends ClientCommand.Standalone {
    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Node name.")
    String name;

    @Option(
        names = "--api-address",
        required = true,
        paramLabel = "https://HOST:PORT",
        description = "Where the candidate's API will listen.")
    String apiAddress;

    @Option(
        names = "--cluster-address",
        required = true,
        paramLabel = "HOST:PORT",
        description = "Where the candidate's Raft server will listen.")
    String clusterAddress;

    @Option(
        names = "--fingerprint",
        required = true,
        paramLabel = "SHA256",
        description = "SHA-256 fingerprint of the candidate's certificate.")
    String fingerprint;

    @Override
    void validate(CliContext ctx) {
      if (Fingerprints.parse(fingerprint).isEmpty()) {
        throw usage("--fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Candidate c = client.addCandidate(name, apiAddress, clusterAddress, fingerprint.strip());
      out.print(
          c,
          () ->
              Table.fieldValue()
                  .row("NAME", c.name())
                  .row("API", c.apiAddress())
                  .row("CLUSTER", c.clusterAddress())
                  .row("FINGERPRINT", c.fingerprint())
                  .row("ADDED", Output.time(c.addedAt()))
                  .row("ADDED BY", c.addedBy()));
      return 0;
    }
  }

  @Command(name = "candidates", description = "List the announced nodes that have not joined.")
  static final class Candidates extends ClientCommand.Standalone {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Candidate> list = client.listCandidates();
      out.print(Map.of("items", list), () -> candidates(list));
      return 0;
    }
  }

  @Command(
      name = "remove-node",
      description = {
        "Take a node out of the cluster (Raft configuration and registry).",
        "Stop the node afterwards; its data directory cannot rejoin (join needs a fresh one)."
      })
  static final class RemoveNode extends ClientCommand.Standalone {
    @Parameters(index = "0", paramLabel = "NAME", description = "The node to remove.")
    String name;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.removeNode(name);
      if (out.isJson()) {
        out.json(Map.of("removed", name));
      } else {
        out.line("removed " + name);
      }
      return 0;
    }
  }

  @Command(
      name = "set-role",
      description = {
        "Make a member a voter or a listener (replicates, does not vote).",
        "Prints the cluster status after the change."
      })
  static final class SetRole extends ClientCommand.Standalone {
    @Parameters(index = "0", paramLabel = "NAME", description = "The member.")
    String name;

    @Parameters(index = "1", paramLabel = "VOTER|LISTENER", description = "The new role.")
    String role;

    @Override
    void validate(CliContext ctx) {
      role = role.strip().toUpperCase(Locale.ROOT);
      if (!role.equals("VOTER") && !role.equals("LISTENER")) {
        throw usage("the role must be VOTER or LISTENER, not '" + role + "'");
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      printStatus(out, client.setNodeRole(name, role));
      return 0;
    }
  }

  @Command(
      name = "step-down",
      description = {
        "Hand Raft leadership to another voter, before maintenance of the leader's machine.",
        "The leader takes no writes until the new one is elected (they wait, they do not fail),"
            + " and gives up after 2 s. Moves leadership only away from the leader seen when the"
            + " command starts. Says whether leadership moved, then prints the cluster status."
      })
  static final class StepDown extends ClientCommand.Standalone {
    @Option(
        names = "--to",
        paramLabel = "NAME",
        description = "The voter to lead next (default: the most up-to-date ACTIVE voter).")
    String to;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      String before = client.clusterStatus().leader();
      ClusterStatus after = client.stepDown(to, before);
      if (!out.isJson()) {
        out.line(movement(before, after.leader()));
        out.line("");
      }
      printStatus(out, after);
      return 0;
    }

    static String movement(String before, String after) {
      if (after == null) {
        return before == null
            ? "No member leads yet."
            : "Leadership left " + before + "; no new leader is known yet.";
      }
      if (before == null) {
        return after + " leads.";
      }
      return before.equals(after)
          ? "Leadership did not move: " + after + " leads."
          : "Leadership moved from " + before + " to " + after + ".";
    }
  }

  /** Where a candidate will listen and what it is called; as add-candidate must be told. */
  static final class CandidateOptions {
    @Option(
        names = "--data",
        required = true,
        paramLabel = "DIR",
        description = "The candidate's data directory.")
    Path data;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Node name.")
    String name;

    @Option(
        names = "--host",
        paramLabel = "HOST",
        defaultValue = DEFAULT_HOST,
        description =
            "Address the node will listen on and be reached at (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
        names = "--api-port",
        paramLabel = "PORT",
        defaultValue = "8443",
        description = "HTTPS API port (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(
        names = "--cluster-port",
        paramLabel = "PORT",
        defaultValue = "8444",
        description = "Raft port (default: ${DEFAULT-VALUE}).")
    int clusterPort;

    @Option(
        names = "--kmip-port",
        paramLabel = "PORT",
        defaultValue = "5696",
        description = "KMIP port (default: ${DEFAULT-VALUE}).")
    int kmipPort;

    JoinClient.Candidate candidate() {
      return new JoinClient.Candidate(name, host, apiPort, clusterPort, kmipPort);
    }

    String apiAddress() {
      return "https://" + bracketed() + ":" + apiPort;
    }

    String clusterAddress() {
      return bracketed() + ":" + clusterPort;
    }

    private String bracketed() {
      return host.contains(":") ? "[" + host + "]" : host;
    }

    void check(CommandSpec spec) {
      for (int port : new int[] {apiPort, clusterPort, kmipPort}) {
        if (port < 1 || port > 65535) {
          throw new ParameterException(spec.commandLine(), "ports must be 1..65535, not " + port);
        }
      }
      if (host.isBlank()) {
        throw new ParameterException(spec.commandLine(), "--host must not be empty");
      }
    }
  }

  @Command(
      name = "fingerprint",
      description = {
        "On a candidate, offline: create its TLS identity if needed and print the SHA-256"
            + " fingerprint of its certificate, which the administrator gives to"
            + " 'clavis cluster add-candidate'.",
        "Use the same --name, --host and ports for 'add-candidate' and 'join'."
      })
  static final class Fingerprint extends OfflineCommand {
    @Mixin CandidateOptions candidate;

    @Override
    public Integer call() throws Exception {
      candidate.check(spec);
      String fp = JoinClient.fingerprint(candidate.data.toAbsolutePath(), candidate.candidate());
      Output out = out();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", candidate.name);
      json.put("fingerprint", fp);
      json.put("apiAddress", candidate.apiAddress());
      json.put("clusterAddress", candidate.clusterAddress());
      if (out.isJson()) {
        out.json(json);
        return 0;
      }
      out.table(
          Table.fieldValue()
              .row("NAME", candidate.name)
              .row("FINGERPRINT", fp)
              .row("API", candidate.apiAddress())
              .row("CLUSTER", candidate.clusterAddress()));
      out.line("");
      out.line("Announce it on the cluster:");
      out.line(
          "  clavis cluster add-candidate --name "
              + candidate.name
              + " --api-address "
              + candidate.apiAddress()
              + " --cluster-address "
              + candidate.clusterAddress()
              + " --fingerprint "
              + fp);
      return 0;
    }
  }

  @Command(
      name = "join",
      description = {
        "On a candidate, offline: join the cluster through one of its nodes.",
        "The candidate's node must not be running and its data directory must be fresh (only"
            + " what 'cluster fingerprint' created). The controller's TLS certificate is trusted"
            + " only if its CA has the given fingerprint ('clavis cluster status' shows it)."
            + " Then start the node with 'clavis server --data DIR' and unseal it."
      })
  static final class Join extends OfflineCommand {
    @Mixin CandidateOptions candidate;

    @Option(
        names = "--controller",
        required = true,
        paramLabel = "https://HOST:PORT",
        description = "API URL of a node of the cluster.")
    String controller;

    @Option(
        names = "--ca-fingerprint",
        required = true,
        paramLabel = "SHA256",
        description = "SHA-256 fingerprint of the cluster CA.")
    String caFingerprint;

    @Override
    public Integer call() throws Exception {
      candidate.check(spec);
      URI controllerUri = controllerUri();
      if (Fingerprints.parse(caFingerprint).isEmpty()) {
        throw new ParameterException(
            spec.commandLine(),
            "--ca-fingerprint must be a SHA-256 fingerprint (64 hex digits, colons allowed)");
      }
      Path data = candidate.data.toAbsolutePath();
      JoinClient.Joined joined =
          JoinClient.join(
              data,
              controllerUri,
              caFingerprint.strip(),
              candidate.candidate(),
              ClavisNode.VERSION);
      String role = joined.listener() ? "LISTENER" : "VOTER";
      Path caCert = data.resolve("tls").resolve("ca.pem");
      Output out = out();
      if (out.isJson()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", candidate.name);
        json.put("groupId", joined.groupId());
        json.put("role", role);
        json.put("members", joined.members());
        json.put("data", data.toString());
        json.put("apiAddress", candidate.apiAddress());
        json.put("caCert", caCert.toString());
        out.json(json);
        return 0;
      }
      String members =
          joined.members().stream().map(Join::member).collect(Collectors.joining("\n"));
      out.table(
          Table.fieldValue()
              .row("NAME", candidate.name)
              .row("ROLE", role)
              .row("GROUP", joined.groupId())
              .row("MEMBERS", members)
              .row("DATA", data)
              .row("CA CERT", caCert));
      out.line("");
      out.line("Joined. Next, on this machine:");
      out.line("  1. start the node:  clavis server --data " + data);
      out.line(
          "  2. once 'clavis cluster status' shows "
              + candidate.name
              + " SEALED (it has caught up), unseal it:");
      out.line("     clavis unseal --server " + candidate.apiAddress() + " --ca-cert " + caCert);
      return 0;
    }

    private URI controllerUri() {
      try {
        URI u = URI.create(controller.strip());
        if ("https".equalsIgnoreCase(u.getScheme()) && u.getHost() != null) {
          return u;
        }
      } catch (IllegalArgumentException e) {
        // reported below
      }
      throw new ParameterException(
          spec.commandLine(), "--controller must look like https://HOST:PORT, not " + controller);
    }

    private static String member(NodeIdentity.Peer p) {
      return p.name() + " " + p.clusterAddress() + (p.listener() ? " (listener)" : "");
    }
  }
}
