package io.clavis.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.clavis.client.BatchDecryptResult;
import io.clavis.client.BatchItemException;
import io.clavis.client.ClavisClient;
import io.clavis.client.ClavisException;
import io.clavis.client.ClavisJson;
import io.clavis.client.DecryptResult;
import io.clavis.client.EncryptResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encrypt-batch} and {@code decrypt-batch}: a file of values, one a line, through the batch
 * endpoints in requests of up to {@code --batch-size} lines, with progress on long runs. Output
 * lines match input lines one to one and in order, so the two files can be pasted side by side.
 */
final class BatchCommands {
  private BatchCommands() {}

  static final int MAX_BATCH_SIZE = ClavisClient.MAX_BATCH_ITEMS;

  /**
   * Characters of input held at once at most, to bound memory; the SDK sends what is held in as
   * many requests as a node's body limit needs.
   */
  static final int BATCH_CHARS = 4 * 1024 * 1024;

  /** Failed lines named one by one on standard error before only their number is given. */
  static final int NAMED_FAILURES = 10;

  /** One JSON object a line (-o json): compact, unlike the pretty single results. */
  private static final ObjectMapper JSON_LINES = ClavisJson.newObjectMapper();

  /** What both commands share: where the lines come from and go, and how many a request. */
  abstract static class LinesCommand extends CryptoCommands.WithKey {
    @Option(
        names = "--in",
        paramLabel = "FILE",
        description = "Read the lines from FILE (default, or -: standard input).")
    Path in;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description =
            "Write to FILE, which is replaced only once every line is done (default: standard"
                + " output).")
    Path outFile;

    @Option(
        names = "--batch-size",
        paramLabel = "N",
        description =
            "Lines a request at most, 1..1000 (default: 1000, fewer when lines are long; give 32"
                + " or less under an RSA key).")
    Integer batchSize;

    @ArgGroup(
        exclusive = true,
        multiplicity = "0..1",
        heading = "Additional authenticated data, the same for every line:%n")
    Inputs.Aad aad;

    /** The AAD of each of {@code lines} lines (the same for all), or null without one. */
    List<byte[]> aads(int lines) {
      byte[] a = Inputs.Aad.read(aad);
      return a == null ? null : Collections.nCopies(lines, a);
    }

    /** {@code encrypted} or {@code decrypted}. */
    abstract String verb();

    /**
     * Sends one request for {@code lines} (the first numbered {@code firstLine}) and writes a line
     * to {@code out} for each.
     */
    abstract void batch(ClavisClient client, List<String> lines, long firstLine, Results out)
        throws IOException;

    @Override
    void validate(CliContext ctx) {
      if (batchSize != null && (batchSize < 1 || batchSize > MAX_BATCH_SIZE)) {
        throw usage("--batch-size must be 1.." + MAX_BATCH_SIZE + ", not " + batchSize);
      }
      if (in != null && !fromStdin()) {
        if (Files.isDirectory(in)) {
          throw new CliException(in + " is a directory");
        }
        if (!Files.isReadable(in)) {
          throw new CliException("cannot read " + in);
        }
      }
      if (outFile != null) {
        if (outFile.toString().equals("-")) {
          throw new CliException(
              "--out - is not a file: leave --out out to write to standard output");
        }
        OutputFile.check(outFile);
        if (in != null && !fromStdin() && sameFile(in, outFile)) {
          throw new CliException("--in and --out are the same file: " + outFile);
        }
      }
    }

    private static boolean sameFile(Path a, Path b) {
      try {
        return Files.exists(b) && Files.isSameFile(a, b);
      } catch (IOException e) {
        return false;
      }
    }

    private boolean fromStdin() {
      return in == null || in.toString().equals("-");
    }

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      Progress progress = Progress.forResults(err, outFile != null, verb(), "line", "lines");
      Results results;
      try (LineInput lines = new LineInput(fromStdin() ? ctx.stdin() : Files.newInputStream(in))) {
        if (outFile == null) {
          PrintWriter stdout = spec.commandLine().getOut();
          try {
            results =
                all(client, lines, new Results(stdout, out.isJson(), err, progress), progress);
          } finally {
            stdout.flush();
          }
        } else {
          results =
              OutputFile.write(
                  outFile,
                  w -> {
                    Results written =
                        all(client, lines, new Results(w, out.isJson(), err, progress), progress);
                    // A file of nothing but empty lines (a wrong key, say) replaces nothing.
                    if (written.written() > 0 && written.failed() == written.written()) {
                      throw new CliException(
                          String.format(
                              Locale.ROOT,
                              "none of the %,d lines could be %s; %s was left as it was",
                              written.written(),
                              verb(),
                              outFile));
                    }
                    return written;
                  });
        }
      } finally {
        progress.done();
      }
      long lines = results.written();
      long failed = results.failed();
      if (outFile == null) {
        if (failed == 0) {
          err.println(verb() + " " + progress.count(lines));
          err.flush();
        }
      } else if (out.isJson()) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lines", lines);
        summary.put("failed", failed);
        summary.put("out", outFile.toString());
        out.json(summary);
      } else if (failed == 0) {
        out.line(verb() + " " + progress.count(lines) + " to " + outFile);
      } else {
        out.line("wrote " + progress.count(lines) + " to " + outFile);
      }
      if (failed > 0) {
        throw new CliException(
            String.format(
                Locale.ROOT,
                "%s of %,d could not be %s%s",
                progress.count(failed),
                lines,
                verb(),
                outFile == null ? "" : "; their lines in " + outFile + " are empty"));
      }
      return 0;
    }

    /**
     * Every line of the input, a request per {@code --batch-size} lines or {@link #BATCH_CHARS}
     * characters, whichever comes first. A failure after some lines went to standard output says
     * how many.
     */
    private Results all(ClavisClient client, LineInput input, Results results, Progress progress)
        throws IOException {
      try {
        return batches(client, input, results, progress);
      } catch (ClavisException e) {
        String hint =
            batchSize == null
                    && e.getMessage() != null
                    && e.getMessage().contains("under an asymmetric key")
                ? " (give --batch-size 32)"
                : "";
        throw new ClavisException(
            e.status(), e.code(), e.getMessage() + hint + stopped(results), e.requestId(), e);
      } catch (CliException e) {
        throw new CliException(e.getMessage() + stopped(results));
      }
    }

    private Results batches(
        ClavisClient client, LineInput input, Results results, Progress progress)
        throws IOException {
      int size = batchSize == null ? MAX_BATCH_SIZE : batchSize;
      List<String> lines = new ArrayList<>(size);
      while (true) {
        lines.clear();
        long chars = 0;
        String line;
        while (lines.size() < size && chars < BATCH_CHARS && (line = input.next()) != null) {
          lines.add(line);
          chars += line.length();
        }
        if (lines.isEmpty()) {
          return results;
        }
        batch(client, lines, results.written() + 1, results);
        if (lines.size() == size || chars >= BATCH_CHARS) {
          progress.update(results.written()); // more may follow
        }
      }
    }

    /** For a run that stops after some lines went to standard output: how many. */
    private String stopped(Results results) {
      return outFile == null && results.written() > 0
          ? "; stopped after " + results.written() + " lines, whose results were printed"
          : "";
    }
  }

  /**
   * Where a command's lines go, a line out for each line in; and the lines that failed, the first
   * few named on standard error, all counted.
   */
  static final class Results {
    private final Writer w;
    private final boolean json;
    private final PrintWriter err;
    private final Progress progress;
    private long written;
    private long failed;

    Results(Writer w, boolean json, PrintWriter err, Progress progress) {
      this.w = w;
      this.json = json;
      this.err = err;
      this.progress = progress;
    }

    /** Whether lines are JSON objects (-o json). */
    boolean json() {
      return json;
    }

    void line(String text) throws IOException {
      w.write(text);
      w.write('\n');
      written++;
    }

    void line(Map<String, Object> object) throws IOException {
      line(JSON_LINES.writeValueAsString(object));
    }

    void failed(long line, String code, String message) {
      failed++;
      progress.done(); // a progress line on a terminal is cleared first
      if (failed <= NAMED_FAILURES) {
        err.println("line " + line + ": " + message + " (" + code + ")");
      } else if (failed == NAMED_FAILURES + 1) {
        err.println("(further failed lines are only counted)");
      }
      err.flush();
    }

    /** Lines written so far: as many as lines read. */
    long written() {
      return written;
    }

    long failed() {
      return failed;
    }
  }

  @Command(
      name = "encrypt-batch",
      description = {
        "Encrypt a file of plaintexts, one a line; prints one ciphertext a line, in order.",
        "Lines are split at \\n (a \\r before it is dropped) and are base64, or UTF-8 text with"
            + " --text. Sends up to --batch-size lines a request and stops at the first line that"
            + " is refused, named by its number: --out is then left as it was; on standard output"
            + " the lines already printed stay and the error says how many. Shows progress on"
            + " standard error when it is a terminal or --out is given. -o json writes one {line,"
            + " ciphertext, keyId, keyVersion} object a line."
      })
  static final class EncryptBatch extends LinesCommand {
    @Option(names = "--text", description = "Each line is UTF-8 text (default: base64).")
    boolean text;

    @Override
    String verb() {
      return "encrypted";
    }

    @Override
    void batch(ClavisClient client, List<String> lines, long firstLine, Results out)
        throws IOException {
      List<byte[]> plaintexts = new ArrayList<>(lines.size());
      for (int i = 0; i < lines.size(); i++) {
        plaintexts.add(
            text
                ? lines.get(i).getBytes(StandardCharsets.UTF_8)
                : base64(lines.get(i), firstLine + i));
      }
      List<EncryptResult> results =
          byLine(firstLine, () -> client.encryptBatch(keyId, plaintexts, aads(lines.size())));
      for (int i = 0; i < results.size(); i++) {
        EncryptResult r = results.get(i);
        if (out.json()) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("line", firstLine + i);
          o.put("ciphertext", r.ciphertext());
          o.put("keyId", r.keyId());
          o.put("keyVersion", r.keyVersion());
          out.line(o);
        } else {
          out.line(r.ciphertext());
        }
      }
    }

    private static byte[] base64(String line, long number) {
      try {
        return Base64.getDecoder().decode(line.strip());
      } catch (IllegalArgumentException e) {
        throw new CliException(
            "line " + number + " is not valid base64 (give --text for lines of text)");
      }
    }
  }

  @Command(
      name = "decrypt-batch",
      description = {
        "Decrypt a file of ciphertexts of one key, one a line; prints one plaintext a line, in"
            + " order.",
        "Plaintexts are printed as base64, or as UTF-8 text with --text. A line that cannot be"
            + " decrypted is left empty and named on standard error (the first "
            + NAMED_FAILURES
            + "), and the command then fails (exit code 1) after every other line is done."
            + " Sends up to --batch-size lines a request. Shows progress on standard error when"
            + " it is a terminal or --out is given. -o json writes one {line, plaintext (base64),"
            + " keyId, keyVersion} or {line, error: {code, message}} object a line."
      })
  static final class DecryptBatch extends LinesCommand {
    @Option(
        names = "--text",
        description =
            "Write each plaintext as UTF-8 text (default: base64); one that is not a line of"
                + " text fails its line. JSON mode always gives base64.")
    boolean text;

    @Override
    String verb() {
      return "decrypted";
    }

    @Override
    void batch(ClavisClient client, List<String> lines, long firstLine, Results out)
        throws IOException {
      List<BatchDecryptResult> results =
          byLine(firstLine, () -> client.decryptBatch(keyId, lines, aads(lines.size())));
      for (int i = 0; i < results.size(); i++) {
        long line = firstLine + i;
        BatchDecryptResult r = results.get(i);
        if (!r.ok()) {
          out.failed(line, r.errorCode(), r.errorMessage());
        }
        if (out.json()) {
          out.line(jsonLine(line, r));
        } else if (!r.ok()) {
          out.line("");
        } else {
          String shown = text ? oneLineOfText(r.result()) : Inputs.base64(r.result().plaintext());
          if (shown == null) {
            out.failed(
                line,
                "NOT_TEXT",
                "the plaintext is not one line of UTF-8 text: drop --text to get base64");
          }
          out.line(shown == null ? "" : shown);
        }
      }
    }

    private static String oneLineOfText(DecryptResult r) {
      String s = Inputs.utf8OrNull(r.plaintext());
      return s == null || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? null : s;
    }

    private static Map<String, Object> jsonLine(long line, BatchDecryptResult r) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("line", line);
      if (r.ok()) {
        o.put("plaintext", Inputs.base64(r.result().plaintext()));
        o.put("keyId", r.result().keyId());
        o.put("keyVersion", r.result().keyVersion());
      } else {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", r.errorCode());
        error.put("message", r.errorMessage());
        o.put("error", error);
      }
      return o;
    }
  }

  /** Sends one batch; a refusal that names an item of it names the line instead. */
  private static <T> T byLine(long firstLine, Supplier<T> request) {
    try {
      return request.get();
    } catch (BatchItemException e) {
      throw new ClavisException(
          e.status(),
          e.code(),
          "line " + (firstLine + e.item()) + ": " + e.reason(),
          e.requestId());
    }
  }
}
