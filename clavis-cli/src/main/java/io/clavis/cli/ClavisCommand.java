package io.clavis.cli;

import io.clavis.cli.server.DevCommand;
import io.clavis.cli.server.ServerCommand;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ScopeType;

/** The {@code clavis} command: run a node ({@code server}, {@code dev}) or talk to one. */
@Command(
    name = "clavis",
    mixinStandardHelpOptions = true,
    scope = ScopeType.INHERIT,
    versionProvider = ClavisCommand.Version.class,
    description = {
      "Clavis key management service: run a node (server, dev) or talk to one.",
      "",
      "Client commands read CLAVIS_SERVER, CLAVIS_TOKEN and CLAVIS_CACERT when --server, --token"
          + " and --ca-cert are not given; 'clavis login' gets a token for a user. Exit codes: 0"
          + " success, 1 error (one 'error:' line on standard error), 2 usage error; 'policy"
          + " explain' exits with 3 when the operation is denied, 'audit verify' with 1 when the"
          + " trail is broken.",
      ""
    },
    subcommands = {
      ServerCommand.class,
      DevCommand.class,
      SysCommands.Init.class,
      SysCommands.Unseal.class,
      SysCommands.Status.class,
      SysCommands.Seal.class,
      AuthCommands.Login.class,
      AuthCommands.WhoAmICommand.class,
      TokenCommand.class,
      SysCommands.Random.class,
      CompartmentCommand.class,
      VaultCommand.class,
      KeyCommand.class,
      CryptoCommands.Encrypt.class,
      CryptoCommands.Decrypt.class,
      CryptoCommands.GenerateDataKey.class,
      CryptoCommands.ReEncrypt.class,
      CryptoCommands.Sign.class,
      CryptoCommands.Verify.class,
      CryptoCommands.Mac.class,
      CryptoCommands.VerifyMac.class,
      BatchCommands.EncryptBatch.class,
      BatchCommands.DecryptBatch.class,
      UserCommand.class,
      ServiceCommand.class,
      GroupCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      ClusterCommand.class,
      MappingCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ClavisCommand {
  static final String FALLBACK_VERSION = "0.1.0-SNAPSHOT";

  private final CliContext context;

  public ClavisCommand() {
    this(CliContext.system());
  }

  public ClavisCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  CliContext context() {
    return context;
  }

  /** The version from the jar manifest, or {@value #FALLBACK_VERSION} when run from classes. */
  static String version() {
    String v = ClavisCommand.class.getPackage().getImplementationVersion();
    return v == null || v.isBlank() ? FALLBACK_VERSION : v;
  }

  /** Prints {@code clavis <version>}. */
  public static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"clavis " + version()};
    }
  }
}
