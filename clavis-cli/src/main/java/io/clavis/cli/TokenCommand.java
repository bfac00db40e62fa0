package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.TokenInfo;
import io.clavis.client.TtlFormat;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code token create|revoke}. */
@Command(
    name = "token",
    description = "Manage tokens.",
    subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class})
final class TokenCommand {
  @Mixin(name = ClientOptions.MIXIN_NAME)
  ClientOptions clientOptions;

  /** Parses {@code 90s}, {@code 30m}, {@code 12h}, {@code 7d} or seconds. */
  static final class TtlConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return TtlFormat.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Command(
      name = "create",
      description = {
        "Create a token. The token is printed once: it cannot be read back later.",
      })
  static final class Create extends ClientCommand {
    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        converter = TtlConverter.class,
        description = "Lifetime: 90s, 30m, 12h, 7d or seconds (default: the server's).")
    Duration ttl;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
    String description;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      TokenInfo t = client.createToken(ttl, description);
      AuthCommands.printToken(out, t);
      return 0;
    }
  }

  @Command(
      name = "revoke",
      description = {
        "Revoke a token by its id (not its secret): it stops working at once.",
        "Anyone may revoke their own tokens; revoking a user's or service's token needs 'manage"
            + " users' or 'manage services'. 'clavis user token list' shows the ids."
      })
  static final class Revoke extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TOKEN_ID", description = "The token's id.")
    String id;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      client.revokeToken(id);
      if (out.isJson()) {
        out.json(Map.of("revoked", id));
      } else {
        out.line("revoked token " + id);
      }
      return 0;
    }
  }
}
