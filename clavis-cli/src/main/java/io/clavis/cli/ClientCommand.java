package io.clavis.cli;

import io.clavis.client.ClavisClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that talks to Clavis servers: finds its {@link ClientOptions}, builds a {@link
 * ClavisClient}, runs, closes the client. Exceptions go to {@link Main}'s handler (one line on
 * standard error, exit code 1).
 */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    ClientOptions options = ClientOptions.of(spec);
    CliContext ctx = CliContext.of(spec);
    Output out = new Output(spec.commandLine().getOut(), options.output());
    validate(ctx);
    try (ClavisClient client = options.newClient(ctx.env())) {
      return run(client, out, ctx);
    }
  }

  /** Checks the options before any connection; throw {@link #usage} for usage errors. */
  void validate(CliContext ctx) throws Exception {}

  abstract int run(ClavisClient client, Output out, CliContext ctx) throws Exception;

  /** A usage error: exit code 2, with the command's synopsis. */
  ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** A client command directly under {@code clavis}, with its own client options. */
  abstract static class Standalone extends ClientCommand {
    @picocli.CommandLine.Mixin(name = ClientOptions.MIXIN_NAME)
    ClientOptions clientOptions;
  }
}
