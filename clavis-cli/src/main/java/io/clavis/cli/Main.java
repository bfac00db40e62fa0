package io.clavis.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The entry point of the {@code clavis} command. Exit codes: 0 success, 1 error (one line on
 * standard error, never a stack trace), 2 usage error.
 */
public final class Main {
  static final int EXIT_ERROR = 1;
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    // Helidon logs through java.util.logging: one format and one level setting for all.
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    int code = run(args, out, err);
    System.exit(code);
  }

  /** Runs the command line without exiting; for tests and embedding. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, CliContext.system());
  }

  /** Like {@link #run(String[], PrintWriter, PrintWriter)}, with an injected environment. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, CliContext context) {
    try {
      return commandLine(context, out, err).execute(args);
    } catch (RuntimeException | Error e) {
      // picocli reports everything through the handlers; this is a last resort, still one line
      err.println(ErrorFormat.format(e));
      return EXIT_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The configured {@code clavis} command line. */
  public static CommandLine commandLine(CliContext context, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new ClavisCommand(context));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler(new ErrorHandler());
    cl.setParameterExceptionHandler(new UsageErrorHandler());
    return cl;
  }

  /** Any exception of a command: one {@code error:} line, exit code 1. */
  static final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
      cl.getErr().println(ErrorFormat.format(ex));
      cl.getErr().flush();
      return EXIT_ERROR;
    }
  }

  /** A usage error: the message, suggestions, the synopsis and where to get help; exit code 2. */
  static final class UsageErrorHandler implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cl = ex.getCommandLine();
      PrintWriter err = cl.getErr();
      String message = String.valueOf(ex.getMessage());
      if (message.startsWith("Error: ")) {
        message = message.substring("Error: ".length());
      }
      err.println("error: " + message);
      UnmatchedArgumentException.printSuggestions(ex, err);
      CommandSpec spec = cl.getCommandSpec();
      err.print(cl.getHelp().fullSynopsis());
      err.println("Try '" + spec.qualifiedName() + " --help' for more information.");
      err.flush();
      return EXIT_USAGE;
    }
  }
}
