package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Page;
import io.clavis.client.Vault;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vault create|list|get}. */
@Command(
    name = "vault",
    description = "Manage vaults.",
    subcommands = {
      VaultCommand.Create.class,
      VaultCommand.ListCommand.class,
      VaultCommand.Get.class
    })
final class VaultCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Vault> items) {
    Table t = new Table("ID", "NAME", "COMPARTMENT", "PROTECTION", "CREATED");
    for (Vault v : items) {
      t.row(v.id(), v.name(), v.compartmentId(), v.protectionMode(), Output.time(v.createdAt()));
    }
    return t;
  }

  static Table details(Vault v) {
    return Table.fieldValue()
        .row("ID", v.id())
        .row("NAME", v.name())
        .row("COMPARTMENT", v.compartmentId())
        .row("PROTECTION", v.protectionMode())
        .row("CREATED", Output.time(v.createdAt()))
        .row("CREATED BY", v.createdBy());
  }

  @Command(name = "create", description = "Create a vault.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The vault's name.")
    String name;

    @Option(
        names = "--compartment",
        paramLabel = "COMPARTMENT_ID",
        description = "The compartment (default: the tenancy root).")
    String compartmentId;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Vault v = client.createVault(name, compartmentId);
      out.print(v, () -> details(v));
      return 0;
    }
  }

  @Command(name = "list", description = "List vaults.")
  static final class ListCommand extends ClientCommand {
    @Mixin Paging paging;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Page<Vault> result = paging.fetch(client::listVaults);
      paging.print(out, result, VaultCommand::table);
      return 0;
    }
  }

  @Command(name = "get", description = "Show a vault.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "VAULT_ID")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Vault v = client.getVault(id);
      out.print(v, () -> details(v));
      return 0;
    }
  }
}
