package io.clavis.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Parses command lines without running them and checks what the commands would send. */
class OptionsTest {
  private final CliRunner runner = new CliRunner();

  @SuppressWarnings("unchecked")
  private <T> T parse(String... args) {
    PrintWriter sink = new PrintWriter(Writer.nullWriter());
    CommandLine cl = Main.commandLine(runner.context(), sink, sink);
    ParseResult pr = cl.parseArgs(args);
    while (pr.hasSubcommand()) {
      pr = pr.subcommand();
    }
    return (T) pr.commandSpec().userObject();
  }

  @Test
  void plaintextAsText() throws Exception {
    CryptoCommands.Encrypt e = parse("encrypt", "-k", "k1", "--plaintext", "héllo");
    assertThat(e.keyId).isEqualTo("k1");
    assertThat(e.plaintext.read(runner.context())).isEqualTo("héllo".getBytes(UTF_8));
    assertThat(Inputs.Aad.read(e.aad)).isNull();
  }

  @Test
  void plaintextAsBase64() throws Exception {
    CryptoCommands.Encrypt e = parse("encrypt", "--key", "k1", "--plaintext-base64", "AAEC/w==");
    assertThat(e.plaintext.read(runner.context())).containsExactly(0, 1, 2, 255);
  }

  @Test
  void plaintextFromAFileAndFromStandardInput(@TempDir Path dir) throws Exception {
    Path f = Files.write(dir.resolve("p.bin"), new byte[] {9, 8, 7});
    CryptoCommands.Encrypt e = parse("encrypt", "-k", "k1", "--plaintext-file", f.toString());
    assertThat(e.plaintext.read(runner.context())).containsExactly(9, 8, 7);

    runner.stdin("from stdin\n");
    CryptoCommands.Encrypt s = parse("encrypt", "-k", "k1", "--plaintext-file", "-");
    assertThat(s.plaintext.read(runner.context())).isEqualTo("from stdin\n".getBytes(UTF_8));
  }

  @Test
  void aadAsTextOrBase64() {
    CryptoCommands.Encrypt t = parse("encrypt", "-k", "k", "--plaintext", "p", "--aad", "ctx");
    assertThat(Inputs.Aad.read(t.aad)).isEqualTo("ctx".getBytes(UTF_8));
    CryptoCommands.Decrypt b = parse("decrypt", "--ciphertext", "CT", "--aad-base64", "Y3R4");
    assertThat(Inputs.Aad.read(b.aad)).isEqualTo("ctx".getBytes(UTF_8));
  }

  @Test
  void ciphertextFromStandardInputIsStripped() throws Exception {
    runner.stdin("  Q1Q=\n");
    CryptoCommands.Decrypt d = parse("decrypt", "--ciphertext", "-");
    assertThat(CryptoCommands.ciphertext(d.ciphertext, runner.context())).isEqualTo("Q1Q=");
    assertThat(d.text).isFalse();
    assertThat(d.keyId).isNull();
  }

  @Test
  void signWithMessageOrDigest() throws Exception {
    CryptoCommands.Sign m =
        parse("sign", "-k", "k", "--algorithm", "ECDSA_SHA256", "--message", "hi");
    assertThat(m.input.isDigest()).isFalse();
    assertThat(m.input.read(runner.context())).isEqualTo("hi".getBytes(UTF_8));
    CryptoCommands.Sign d =
        parse("sign", "-k", "k", "--algorithm", "ECDSA_SHA256", "--digest-base64", "AQID");
    assertThat(d.input.isDigest()).isTrue();
    assertThat(d.input.read(runner.context())).containsExactly(1, 2, 3);
  }

  @Test
  void verifyDecodesTheSignature() {
    CryptoCommands.Verify v =
        parse(
            "verify",
            "-k",
            "k",
            "--algorithm",
            "RSA_PSS_SHA256",
            "--message-base64",
            "AA==",
            "--signature",
            "AQID",
            "--key-version",
            "2");
    assertThat(v.signature.bytes()).containsExactly(1, 2, 3);
    assertThat(v.keyVersion).isEqualTo(2);
  }

  @Test
  void keyCreateOptions() {
    KeyCommand.Create c =
        parse(
            "key",
            "create",
            "payments",
            "--vault",
            "vault_1",
            "--algorithm",
            "AES_256",
            "--tag",
            "team=pay",
            "--tag",
            "env=prod",
            "--rotation-period-days",
            "90");
    assertThat(c.name).isEqualTo("payments");
    assertThat(c.vaultId).isEqualTo("vault_1");
    assertThat(c.tags).containsExactlyInAnyOrderEntriesOf(Map.of("team", "pay", "env", "prod"));
    assertThat(c.rotationPeriodDays).isEqualTo(90);
  }

  @Test
  void tokenTtl() {
    TokenCommand.Create c = parse("token", "create", "--ttl", "12h", "--description", "ci");
    assertThat(c.ttl).isEqualTo(Duration.ofHours(12));
    assertThat(c.description).isEqualTo("ci");
  }

  @Test
  void outputFormatIsInheritedAndCaseInsensitive() {
    KeyCommand.Get g = parse("key", "-o", "JSON", "get", "key_1");
    assertThat(ClientOptions.of(g.spec).output()).isEqualTo(OutputFormat.json);
    KeyCommand.Get t = parse("key", "get", "key_1");
    assertThat(ClientOptions.of(t.spec).output()).isEqualTo(OutputFormat.table);
    CryptoCommands.Encrypt e = parse("encrypt", "-k", "k", "--plaintext", "p", "--output", "json");
    assertThat(ClientOptions.of(e.spec).output()).isEqualTo(OutputFormat.json);
  }

  @Test
  void serverListAcceptsSeveralUrlsAndBareHostPort() {
    KeyCommand.Get g = parse("key", "get", "k", "--server", "https://a:1, b:2 ,");
    assertThat(ClientOptions.of(g.spec).servers(runner.context().env()))
        .extracting(Object::toString)
        .containsExactly("https://a:1", "https://b:2");
  }

  @Test
  void tokenFromOptionThenEnvironment() {
    runner.env("CLAVIS_TOKEN", "from-env");
    KeyCommand.Get withOption = parse("key", "get", "k", "--token", "from-option");
    assertThat(ClientOptions.of(withOption.spec).token(runner.context().env()))
        .isEqualTo("from-option");
    KeyCommand.Get withoutOption = parse("key", "get", "k");
    assertThat(ClientOptions.of(withoutOption.spec).token(runner.context().env()))
        .isEqualTo("from-env");
  }

  @Test
  void passphraseFileLosesItsFinalNewlineOnly(@TempDir Path dir) throws Exception {
    Path f = Files.writeString(dir.resolve("p"), " pass word \r\n");
    assertThat(Inputs.readSecretFile(f.toString(), runner.context())).isEqualTo(" pass word ");
  }

  @Test
  void strictUtf8() {
    assertThat(Inputs.utf8OrNull("ok é".getBytes(UTF_8))).isEqualTo("ok é");
    assertThat(Inputs.utf8OrNull(new byte[] {(byte) 0xff, 0x00})).isNull();
  }
}
