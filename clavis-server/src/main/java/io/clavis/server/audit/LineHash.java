package io.clavis.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The chain hash of a stored line, checked on the raw bytes: the hash covers everything before
 * {@code ,"hash":"}, so verification never depends on how a JSON library would re-serialise the
 * record, and a byte changed anywhere in the line (even one a parser would ignore) is detected.
 */
final class LineHash {
  /** The prevHash of the first record of a chain, and the hash of an empty chain's head. */
  static final String ZERO = "0".repeat(64);

  private static final byte[] FIELD = AuditJson.HASH_FIELD.getBytes(StandardCharsets.US_ASCII);
  private static final int TAIL = FIELD.length + 64 + 2;

  private LineHash() {}

  static String sha256Hex(byte[] data, int length) {
    return sha256Hex(newDigest(), data, length);
  }

  /** The same with a digest the caller keeps (one writer thread hashes every record). */
  static String sha256Hex(MessageDigest sha256, byte[] data, int length) {
    return sha256Hex(sha256, data, 0, length);
  }

  /** The same over {@code length} bytes from {@code offset}. */
  static String sha256Hex(MessageDigest sha256, byte[] data, int offset, int length) {
    sha256.reset();
    sha256.update(data, offset, length);
    return HexFormat.of().formatHex(sha256.digest());
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Why a line does not end with {@code ,"hash":"<64 lower-case hex>"}}, or null when it does. The
   * hash field is the last one, so its value cannot contain the separator and the fixed-size tail
   * is the same as "the last occurrence of the separator".
   */
  static String shapeProblem(byte[] line) {
    int n = line.length;
    if (n < 2 || line[n - 2] != '"' || line[n - 1] != '}') {
      return "line does not end with \"}";
    }
    int start = n - TAIL;
    if (start < 1 || !startsWith(line, start, FIELD)) {
      return "line does not end with a hash field";
    }
    for (int i = start + FIELD.length; i < n - 2; i++) {
      byte c = line[i];
      if (!(c >= '0' && c <= '9') && !(c >= 'a' && c <= 'f')) {
        return "hash is not 64 lower-case hex digits";
      }
    }
    return null;
  }

  /** Whether a line of the right shape carries the hash of its own content. */
  static boolean matches(byte[] line) {
    int start = line.length - TAIL;
    String stored = new String(line, start + FIELD.length, 64, StandardCharsets.US_ASCII);
    return stored.equals(sha256Hex(line, start));
  }

  private static boolean startsWith(byte[] line, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (line[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
