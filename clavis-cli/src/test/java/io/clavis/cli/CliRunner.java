package io.clavis.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code clavis} in-process with a fake environment, capturing its output. */
final class CliRunner {
  final Map<String, String> env = new HashMap<>();
  byte[] stdin = new byte[0];
  SecretPrompter prompter = SecretPrompter.none();

  record Result(int exitCode, String out, String err) {}

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner stdin(String text) {
    stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  CliContext context() {
    return new CliContext(EnvLookup.of(env), new ByteArrayInputStream(stdin), prompter);
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), context());
    return new Result(code, out.toString(), err.toString());
  }
}
