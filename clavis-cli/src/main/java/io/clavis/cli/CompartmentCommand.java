package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Compartment;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compartment create|list|get|delete}. */
@Command(
    name = "compartment",
    description = "Manage compartments (the tenancy root has id 'tenancy').",
    subcommands = {
      CompartmentCommand.Create.class,
      CompartmentCommand.ListCommand.class,
      CompartmentCommand.Get.class,
      CompartmentCommand.Delete.class
    })
final class CompartmentCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Compartment> items) {
    Table t = new Table("ID", "NAME", "PARENT", "CREATED");
    for (Compartment c : items) {
      t.row(c.id(), c.name(), c.parentId(), Output.time(c.createdAt()));
    }
    return t;
  }

  static Table details(Compartment c) {
    return Table.fieldValue()
        .row("ID", c.id())
        .row("NAME", c.name())
        .row("PARENT", c.parentId())
        .row("CREATED", Output.time(c.createdAt()))
        .row("CREATED BY", c.createdBy());
  }

  @Command(name = "create", description = "Create a compartment.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The compartment's name.")
    String name;

    @Option(
        names = "--parent",
        paramLabel = "COMPARTMENT_ID",
        description = "The parent compartment (default: the tenancy root).")
    String parentId;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Compartment c = client.createCompartment(name, parentId);
      out.print(c, () -> table(List.of(c)));
      return 0;
    }
  }

  @Command(name = "list", description = "List compartments.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Compartment> items = client.listCompartments();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a compartment.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "COMPARTMENT_ID")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Compartment c = client.getCompartment(id);
      out.print(c, () -> details(c));
      return 0;
    }
  }

  @Command(
      name = "delete",
      description =
          "Delete an empty compartment: delete its compartments, vaults and policies first.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "COMPARTMENT_ID")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deleteCompartment(id);
      out.deleted("compartment", id);
      return 0;
    }
  }
}
