package io.clavis.server.common;

import io.clavis.core.crypto.SecureRandoms;
import java.util.Locale;

/** Opaque resource ids: a type prefix and 128 random bits in lower-case base32. */
public final class Ids {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

  private Ids() {}

  public static String newId(String prefix) {
    byte[] r = SecureRandoms.bytes(16);
    StringBuilder sb = new StringBuilder(prefix.length() + 27).append(prefix).append('_');
    int buffer = 0;
    int bits = 0;
    for (byte b : r) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        sb.append(ALPHABET[(buffer >> (bits - 5)) & 31]);
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
    }
    return sb.toString();
  }

  /** Names: 1-128 characters of letters, digits, '-', '_' and '.'. */
  public static String checkName(String what, String name) {
    if (name == null || name.isEmpty() || name.length() > 128) {
      throw io.clavis.server.error.ClavisException.invalid(
          what + " name must be 1 to 128 characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!ok) {
        throw io.clavis.server.error.ClavisException.invalid(
            what
                + " name may contain only letters, digits, '-', '_' and '.'; found '"
                + (Character.isISOControl(c) ? "\\u" + Integer.toHexString(c) : String.valueOf(c))
                    .toLowerCase(Locale.ROOT)
                + "' at position "
                + (i + 1));
      }
    }
    return name;
  }
}
