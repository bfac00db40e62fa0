package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Compartment;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compartment create|list}. */
@Command(
    name = "compartment",
    description = "Manage compartments (the tenancy root has id 'tenancy').",
    subcommands = {CompartmentCommand.Create.class, CompartmentCommand.ListCommand.class})
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
}
