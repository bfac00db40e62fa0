package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Mapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mapping create|list|get|update|delete}. */
@Command(
    name = "mapping",
    description = {
      "Manage mappings: ordered lists of nodes handed to clients.",
      "A client (the Java SDK) uses the first healthy node of its mapping and fails over down the"
          + " list; edits reach it at its next heartbeat. A mapping is assigned to groups and"
          + " services; a service's own mapping wins over its groups'."
    },
    subcommands = {
      MappingCommand.Create.class,
      MappingCommand.ListCommand.class,
      MappingCommand.Get.class,
      MappingCommand.Update.class,
      MappingCommand.Delete.class
    })
final class MappingCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Mapping> mappings) {
    Table t = new Table("NAME", "REVISION", "NODES", "GROUPS", "SERVICES");
    for (Mapping m : mappings) {
      t.row(
          m.name(),
          m.revision(),
          String.join(" ", m.nodes().stream().map(Mapping.Node::name).toList()),
          String.join(" ", m.groups()),
          String.join(" ", m.services()));
    }
    return t;
  }

  static Table details(Mapping m) {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < m.nodes().size(); i++) {
      Mapping.Node n = m.nodes().get(i);
      nodes.add(
          (i + 1)
              + ". "
              + n.name()
              + "  "
              + n.address()
              + (n.externalAddress() == null ? "" : "  (external " + n.externalAddress() + ")"));
    }
    return Table.fieldValue()
        .row("NAME", m.name())
        .row("DESCRIPTION", m.description())
        .row("REVISION", m.revision())
        .row("NODES", String.join("\n", nodes))
        .row("GROUPS", m.groups().isEmpty() ? null : String.join("\n", m.groups()))
        .row("SERVICES", m.services().isEmpty() ? null : String.join("\n", m.services()))
        .row("UPDATED", Output.time(m.updatedAt()))
        .row("CREATED BY", m.createdBy());
  }

  static void print(Output out, Mapping m) {
    out.print(m, () -> details(m));
  }

  /** The options that describe a mapping's content, shared by create and update. */
  static final class Content {
    @Option(
        names = "--node",
        paramLabel = "NAME=URL[,external=URL]",
        required = true,
        description =
            "A node, in order of preference (repeat the option): its name, the URL clients use"
                + " and, after a comma, an external URL for clients outside the network.")
    List<String> nodes;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "A group whose members' clients follow the mapping (repeatable).")
    List<String> groups = new ArrayList<>();

    @Option(
        names = "--service",
        paramLabel = "SERVICE",
        description = "A service whose clients follow the mapping (repeatable).")
    List<String> services = new ArrayList<>();

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Free text (at most 256 characters).")
    String description;

    /** Creates the mapping, or replaces an existing one's content. */
    Mapping send(ClavisClient client, String name, boolean create) {
      List<Mapping.Node> parsed = parsedNodes();
      return create
          ? client.createMapping(name, parsed, groups, services, description)
          : client.updateMapping(name, parsed, groups, services, description);
    }

    List<Mapping.Node> parsedNodes() {
      List<Mapping.Node> out = new ArrayList<>();
      for (String spec : nodes) {
        out.add(node(spec));
      }
      return out;
    }

    /** {@code n1=https://10.0.0.1:8443} or {@code n1=https://10.0.0.1:8443,external=https://x}. */
    static Mapping.Node node(String spec) {
      int eq = spec.indexOf('=');
      if (eq <= 0 || eq == spec.length() - 1) {
        throw new CliException("invalid --node '" + spec + "': expected NAME=URL[,external=URL]");
      }
      String name = spec.substring(0, eq);
      String rest = spec.substring(eq + 1);
      String external = null;
      int comma = rest.indexOf(',');
      if (comma >= 0) {
        String tail = rest.substring(comma + 1);
        if (!tail.startsWith("external=") || tail.length() == "external=".length()) {
          throw new CliException("invalid --node '" + spec + "': expected NAME=URL[,external=URL]");
        }
        external = tail.substring("external=".length());
        rest = rest.substring(0, comma);
      }
      return new Mapping.Node(name, rest, external);
    }
  }

  @Command(name = "create", description = "Create a mapping.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The mapping's unique name.")
    String name;

    @Mixin Content content;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, content.send(client, name, true));
      return 0;
    }
  }

  @Command(
      name = "update",
      description =
          "Replace a mapping's nodes, groups, services and description (what is not given becomes"
              + " empty); clients follow at their next heartbeat.")
  static final class Update extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The mapping's name.")
    String name;

    @Mixin Content content;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, content.send(client, name, false));
      return 0;
    }
  }

  @Command(name = "list", description = "List mappings.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Mapping> items = client.listMappings();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a mapping.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The mapping's name.")
    String name;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      print(out, client.getMapping(name));
      return 0;
    }
  }

  @Command(
      name = "delete",
      description = "Delete a mapping; clients that followed it keep their last copy.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The mapping's name.")
    String name;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deleteMapping(name);
      out.deleted("mapping", name);
      return 0;
    }
  }
}
