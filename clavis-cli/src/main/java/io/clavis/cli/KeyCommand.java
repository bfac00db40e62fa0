package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.CreateKeyRequest;
import io.clavis.client.Key;
import io.clavis.client.KeyVersionInfo;
import io.clavis.client.Page;
import io.clavis.client.PublicKeyInfo;
import io.clavis.client.UpdateKeyRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code key create|list|get|update|rotate|enable|disable|schedule-deletion|...}. */
@Command(
    name = "key",
    description = "Manage keys.",
    subcommands = {
      KeyCommand.Create.class,
      KeyCommand.ListCommand.class,
      KeyCommand.Get.class,
      KeyCommand.Update.class,
      KeyCommand.Rotate.class,
      KeyCommand.Enable.class,
      KeyCommand.Disable.class,
      KeyCommand.ScheduleDeletion.class,
      KeyCommand.CancelDeletion.class,
      KeyCommand.PublicKey.class
    })
final class KeyCommand {
  static final String ALGORITHMS =
      "AES_128, AES_192, AES_256, RSA_2048, RSA_3072, RSA_4096, EC_P256, EC_P384, EC_P521,"
          + " HMAC_SHA256, HMAC_SHA384, HMAC_SHA512";

  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Key> keys) {
    Table t = new Table("ID", "NAME", "ALGORITHM", "STATE", "VERSION", "CREATED");
    for (Key k : keys) {
      t.row(
          k.id(),
          k.name(),
          k.algorithm(),
          k.state(),
          k.currentVersion(),
          Output.time(k.createdAt()));
    }
    return t;
  }

  static Table details(Key k) {
    String versions =
        k.versions().isEmpty()
            ? null
            : k.versions().stream().map(KeyCommand::version).collect(Collectors.joining("\n"));
    Integer period = k.rotationPeriodDays();
    return Table.fieldValue()
        .row("ID", k.id())
        .row("NAME", k.name())
        .row("DESCRIPTION", k.description())
        .row("VAULT", k.vaultId())
        .row("COMPARTMENT", k.compartmentId())
        .row("ALGORITHM", k.algorithm())
        .row("STATE", k.state())
        .row("CURRENT VERSION", k.currentVersion())
        .row("TAGS", Output.tags(k.tags()))
        .row("ROTATION PERIOD", period == null || period == 0 ? "off" : period + " days")
        .row("NEXT ROTATION", Output.time(k.nextRotationAt()))
        .row("DELETION TIME", Output.time(k.deletionTime()))
        .row("CREATED", Output.time(k.createdAt()))
        .row("CREATED BY", k.createdBy())
        .row("UPDATED", Output.time(k.updatedAt()))
        .row("VERSIONS", versions);
  }

  private static String version(KeyVersionInfo v) {
    return v.version() + "  " + v.state() + "  " + Output.time(v.createdAt());
  }

  /** A command printing the key it gets back. */
  abstract static class PrintsKey extends ClientCommand {
    abstract Key apply(ClavisClient client);

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Key k = apply(client);
      out.print(k, () -> details(k));
      return 0;
    }
  }

  /** A command acting on one key given by id, printing the key it gets back. */
  abstract static class OnKey extends PrintsKey {
    @Parameters(index = "0", paramLabel = "KEY_ID")
    String id;
  }

  @Command(name = "create", description = "Create a key.")
  static final class Create extends PrintsKey {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "The key's name, unique in its vault.")
    String name;

    @Option(names = "--vault", required = true, paramLabel = "VAULT_ID", description = "The vault.")
    String vaultId;

    @Option(
        names = "--algorithm",
        required = true,
        paramLabel = "ALGORITHM",
        description = "One of: " + ALGORITHMS + ".")
    String algorithm;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
    String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", description = "A tag (repeatable).")
    Map<String, String> tags;

    @Option(
        names = "--rotation-period-days",
        paramLabel = "DAYS",
        description = "Rotate automatically every DAYS days (default: no automatic rotation).")
    Integer rotationPeriodDays;

    @Override
    Key apply(ClavisClient client) {
      return client.createKey(
          CreateKeyRequest.of(vaultId, name, algorithm)
              .withDescription(description)
              .withTags(tags)
              .withRotationPeriodDays(rotationPeriodDays));
    }
  }

  @Command(name = "list", description = "List keys.")
  static final class ListCommand extends ClientCommand {
    @Option(
        names = "--vault",
        paramLabel = "VAULT_ID",
        description = "Only the keys of this vault.")
    String vaultId;

    @Mixin Paging paging;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Page<Key> result = paging.fetch((limit, page) -> client.listKeys(vaultId, limit, page));
      paging.print(out, result, KeyCommand::table);
      return 0;
    }
  }

  @Command(name = "get", description = "Show a key and its versions.")
  static final class Get extends OnKey {
    @Override
    Key apply(ClavisClient client) {
      return client.getKey(id);
    }
  }

  @Command(name = "update", description = "Change a key's description, tags or rotation period.")
  static final class Update extends OnKey {
    @Option(names = "--description", paramLabel = "TEXT", description = "New description.")
    String description;

    @Option(
        names = "--tag",
        paramLabel = "KEY=VALUE",
        description = "A tag (repeatable); the given tags replace all current tags.")
    Map<String, String> tags;

    @Option(names = "--clear-tags", description = "Remove all tags.")
    boolean clearTags;

    @Option(
        names = "--rotation-period-days",
        paramLabel = "DAYS",
        description = "Rotate automatically every DAYS days; 0 turns automatic rotation off.")
    Integer rotationPeriodDays;

    @Override
    void validate(CliContext ctx) {
      if (clearTags && tags != null) {
        throw usage("--tag and --clear-tags cannot be used together");
      }
      if (description == null && tags == null && !clearTags && rotationPeriodDays == null) {
        throw usage(
            "nothing to update: give --description, --tag, --clear-tags or --rotation-period-days");
      }
    }

    @Override
    Key apply(ClavisClient client) {
      return client.updateKey(
          id, new UpdateKeyRequest(description, clearTags ? Map.of() : tags, rotationPeriodDays));
    }
  }

  @Command(name = "rotate", description = "Create a new version and make it current.")
  static final class Rotate extends OnKey {
    @Override
    Key apply(ClavisClient client) {
      return client.rotateKey(id);
    }
  }

  @Command(name = "enable", description = "Enable a disabled key.")
  static final class Enable extends OnKey {
    @Override
    Key apply(ClavisClient client) {
      return client.enableKey(id);
    }
  }

  @Command(name = "disable", description = "Disable a key: it can no longer be used.")
  static final class Disable extends OnKey {
    @Override
    Key apply(ClavisClient client) {
      return client.disableKey(id);
    }
  }

  @Command(
      name = "schedule-deletion",
      description = "Schedule the destruction of a key after a waiting period.")
  static final class ScheduleDeletion extends OnKey {
    @Option(
        names = "--pending-days",
        paramLabel = "DAYS",
        description = "Days before destruction, 7..30 (default: 30).")
    Integer pendingDays;

    @Override
    Key apply(ClavisClient client) {
      return client.scheduleKeyDeletion(id, pendingDays);
    }
  }

  @Command(
      name = "cancel-deletion",
      description = "Cancel a scheduled deletion: the key is back to ENABLED.")
  static final class CancelDeletion extends OnKey {
    @Override
    Key apply(ClavisClient client) {
      return client.cancelKeyDeletion(id);
    }
  }

  @Command(
      name = "public-key",
      description = {
        "Print the public key of an RSA or EC key (PEM SubjectPublicKeyInfo).",
        "In table mode the PEM follows the table."
      })
  static final class PublicKey extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY_ID")
    String id;

    @Option(
        names = "--key-version",
        paramLabel = "N",
        description = "Key version (default: the current one).")
    Integer version;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      PublicKeyInfo p = client.publicKey(id, version);
      if (out.isJson()) {
        out.json(p);
        return 0;
      }
      out.table(
          Table.fieldValue()
              .row("KEY ID", p.keyId())
              .row("KEY VERSION", p.keyVersion())
              .row("ALGORITHM", p.algorithm()));
      out.line("");
      out.line(p.publicKey() == null ? "" : p.publicKey().strip());
      return 0;
    }
  }
}
