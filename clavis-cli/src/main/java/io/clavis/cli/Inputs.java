package io.clavis.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The ways to give a binary value on the command line: as UTF-8 text, as a file ({@code -} for
 * standard input) or as base64. Each group is used as an exclusive {@code @ArgGroup}, so picocli
 * rejects two forms at once (exit code 2).
 */
final class Inputs {
  private Inputs() {}

  /** A base64 value, decoded (and so validated) while parsing the command line. */
  record Base64Value(byte[] bytes) {
    static final class Converter implements ITypeConverter<Base64Value> {
      @Override
      public Base64Value convert(String value) {
        return new Base64Value(decodeBase64(value));
      }
    }
  }

  static byte[] decodeBase64(String value) {
    try {
      return Base64.getDecoder().decode(value.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException("'" + abbreviate(value) + "' is not valid base64");
    }
  }

  /** The bytes of a file, or of standard input for {@code -}. */
  static byte[] readFile(String path, CliContext ctx) throws IOException {
    if ("-".equals(path)) {
      return ctx.stdin().readAllBytes();
    }
    return Files.readAllBytes(Path.of(path));
  }

  /** A one-line secret from a file ({@code -}: standard input), without its final newline. */
  static String readSecretFile(String path, CliContext ctx) throws IOException {
    String s = new String(readFile(path, ctx), StandardCharsets.UTF_8);
    if (s.endsWith("\n")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.endsWith("\r")) {
      s = s.substring(0, s.length() - 1);
    }
    if (s.isEmpty()) {
      throw new CliException("the file " + path + " is empty");
    }
    return s;
  }

  /** Strict UTF-8 decoding, or null when the bytes are not valid UTF-8. */
  static String utf8OrNull(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  static String base64(byte[] bytes) {
    return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
  }

  private static String abbreviate(String s) {
    return s.length() <= 20 ? s : s.substring(0, 17) + "...";
  }

  /**
   * A binary value given in one of the three forms of a group: as UTF-8 {@code text}, from a {@code
   * file} ({@code -}: standard input) or as {@code base64}. Exactly one is non-null, as the
   * exclusive group guarantees.
   */
  static byte[] textFileOrBase64(String text, String file, Base64Value base64, CliContext ctx)
      throws IOException {
    return file != null ? readFile(file, ctx) : textOrBase64(text, base64);
  }

  /** A binary value given as UTF-8 {@code text} or as {@code base64}; exactly one is non-null. */
  static byte[] textOrBase64(String text, Base64Value base64) {
    return text != null ? text.getBytes(StandardCharsets.UTF_8) : base64.bytes();
  }

  // The groups below differ only in their option names and help texts, which picocli needs as
  // annotation constants: each declares its options and reads them with the resolvers above.

  /** {@code --plaintext TEXT | --plaintext-file PATH | --plaintext-base64 B64}. */
  static final class Plaintext {
    @Option(names = "--plaintext", paramLabel = "TEXT", description = "The plaintext, as UTF-8.")
    String text;

    @Option(
        names = "--plaintext-file",
        paramLabel = "PATH",
        description = "Read the plaintext from a file (- for standard input).")
    String file;

    @Option(
        names = "--plaintext-base64",
        paramLabel = "B64",
        converter = Base64Value.Converter.class,
        description = "The plaintext, base64-encoded.")
    Base64Value base64;

    byte[] read(CliContext ctx) throws IOException {
      return textFileOrBase64(text, file, base64, ctx);
    }
  }

  /** {@code --message TEXT | --message-file PATH | --message-base64 B64}. */
  static class Message {
    @Option(names = "--message", paramLabel = "TEXT", description = "The message, as UTF-8.")
    String text;

    @Option(
        names = "--message-file",
        paramLabel = "PATH",
        description = "Read the message from a file (- for standard input).")
    String file;

    @Option(
        names = "--message-base64",
        paramLabel = "B64",
        converter = Base64Value.Converter.class,
        description = "The message, base64-encoded.")
    Base64Value base64;

    byte[] read(CliContext ctx) throws IOException {
      return textFileOrBase64(text, file, base64, ctx);
    }
  }

  /**
   * The {@link Message} forms (inherited: picocli reads the superclass's options first), or a
   * precomputed digest: {@code --digest-base64 B64 | --digest-file PATH}.
   */
  static final class MessageOrDigest extends Message {
    @Option(
        names = "--digest-base64",
        paramLabel = "B64",
        converter = Base64Value.Converter.class,
        description = "A precomputed digest of the message, base64-encoded.")
    Base64Value digestBase64;

    @Option(
        names = "--digest-file",
        paramLabel = "PATH",
        description = "Read a precomputed raw digest from a file (- for standard input).")
    String digestFile;

    boolean isDigest() {
      return digestBase64 != null || digestFile != null;
    }

    /** The message, or the digest when {@link #isDigest()}. */
    @Override
    byte[] read(CliContext ctx) throws IOException {
      if (!isDigest()) {
        return super.read(ctx);
      }
      return digestFile != null ? readFile(digestFile, ctx) : digestBase64.bytes();
    }
  }

  /** {@code --aad TEXT | --aad-base64 B64}: optional additional authenticated data. */
  static final class Aad {
    @Option(
        names = "--aad",
        paramLabel = "TEXT",
        description = "Additional authenticated data, as UTF-8; the same AAD is needed to decrypt.")
    String text;

    @Option(
        names = "--aad-base64",
        paramLabel = "B64",
        converter = Base64Value.Converter.class,
        description = "Additional authenticated data, base64-encoded.")
    Base64Value base64;

    /** The AAD, or null when the group was not given. */
    static byte[] read(Aad aad) {
      return aad == null ? null : textOrBase64(aad.text, aad.base64);
    }
  }
}
