package io.clavis.cli.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clavis encrypt-batch} and {@code decrypt-batch} against a real node: files in and out line
 * for line over several requests, failed lines named, bad input refused before it changes anything.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchCommandsProcessTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private NodeProcess node;
  private InProcessCli cli;
  private String key;

  @BeforeAll
  void startNode() throws Exception {
    node = new NodeProcess(dir.resolve("node")).start();
    cli = InProcessCli.forNode(node, node.devJson().get("token").asText());
    String vault = field(cli.run("vault", "create", "batch", "-o", "json"), "id");
    key =
        field(
            cli.run(
                "key", "create", "rows", "--vault", vault, "--algorithm", "AES_256", "-o", "json"),
            "id");
  }

  @AfterAll
  void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static String field(InProcessCli.Result r, String name) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out()).get(name).asText();
  }

  @Test
  void aFileOfTextIsEncryptedAndDecryptedLineForLineOverSeveralRequests() throws Exception {
    List<String> names = IntStream.range(0, 2_500).mapToObj(i -> "name " + i).toList();
    Path plain = Files.write(dir.resolve("names.txt"), names);
    Path sealed = dir.resolve("names.enc");

    InProcessCli.Result encrypted =
        cli.run(
            "encrypt-batch",
            "-k",
            key,
            "--in",
            plain.toString(),
            "--out",
            sealed.toString(),
            "--text",
            "--aad",
            "table-a");
    assertThat(encrypted.exit()).as(encrypted.err()).isZero();
    assertThat(encrypted.out()).isEqualTo("encrypted 2,500 lines to " + sealed + "\n");
    // --out makes progress visible on standard error.
    assertThat(encrypted.err()).contains("encrypted 1,000 lines...");
    List<String> ciphertexts = Files.readAllLines(sealed);
    assertThat(ciphertexts).hasSize(2_500).doesNotHaveDuplicates().doesNotContain("");

    InProcessCli.Result decrypted =
        cli.run(
            "decrypt-batch",
            "-k",
            key,
            "--in",
            sealed.toString(),
            "--text",
            "--aad",
            "table-a",
            "--batch-size",
            "700");
    assertThat(decrypted.exit()).as(decrypted.err()).isZero();
    assertThat(decrypted.out().split("\n", -1))
        .hasSize(2_501)
        .startsWith(names.toArray(String[]::new));
    assertThat(decrypted.err()).endsWith("decrypted 2,500 lines\n");
  }

  @Test
  void aLineThatCannotBeDecryptedIsLeftEmptyAndNamedAndTheCommandFails() throws Exception {
    InProcessCli.Result encrypted =
        cli.runWithStdin("YQ==\nYg==\nYw==\n", "encrypt-batch", "-k", key);
    assertThat(encrypted.exit()).as(encrypted.err()).isZero();
    List<String> lines = new ArrayList<>(List.of(encrypted.out().split("\n")));
    lines.set(1, "AAAA" + lines.get(1).substring(4, 20));
    InProcessCli.Result decrypted =
        cli.runWithStdin(String.join("\n", lines) + "\n", "decrypt-batch", "-k", key, "--text");
    assertThat(decrypted.exit()).isEqualTo(1);
    assertThat(decrypted.out()).isEqualTo("a\n\nc\n");
    assertThat(decrypted.err())
        .contains("line 2: the ciphertext cannot be decrypted (DECRYPTION_FAILED)")
        .contains("1 line of 3 could not be decrypted");
  }

  @Test
  void manyFailedLinesAreCountedAndTheOutputFileIsKept() throws Exception {
    String good = cli.runWithStdin("YQ==\n", "encrypt-batch", "-k", key).out().strip();
    List<String> input = new ArrayList<>(java.util.Collections.nCopies(12, "AAAA"));
    input.add(good);
    Path in = Files.write(dir.resolve("garbage.enc"), input);
    Path out = dir.resolve("garbage.txt");
    InProcessCli.Result r =
        cli.run("decrypt-batch", "-k", key, "--in", in.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .contains("line 10: ")
        .doesNotContain("line 11: ")
        .contains("(further failed lines are only counted)")
        .contains("12 lines of 13 could not be decrypted; their lines in " + out + " are empty");
    assertThat(r.out()).isEqualTo("wrote 13 lines to " + out + "\n");
    List<String> written = Files.readAllLines(out);
    assertThat(written).hasSize(13);
    assertThat(written.subList(0, 12)).allMatch(String::isEmpty);
    assertThat(written.get(12)).isEqualTo("YQ==");

    // Nothing decrypted (a wrong key, say): the file is left as it was.
    Path garbage = Files.write(dir.resolve("only-garbage.enc"), List.of("AAAA", "AAAB"));
    Path kept = Files.writeString(dir.resolve("kept.txt"), "precious\n");
    InProcessCli.Result none =
        cli.run("decrypt-batch", "-k", key, "--in", garbage.toString(), "--out", kept.toString());
    assertThat(none.exit()).isEqualTo(1);
    assertThat(none.err()).contains("none of the 2 lines could be decrypted; " + kept);
    assertThat(Files.readString(kept)).isEqualTo("precious\n");
    // Nor may the output overwrite the input.
    InProcessCli.Result same =
        cli.run("decrypt-batch", "-k", key, "--in", in.toString(), "--out", in.toString());
    assertThat(same.exit()).isEqualTo(1);
    assertThat(same.err()).contains("--in and --out are the same file");
  }

  @Test
  void jsonModeWritesOneObjectALineNamingItsLine() throws Exception {
    InProcessCli.Result encrypted =
        cli.runWithStdin("one\ntwo\n", "encrypt-batch", "-k", key, "--text", "-o", "json");
    assertThat(encrypted.exit()).as(encrypted.err()).isZero();
    String[] lines = encrypted.out().split("\n");
    assertThat(lines).hasSize(2);
    for (int i = 0; i < 2; i++) {
      JsonNode line = JSON.readTree(lines[i]);
      assertThat(line.get("line").asInt()).isEqualTo(i + 1);
      assertThat(line.get("keyId").asText()).isEqualTo(key);
    }
    InProcessCli.Result decrypted =
        cli.runWithStdin(
            JSON.readTree(lines[0]).get("ciphertext").asText() + "\nnot a ciphertext\n",
            "decrypt-batch",
            "-k",
            key,
            "-o",
            "json");
    assertThat(decrypted.exit()).isEqualTo(1);
    String[] answers = decrypted.out().split("\n");
    assertThat(JSON.readTree(answers[0]).get("plaintext").asText()).isEqualTo("b25l");
    assertThat(JSON.readTree(answers[1]).get("error").get("code").asText())
        .isEqualTo("DECRYPTION_FAILED");
  }

  @Test
  void aBadLineStopsEncryptionAndLeavesTheOutputFileAsItWas() throws Exception {
    Path in = Files.writeString(dir.resolve("bad.txt"), "aGk=\n%%%\n");
    Path out = Files.writeString(dir.resolve("kept.enc"), "old\n");
    InProcessCli.Result r =
        cli.run("encrypt-batch", "-k", key, "--in", in.toString(), "--out", out.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("line 2 is not valid base64");
    assertThat(Files.readString(out)).isEqualTo("old\n");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
    }
  }

  @Test
  void linesAreCountedAsWcCountsThem() throws Exception {
    // CRLF endings, a byte order mark, a carriage return inside a line, no final newline.
    byte[] input =
        "\uFEFFone\r\ntw\ro\r\n\r\nlast".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path in = Files.write(dir.resolve("crlf.txt"), input);
    Path sealed = dir.resolve("crlf.enc");
    InProcessCli.Result encrypted =
        cli.run(
            "encrypt-batch",
            "-k",
            key,
            "--text",
            "--in",
            in.toString(),
            "--out",
            sealed.toString());
    assertThat(encrypted.exit()).as(encrypted.err()).isZero();
    assertThat(Files.readAllLines(sealed)).hasSize(4);
    InProcessCli.Result decrypted =
        cli.run("decrypt-batch", "-k", key, "--in", sealed.toString(), "-o", "json");
    assertThat(decrypted.exit()).as(decrypted.err()).isZero();
    List<String> plaintexts = new ArrayList<>();
    for (String line : decrypted.out().split("\n")) {
      plaintexts.add(
          new String(
              java.util.Base64.getDecoder().decode(JSON.readTree(line).get("plaintext").asText()),
              java.nio.charset.StandardCharsets.UTF_8));
    }
    assertThat(plaintexts).containsExactly("one", "tw\ro", "", "last");
    // A plaintext that is not one line of text cannot be printed as one with --text.
    InProcessCli.Result asText =
        cli.run("decrypt-batch", "-k", key, "--in", sealed.toString(), "--text");
    assertThat(asText.exit()).isEqualTo(1);
    assertThat(asText.out()).isEqualTo("one\n\n\nlast\n");
    assertThat(asText.err()).contains("line 2: the plaintext is not one line of UTF-8 text");
  }

  @Test
  void invalidUtf8IsRefusedByItsLineAndEmptyInputIsNoLines() throws Exception {
    Path in =
        Files.write(dir.resolve("latin1.txt"), new byte[] {'o', 'k', '\n', (byte) 0xE9, '\n'});
    InProcessCli.Result r = cli.run("encrypt-batch", "-k", key, "--text", "--in", in.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("line 2 is not valid UTF-8");
    InProcessCli.Result empty = cli.runWithStdin("", "encrypt-batch", "-k", key, "--in", "-");
    assertThat(empty.exit()).as(empty.err()).isZero();
    assertThat(empty.out()).isEmpty();
    assertThat(empty.err()).isEqualTo("encrypted 0 lines\n");
  }

  @Test
  void aRefusalInALaterBatchKeepsTheOutputFileAndSaysWhatWasPrinted() throws Exception {
    String rsa =
        field(
            cli.run(
                "key",
                "create",
                "rsa-rows",
                "--vault",
                field(cli.run("vault", "create", "batch-rsa", "-o", "json"), "id"),
                "--algorithm",
                "RSA_2048",
                "-o",
                "json"),
            "id");
    // Too many lines a request under an RSA key: refused, with the hint.
    InProcessCli.Result tooMany = cli.runWithStdin("YQ==\n".repeat(40), "encrypt-batch", "-k", rsa);
    assertThat(tooMany.exit()).isEqualTo(1);
    assertThat(tooMany.err()).contains("(give --batch-size 32)");
    // Line 3 is over the RSA key's OAEP limit: refused in the second request.
    String big = java.util.Base64.getEncoder().encodeToString(new byte[191]);
    String input = "YQ==\nYg==\n" + big + "\n";
    InProcessCli.Result printed =
        cli.runWithStdin(input, "encrypt-batch", "-k", rsa, "--batch-size", "2");
    assertThat(printed.exit()).isEqualTo(1);
    assertThat(printed.out().split("\n")).hasSize(2);
    assertThat(printed.err())
        .contains("line 3: ")
        .contains("stopped after 2 lines, whose results were printed");
    Path out = Files.writeString(dir.resolve("rsa.enc"), "old\n");
    InProcessCli.Result kept =
        cli.runWithStdin(
            input, "encrypt-batch", "-k", rsa, "--batch-size", "2", "--out", out.toString());
    assertThat(kept.exit()).isEqualTo(1);
    assertThat(kept.err()).contains("line 3: ").doesNotContain("stopped after");
    assertThat(Files.readString(out)).isEqualTo("old\n");
  }

  @Test
  void aTooLargeBatchSizeIsAUsageError() {
    InProcessCli.Result r = cli.run("encrypt-batch", "-k", key, "--batch-size", "1001");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--batch-size must be 1..1000");
  }
}
