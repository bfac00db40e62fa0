package io.clavis.cli;

import io.clavis.client.ClavisClient;
import io.clavis.client.DataKey;
import io.clavis.client.DecryptResult;
import io.clavis.client.EncryptResult;
import io.clavis.client.MacResult;
import io.clavis.client.SignRequest;
import io.clavis.client.SignResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code encrypt}, {@code decrypt}, {@code data-key}, {@code re-encrypt}, {@code sign}, {@code
 * verify}, {@code mac}, {@code verify-mac}. Ciphertexts, signatures and MAC tags are given and
 * printed as base64.
 */
final class CryptoCommands {
  private CryptoCommands() {}

  static final String SIGNATURE_ALGORITHMS =
      "RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512, RSA_PKCS1_SHA256, RSA_PKCS1_SHA384,"
          + " RSA_PKCS1_SHA512, ECDSA_SHA256, ECDSA_SHA384, ECDSA_SHA512";

  /**
   * The table of a result made by one key version: {@code field} (the result itself), then {@code
   * KEY ID} and {@code KEY VERSION}.
   */
  static Table resultTable(String field, Object value, String keyId, int keyVersion) {
    return Table.fieldValue().row(field, value).row("KEY ID", keyId).row("KEY VERSION", keyVersion);
  }

  static Table encryptTable(EncryptResult r) {
    return resultTable("CIPHERTEXT", r.ciphertext(), r.keyId(), r.keyVersion());
  }

  /** {@code --ciphertext B64}, or {@code -} for standard input. */
  static String ciphertext(String value, CliContext ctx) throws IOException {
    String c =
        "-".equals(value)
            ? new String(ctx.stdin().readAllBytes(), StandardCharsets.US_ASCII)
            : value;
    c = c.strip();
    if (c.isEmpty()) {
      throw new CliException("the ciphertext is empty");
    }
    return c;
  }

  /** The answer of verify and verify-mac: {@code {"valid": ...}} or a {@code VALID} row. */
  static void printValid(Output out, boolean valid) {
    out.print(Map.of("valid", valid), () -> Table.fieldValue().row("VALID", valid));
  }

  /** A command on a key given by a required {@code -k/--key}. */
  abstract static class WithKey extends ClientCommand.Standalone {
    @Option(
        names = {"-k", "--key"},
        required = true,
        paramLabel = "KEY_ID",
        description = "The key.")
    String keyId;
  }

  /** {@code sign} and {@code verify}: a signature algorithm and a message or digest. */
  abstract static class SignatureCommand extends WithKey {
    @Option(
        names = "--algorithm",
        required = true,
        paramLabel = "ALGORITHM",
        description = "One of: " + SIGNATURE_ALGORITHMS + ".")
    String algorithm;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Message or digest (exactly one):%n")
    Inputs.MessageOrDigest input;

    SignRequest signRequest(CliContext ctx) throws IOException {
      byte[] data = input.read(ctx);
      return input.isDigest()
          ? SignRequest.digest(data, algorithm)
          : SignRequest.message(data, algorithm);
    }
  }

  @Command(
      name = "encrypt",
      description = "Encrypt a plaintext under a key; prints the ciphertext.")
  static final class Encrypt extends WithKey {
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Plaintext (exactly one):%n")
    Inputs.Plaintext plaintext;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Additional authenticated data:%n")
    Inputs.Aad aad;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      EncryptResult r = client.encrypt(keyId, plaintext.read(ctx), Inputs.Aad.read(aad));
      out.print(r, () -> encryptTable(r));
      return 0;
    }
  }

  @Command(
      name = "decrypt",
      description = {
        "Decrypt a ciphertext.",
        "Table mode prints the plaintext as base64, or as text with --text (an error if it is not"
            + " valid UTF-8). JSON mode always gives base64 in the 'plaintext' field."
      })
  static final class Decrypt extends ClientCommand.Standalone {
    @Option(
        names = "--ciphertext",
        required = true,
        paramLabel = "B64",
        description = "The ciphertext, as printed by encrypt (- for standard input).")
    String ciphertext;

    @Option(
        names = {"-k", "--key"},
        paramLabel = "KEY_ID",
        description = "Fail unless the ciphertext belongs to this key.")
    String keyId;

    @Option(names = "--text", description = "Table mode: print the plaintext as UTF-8 text.")
    boolean text;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Additional authenticated data:%n")
    Inputs.Aad aad;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      String c = ciphertext(ciphertext, ctx);
      byte[] a = Inputs.Aad.read(aad);
      DecryptResult r = keyId == null ? client.decrypt(c, a) : client.decrypt(keyId, c, a);
      if (out.isJson()) {
        out.json(r);
        return 0;
      }
      String shown;
      if (text) {
        shown = Inputs.utf8OrNull(r.plaintext());
        if (shown == null) {
          throw new CliException(
              "the plaintext is not valid UTF-8 text: drop --text to get base64");
        }
      } else {
        shown = Inputs.base64(r.plaintext());
      }
      out.table(resultTable("PLAINTEXT", shown, r.keyId(), r.keyVersion()));
      return 0;
    }
  }

  @Command(
      name = "data-key",
      description = {
        "Generate a data key: its plaintext (base64) to use locally, and its ciphertext to store.",
      })
  static final class GenerateDataKey extends WithKey {
    @Option(
        names = "--algorithm",
        paramLabel = "AES_256|AES_128",
        description = "The data key's algorithm (default: the server's, AES_256).")
    String algorithm;

    @Option(
        names = "--no-plaintext",
        description = "Only the ciphertext of the data key (to decrypt later).")
    boolean noPlaintext;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Additional authenticated data:%n")
    Inputs.Aad aad;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) {
      DataKey d = client.generateDataKey(keyId, algorithm, !noPlaintext, Inputs.Aad.read(aad));
      out.print(
          d,
          () ->
              Table.fieldValue()
                  .row("PLAINTEXT", Inputs.base64(d.plaintext()))
                  .row("CIPHERTEXT", d.ciphertext())
                  .row("KEY ID", d.keyId())
                  .row("KEY VERSION", d.keyVersion()));
      return 0;
    }
  }

  @Command(
      name = "re-encrypt",
      description = "Re-encrypt a ciphertext under the current version of a key, server-side.")
  static final class ReEncrypt extends ClientCommand.Standalone {
    @Option(
        names = {"-k", "--key"},
        required = true,
        paramLabel = "KEY_ID",
        description = "The key to encrypt under.")
    String keyId;

    @Option(
        names = "--ciphertext",
        required = true,
        paramLabel = "B64",
        description = "The ciphertext (- for standard input).")
    String ciphertext;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "Additional authenticated data:%n")
    Inputs.Aad aad;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      EncryptResult r = client.reEncrypt(keyId, ciphertext(ciphertext, ctx), Inputs.Aad.read(aad));
      out.print(r, () -> encryptTable(r));
      return 0;
    }
  }

  @Command(
      name = "sign",
      description = "Sign a message or a digest; prints the signature (base64).")
  static final class Sign extends SignatureCommand {
    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      SignResult r = client.sign(keyId, signRequest(ctx));
      out.print(
          r,
          () ->
              resultTable("SIGNATURE", Inputs.base64(r.signature()), r.keyId(), r.keyVersion())
                  .row("ALGORITHM", r.algorithm()));
      return 0;
    }
  }

  @Command(
      name = "verify",
      description = {
        "Verify a signature. Prints VALID true or false; the exit code is 0 either way."
      })
  static final class Verify extends SignatureCommand {
    @Option(
        names = "--signature",
        required = true,
        paramLabel = "B64",
        converter = Inputs.Base64Value.Converter.class,
        description = "The signature, base64-encoded.")
    Inputs.Base64Value signature;

    @Option(
        names = "--key-version",
        paramLabel = "N",
        description = "Only accept a signature by this version (default: any enabled version).")
    Integer keyVersion;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      printValid(out, client.verify(keyId, signRequest(ctx), signature.bytes(), keyVersion));
      return 0;
    }
  }

  @Command(
      name = "mac",
      description = "Compute the MAC tag of a message with an HMAC key (base64).")
  static final class Mac extends WithKey {
    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Message (exactly one):%n")
    Inputs.Message message;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      MacResult r = client.mac(keyId, message.read(ctx));
      out.print(r, () -> resultTable("MAC", Inputs.base64(r.mac()), r.keyId(), r.keyVersion()));
      return 0;
    }
  }

  @Command(
      name = "verify-mac",
      description = "Verify a MAC tag. Prints VALID true or false; the exit code is 0 either way.")
  static final class VerifyMac extends WithKey {
    @Option(
        names = "--mac",
        required = true,
        paramLabel = "B64",
        converter = Inputs.Base64Value.Converter.class,
        description = "The MAC tag, base64-encoded.")
    Inputs.Base64Value mac;

    @Option(
        names = "--key-version",
        paramLabel = "N",
        description = "Only accept a tag made by this version (default: any enabled version).")
    Integer keyVersion;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Message (exactly one):%n")
    Inputs.Message message;

    @Override
    int run(ClavisClient client, Output out, CliContext ctx) throws IOException {
      printValid(out, client.verifyMac(keyId, message.read(ctx), mac.bytes(), keyVersion));
      return 0;
    }
  }
}
