package io.clavis.kmip.spec;

import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvDateTimeExtended;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvInterval;
import io.clavis.kmip.ttlv.TtlvLongInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTags;
import io.clavis.kmip.ttlv.TtlvTextString;
import io.clavis.kmip.ttlv.UnexpectedItemException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders an item as an indented, human-readable dump, one item per line, for logs and debugging:
 *
 * <pre>
 * Request Message (0x420078): Structure
 *   Batch Item (0x42000F): Structure
 *     Operation (0x42005C): Enumeration Create (0x00000001)
 *     Key Material (0x420043): Byte String (32 bytes)
 * </pre>
 *
 * <p>Tags and enumeration values are named from the registry; unknown tags appear in hex. A dump
 * must be safe to write to a log, so it never shows secrets: Byte Strings and Big Integers (which
 * hold key material and private key components) appear as their size only, and Text Strings whose
 * tag name mentions a password as their length only. Printing recurses once per level, which the
 * decoder's depth limit bounds for every received message.
 */
public final class TtlvPrinter {
  private static final String INDENT = "  ";
  private static final int MAX_TEXT = 200;

  private TtlvPrinter() {}

  /** Returns the dump of {@code item}, lines separated by {@code \n}, without a final newline. */
  public static String print(Ttlv item) {
    StringBuilder out = new StringBuilder();
    print(item, 0, out);
    return out.toString();
  }

  private static void print(Ttlv item, int depth, StringBuilder out) {
    if (depth > 0) {
      out.append('\n');
    }
    out.append(INDENT.repeat(depth)).append(label(item.tag())).append(": ");
    out.append(item.type().specName());
    String value = value(item);
    if (!value.isEmpty()) {
      out.append(' ').append(value);
    }
    if (item instanceof TtlvStructure structure) {
      for (Ttlv child : structure.children()) {
        print(child, depth + 1, out);
      }
    }
  }

  private static String label(int tag) {
    return KmipTags.byValue(tag)
        .map(definition -> definition.name() + " (" + TtlvTags.hex(tag) + ")")
        .orElseGet(() -> TtlvTags.hex(tag));
  }

  private static String value(Ttlv item) {
    return switch (item) {
      case TtlvStructure structure -> "";
      case TtlvInteger integer -> integer.value() + maskBits(integer.tag(), integer.value());
      case TtlvLongInteger longInteger -> Long.toString(longInteger.value());
      case TtlvBigInteger bigInteger -> "(" + bigInteger.value().bitLength() + " bits)";
      case TtlvEnumeration enumeration -> enumerationValue(enumeration);
      case TtlvBoolean bool -> Boolean.toString(bool.value());
      case TtlvTextString text -> textValue(text);
      case TtlvByteString bytes -> "(" + bytes.length() + " bytes)";
      case TtlvDateTime dateTime -> dateTimeValue(dateTime);
      case TtlvInterval interval -> interval.seconds() + " s";
      case TtlvDateTimeExtended extended -> extended.toInstant().toString();
    };
  }

  private static String enumerationValue(TtlvEnumeration item) {
    String hex = String.format("0x%08X", item.value());
    return KmipEnumerations.forTag(item.tag())
        .flatMap(enumeration -> enumeration.nameOf(item.value()))
        .map(name -> name + " (" + hex + ")")
        .orElse(hex);
  }

  /** Names the bits of a mask value, such as {@code (Encrypt | Decrypt)}; empty for other tags. */
  private static String maskBits(int tag, int value) {
    Optional<EnumerationDefinition> mask = KmipEnumerations.maskForTag(tag);
    if (mask.isEmpty()) {
      return "";
    }
    List<String> names = new ArrayList<>();
    int unknown = value;
    for (Map.Entry<String, Integer> bit : mask.get().values().entrySet()) {
      if ((value & bit.getValue()) != 0) {
        names.add(bit.getKey());
        unknown &= ~bit.getValue();
      }
    }
    if (unknown != 0) {
      names.add(String.format("0x%08X", unknown));
    }
    return names.isEmpty() ? "" : " (" + String.join(" | ", names) + ")";
  }

  private static String textValue(TtlvTextString item) {
    String value = item.value();
    boolean secret =
        KmipTags.byValue(item.tag()).map(tag -> tag.name().contains("Password")).orElse(false);
    if (secret) {
      return "(redacted, " + value.length() + " chars)";
    }
    StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_TEXT) + 8).append('"');
    int end = Math.min(value.length(), MAX_TEXT);
    for (int i = 0; i < end; i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        quoted.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F || Character.getType(c) == Character.FORMAT) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('"');
    if (end < value.length()) {
      quoted.append("... (").append(value.length()).append(" chars)");
    }
    return quoted.toString();
  }

  private static String dateTimeValue(TtlvDateTime item) {
    try {
      return item.toInstant().toString();
    } catch (UnexpectedItemException e) {
      return item.epochSeconds() + " s since the epoch (out of range)";
    }
  }
}
