package io.clavis.server.identity;

import io.clavis.core.crypto.Argon2idKdf;
import io.clavis.core.crypto.SecretBytes;
import io.clavis.core.crypto.SecureRandoms;
import io.clavis.server.error.ClavisException;
import java.util.Base64;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=..,t=..,p=..$salt$hash}), so the
 * cost can be raised later without invalidating stored hashes.
 */
final class PasswordHasher {
  /** OWASP's first Argon2id option: 19 MiB, 2 passes, 1 lane. */
  static final Argon2idKdf.Params PARAMS = new Argon2idKdf.Params(19 * 1024, 2, 1);

  static final int MIN_LENGTH = 12;
  static final int MAX_LENGTH = 256;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

  private PasswordHasher() {}

  static void checkStrength(String password) {
    if (password == null || password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
      throw ClavisException.invalid(
          "password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
    }
  }

  static String hash(String password) {
    byte[] salt = SecureRandoms.bytes(SALT_BYTES);
    byte[] h = derive(password, salt, PARAMS);
    return "$argon2id$v=19$m="
        + PARAMS.memoryKiB()
        + ",t="
        + PARAMS.iterations()
        + ",p="
        + PARAMS.parallelism()
        + "$"
        + B64.encodeToString(salt)
        + "$"
        + B64.encodeToString(h);
  }

  /** True when the password matches; a malformed stored hash never matches. */
  static boolean matches(String password, String phc) {
    if (password == null || phc == null || password.length() > MAX_LENGTH) {
      return false;
    }
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        int v = Integer.parseInt(kv.substring(2));
        switch (kv.substring(0, 2)) {
          case "m=" -> m = v;
          case "t=" -> t = v;
          case "p=" -> p = v;
          default -> {
            return false;
          }
        }
      }
      byte[] salt = Base64.getDecoder().decode(parts[4]);
      byte[] expected = Base64.getDecoder().decode(parts[5]);
      byte[] actual = derive(password, salt, new Argon2idKdf.Params(m, t, p), expected.length);
      return java.security.MessageDigest.isEqual(expected, actual);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Spends the time a real check would, so unknown names cannot be told apart by timing. */
  static void burn(String password) {
    derive(password == null ? "" : password, new byte[SALT_BYTES], PARAMS);
  }

  private static byte[] derive(String password, byte[] salt, Argon2idKdf.Params params) {
    return derive(password, salt, params, HASH_BYTES);
  }

  private static byte[] derive(String password, byte[] salt, Argon2idKdf.Params params, int len) {
    char[] chars = password.toCharArray();
    try {
      SecretBytes out = Argon2idKdf.derive(chars, salt, params, len);
      return out.toByteArray(io.clavis.core.crypto.SecretAccess.get());
    } finally {
      java.util.Arrays.fill(chars, '\0');
    }
  }
}
