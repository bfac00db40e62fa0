package io.clavis.core.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Derives keys from passphrases with Argon2id (RFC 9106, version 0x13), via Bouncy Castle since the
 * JDK has no memory-hard KDF.
 *
 * <p>The passphrase is encoded as UTF-8 (RFC 9106 leaves the encoding to the application; UTF-8 is
 * what other tools use for the same passphrase).
 */
public final class Argon2idKdf {
  /** Shortest salt accepted; Argon2 requires 8 bytes, RFC 9106 recommends 16. */
  public static final int MIN_SALT_LENGTH = 8;

  /** Shortest output Argon2 defines. */
  public static final int MIN_OUTPUT_LENGTH = 4;

  private Argon2idKdf() {}

  /**
   * The cost parameters. They must be stored with the salt: deriving with other parameters gives
   * another key.
   *
   * @param memoryKiB memory in KiB, at least 8 per lane
   * @param iterations passes over memory, at least 1
   * @param parallelism lanes, 1..2^24-1
   */
  public record Params(int memoryKiB, int iterations, int parallelism) {
    public Params {
      if (parallelism < 1 || parallelism > 0xffffff) {
        throw new IllegalArgumentException("parallelism must be in 1..2^24-1");
      }
      if (iterations < 1) {
        throw new IllegalArgumentException("iterations must be at least 1");
      }
      if (memoryKiB < 8 * parallelism) {
        throw new IllegalArgumentException("memory must be at least 8 KiB per lane");
      }
    }

    /**
     * 64 MiB, 3 iterations, 1 lane: the memory and passes of RFC 9106's second recommended option
     * (section 4), on one lane so that a derivation occupies one core; roughly 0.1-0.3 s.
     */
    public static Params recommended() {
      return new Params(64 * 1024, 3, 1);
    }

    /** 8 MiB, 1 iteration, 1 lane: fast enough for unit tests; never use it for real keys. */
    public static Params forTesting() {
      return new Params(8 * 1024, 1, 1);
    }
  }

  /**
   * Derives {@code outLength} bytes from {@code passphrase} and {@code salt}.
   *
   * @throws IllegalArgumentException if the salt is shorter than {@link #MIN_SALT_LENGTH}, {@code
   *     outLength} is below {@link #MIN_OUTPUT_LENGTH}, or the passphrase has unpaired surrogates
   */
  public static SecretBytes derive(char[] passphrase, byte[] salt, Params p, int outLength) {
    Objects.requireNonNull(passphrase, "passphrase");
    byte[] password = utf8(passphrase);
    try {
      return derive(password, salt, null, null, p, outLength);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
  }

  /** The full RFC 9106 interface, with the optional secret and associated data. */
  static SecretBytes derive(
      byte[] password, byte[] salt, byte[] secret, byte[] associatedData, Params p, int outLength) {
    Objects.requireNonNull(salt, "salt");
    Objects.requireNonNull(p, "p");
    if (salt.length < MIN_SALT_LENGTH) {
      throw new IllegalArgumentException("salt must be at least 8 bytes");
    }
    if (outLength < MIN_OUTPUT_LENGTH) {
      throw new IllegalArgumentException("outLength must be at least 4");
    }
    Argon2Parameters.Builder builder =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(p.memoryKiB())
            .withIterations(p.iterations())
            .withParallelism(p.parallelism())
            .withSalt(salt);
    if (secret != null) {
      builder.withSecret(secret);
    }
    if (associatedData != null) {
      builder.withAdditional(associatedData);
    }
    Argon2Parameters parameters = builder.build();
    byte[] out = new byte[outLength];
    try {
      Argon2BytesGenerator generator = new Argon2BytesGenerator();
      generator.init(parameters);
      generator.generateBytes(password, out);
      return SecretBytes.copyOf(out);
    } finally {
      Arrays.fill(out, (byte) 0);
      parameters.clear();
      builder.clear();
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer encoded;
    try {
      encoded =
          StandardCharsets.UTF_8
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(chars));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("passphrase is not valid Unicode");
    }
    byte[] bytes = new byte[encoded.remaining()];
    encoded.get(bytes);
    // Wipe the encoder's buffer too; it may be larger than the result.
    Arrays.fill(encoded.array(), (byte) 0);
    return bytes;
  }
}
