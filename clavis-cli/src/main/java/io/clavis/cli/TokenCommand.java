package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.TokenInfo;
import io.clavis.client.TtlFormat;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code token create}. */
@Command(
    name = "token",
    description = "Manage tokens.",
    subcommands = {TokenCommand.Create.class})
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
      out.print(
          t,
          () ->
              Table.fieldValue()
                  .row("TOKEN", t.token())
                  .row("ID", t.id())
                  .row("EXPIRES AT", Output.time(t.expiresAt())));
      return 0;
    }
  }
}
