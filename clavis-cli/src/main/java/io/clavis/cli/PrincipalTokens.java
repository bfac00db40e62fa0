package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.TokenInfo;
import io.clavis.client.TokenSummary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user token create|list} and {@code service token create|list}, which differ in noun. */
final class PrincipalTokens {
  private PrincipalTokens() {}

  static Table table(List<TokenSummary> tokens) {
    Table t = new Table("ID", "DESCRIPTION", "CREATED", "EXPIRES AT", "CREATED BY");
    for (TokenSummary s : tokens) {
      t.row(
          s.id(),
          s.description(),
          Output.time(s.createdAt()),
          Output.time(s.expiresAt()),
          s.createdBy());
    }
    return t;
  }

  /** Issues a token for the principal given by id or name and prints it (only this once). */
  abstract static class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The id or name.")
    String id;

    @Option(
        names = "--ttl",
        paramLabel = "DURATION",
        converter = TokenCommand.TtlConverter.class,
        description = "Lifetime: 90s, 30m, 12h, 7d or seconds (default: the server's, 24h).")
    Duration ttl;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text.")
    String description;

    abstract TokenInfo issue(ClavisClient client);

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      AuthCommands.printToken(out, issue(client));
      return 0;
    }
  }

  /** Lists the tokens of the principal given by id or name, without their secrets. */
  abstract static class ListCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "The id or name.")
    String id;

    abstract List<TokenSummary> list(ClavisClient client);

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      List<TokenSummary> items = list(client);
      out.print(Map.of("items", items), () -> table(items));
      return 0;
    }
  }
}
