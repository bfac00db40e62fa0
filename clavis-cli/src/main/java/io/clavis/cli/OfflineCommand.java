package io.clavis.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that runs on a node's machine without any server ({@code cluster fingerprint}, {@code
 * cluster join}, {@code audit verify}): only an output format.
 */
abstract class OfflineCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "table|json",
      defaultValue = "table",
      description = "Output format: table (default) or json.")
  OutputFormat output = OutputFormat.table;

  Output out() {
    return new Output(spec.commandLine().getOut(), output);
  }
}
