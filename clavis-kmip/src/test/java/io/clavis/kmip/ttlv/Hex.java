package io.clavis.kmip.ttlv;

import java.util.HexFormat;

/** Test helper: bytes from hex written the specification's way, {@code 42 00 20 | 02 | ...}. */
public final class Hex {
  private Hex() {}

  /** Parses hex digits, ignoring spaces, {@code |} separators, newlines and comments after #. */
  public static byte[] bytes(String spec) {
    StringBuilder digits = new StringBuilder();
    for (String line : spec.split("\n")) {
      int comment = line.indexOf('#');
      String code = comment < 0 ? line : line.substring(0, comment);
      digits.append(code.replaceAll("[\\s|]", ""));
    }
    return HexFormat.of().parseHex(digits);
  }

  /** Formats bytes as lower-case hex, for assertion messages. */
  public static String of(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
