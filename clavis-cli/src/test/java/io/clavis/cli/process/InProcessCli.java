package io.clavis.cli.process;

import io.clavis.cli.CliContext;
import io.clavis.cli.EnvLookup;
import io.clavis.cli.Main;
import io.clavis.cli.SecretPrompter;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code clavis} client commands in this JVM against a {@link NodeProcess}, as a user with the
 * given environment and standard input would (no terminal: prompts are not answered).
 */
final class InProcessCli {
  private final Map<String, String> env;

  /** What a command printed and its exit code. */
  record Result(int exit, String out, String err) {}

  InProcessCli(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The environment of a user of {@code node}'s API with this token (none when null). */
  static InProcessCli forNode(NodeProcess node, String token) {
    Map<String, String> env = new HashMap<>();
    env.put("CLAVIS_SERVER", node.devJson().get("api").asText());
    env.put("CLAVIS_CACERT", node.devJson().get("caCert").asText());
    if (token != null) {
      env.put("CLAVIS_TOKEN", token);
    }
    return new InProcessCli(env);
  }

  Result run(String... args) {
    return runWithStdin("", args);
  }

  Result runWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            EnvLookup.of(env),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            SecretPrompter.none());
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), ctx);
    return new Result(code, out.toString(), err.toString());
  }
}
