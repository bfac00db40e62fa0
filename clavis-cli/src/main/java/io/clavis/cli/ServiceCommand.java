package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.Service;
import io.clavis.client.TokenInfo;
import io.clavis.client.TokenSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code service create|list|get|delete|token create|token list}. */
@Command(
    name = "service",
    description = {
      "Manage services (applications) and their tokens.",
      "Services use tokens issued for them, or a registered TLS client certificate. What they may"
          + " do comes from the policies that name them or their groups.",
      "Wherever a service id is expected, the service's name works too."
    },
    subcommands = {
      ServiceCommand.Create.class,
      ServiceCommand.ListCommand.class,
      ServiceCommand.Get.class,
      ServiceCommand.Delete.class,
      ServiceCommand.Tokens.class
    })
final class ServiceCommand {
  /** Larger files are refused before they are read; the server takes at most 64 KiB. */
  static final long MAX_CERTIFICATE_BYTES = 64 * 1024;

  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  static Table table(List<Service> services) {
    Table t = new Table("ID", "NAME", "GROUPS", "CERTIFICATE", "CREATED");
    for (Service s : services) {
      t.row(
          s.id(),
          s.name(),
          Output.list(s.groups()),
          s.certificateFingerprint() == null ? "no" : "yes",
          Output.time(s.createdAt()));
    }
    return t;
  }

  static Table details(Service s) {
    return Table.fieldValue()
        .row("ID", s.id())
        .row("NAME", s.name())
        .row("GROUPS", Output.list(s.groups()))
        .row("CERTIFICATE", s.certificateFingerprint())
        .row("CREATED", Output.time(s.createdAt()))
        .row("CREATED BY", s.createdBy());
  }

  /** A command acting on one service given by id or name. */
  abstract static class OnService extends ClientCommand {
    @Parameters(index = "0", paramLabel = "SERVICE_ID", description = "The service's id or name.")
    String id;
  }

  @Command(name = "create", description = "Create a service.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service's unique name.")
    String name;

    @Option(
        names = "--group",
        paramLabel = "GROUP",
        description = "A group the service belongs to, by name or id (repeatable).")
    List<String> groups;

    @Option(
        names = "--certificate",
        paramLabel = "PEM_FILE",
        description =
            "A PEM X.509 certificate the service may authenticate with over mutual TLS"
                + " (its SHA-256 fingerprint is recorded).")
    Path certificate;

    private String certificatePem;

    @Override
    void validate(CliContext ctx) throws Exception {
      if (certificate != null) {
        if (Files.isRegularFile(certificate) && Files.size(certificate) > MAX_CERTIFICATE_BYTES) {
          throw new CliException("the certificate file " + certificate + " is larger than 64 KiB");
        }
        certificatePem = Files.readString(certificate, StandardCharsets.UTF_8);
        if (!certificatePem.contains("-----BEGIN CERTIFICATE-----")) {
          throw new CliException(
              "the file "
                  + certificate
                  + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
      }
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Service s = client.createService(name, groups, certificatePem);
      out.print(s, () -> details(s));
      return 0;
    }
  }

  @Command(name = "list", description = "List services.")
  static final class ListCommand extends ClientCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<Service> items = client.listServices();
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }

  @Command(name = "get", description = "Show a service.")
  static final class Get extends OnService {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      Service s = client.getService(id);
      out.print(s, () -> details(s));
      return 0;
    }
  }

  @Command(name = "delete", description = "Delete a service; its tokens stop working.")
  static final class Delete extends OnService {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.deleteService(id);
      out.deleted("service", id);
      return 0;
    }
  }

  @Command(
      name = "token",
      description = "Issue and list tokens acting for a service.",
      subcommands = {Tokens.Create.class, Tokens.ListCommand.class})
  static final class Tokens {
    @Command(
        name = "create",
        description = {
          "Issue a token acting for a service. The token is printed once: it cannot be read back"
              + " later.",
        })
    static final class Create extends PrincipalTokens.Create {
      @Override
      TokenInfo issue(ClavisClient client) {
        return client.createServiceToken(id, ttl, description);
      }
    }

    @Command(name = "list", description = "List a service's tokens (without their secrets).")
    static final class ListCommand extends PrincipalTokens.ListCommand {
      @Override
      List<TokenSummary> list(ClavisClient client) {
        return client.listServiceTokens(id);
      }
    }
  }
}
