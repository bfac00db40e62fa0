package io.clavis.server.audit;

import java.util.Map;
import java.util.Set;

/**
 * Audit records for a SIEM. Syslog lines follow RFC 5424 with the fields as structured data, so a
 * collector can index them without parsing the free-text message; {@link #jsonLine} gives the
 * stored line for collectors that want the chain hashes too.
 */
public final class SyslogFormat {
  /** Facility 13, "log audit". */
  static final int FACILITY = 13;

  /** SD-ID: "clavis" under the example private enterprise number of RFC 5424. */
  static final String SD_ID = "clavis@32473";

  private static final int MAX_PARAM_NAME = 32;
  private static final int MAX_HOSTNAME = 255;
  private static final Set<String> FIXED =
      Set.of(
          "seq",
          "node",
          "principal",
          "operation",
          "result",
          "code",
          "requestId",
          "protocol",
          "clientAddress",
          "durationMicros",
          "principalId",
          "authMethod",
          "userAgent");

  private SyslogFormat() {}

  /**
   * One RFC 5424 line (no trailing newline): severity 6 (informational) for allowed, 5 (notice) for
   * denied, 4 (warning) for failed requests. Missing values are "-"; resources follow the fixed
   * parameters under their own names, sanitised to valid PARAM-NAMEs (a resource whose name clashes
   * with a fixed parameter is left out rather than shadowing it).
   */
  public static String format(AuditRecord r, String hostname) {
    AuditEvent e = r.event();
    StringBuilder b = new StringBuilder(512);
    b.append('<')
        .append(FACILITY * 8 + severity(e.result()))
        .append(">1 ")
        .append(AuditJson.time(e.time()))
        .append(' ')
        .append(hostname(hostname))
        .append(" clavis - AUDIT [")
        .append(SD_ID);
    param(b, "seq", Long.toString(r.seq()));
    param(b, "node", r.node());
    param(b, "principal", e.principal());
    param(b, "operation", e.operation());
    param(b, "result", e.result());
    param(b, "code", e.code());
    param(b, "requestId", e.requestId());
    param(b, "protocol", e.protocol());
    param(b, "clientAddress", e.clientAddress());
    param(b, "durationMicros", Long.toString(e.durationMicros()));
    param(b, "principalId", e.principalId());
    param(b, "authMethod", e.authMethod());
    param(b, "userAgent", e.userAgent());
    for (Map.Entry<String, String> resource : e.resources().entrySet()) {
      String name = paramName(resource.getKey());
      if (name != null && !FIXED.contains(name)) {
        param(b, name, resource.getValue());
      }
    }
    b.append("] ");
    message(b, e);
    return b.toString();
  }

  /** The stored JSON line of a record, byte for byte as on disk, without the newline. */
  public static String jsonLine(AuditRecord r) {
    return AuditJson.line(r);
  }

  static int severity(String result) {
    return switch (result) {
      case AuditEvent.ALLOWED -> 6;
      case AuditEvent.DENIED -> 5;
      default -> 4;
    };
  }

  /** RFC 5424 HOSTNAME: 1 to 255 printable US-ASCII characters, else the NILVALUE. */
  private static String hostname(String hostname) {
    if (hostname == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < hostname.length() && b.length() < MAX_HOSTNAME; i++) {
      char c = hostname.charAt(i);
      if (c > ' ' && c < 0x7f) {
        b.append(c);
      }
    }
    return b.isEmpty() ? "-" : b.toString();
  }

  /** PARAM-NAME: up to 32 printable US-ASCII characters except '=', ' ', ']' and '"'. */
  static String paramName(String name) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < name.length() && b.length() < MAX_PARAM_NAME; i++) {
      char c = name.charAt(i);
      b.append(c > ' ' && c < 0x7f && c != '=' && c != ']' && c != '"' ? c : '_');
    }
    return b.isEmpty() ? null : b.toString();
  }

  private static void param(StringBuilder b, String name, String value) {
    b.append(' ').append(name).append("=\"");
    if (value == null) {
      b.append('-');
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\' || c == ']') {
          b.append('\\').append(c);
        } else {
          text(b, c);
        }
      }
    }
    b.append('"');
  }

  /** "alice key.encrypt allowed", with the error code of a denied or failed request. */
  private static void message(StringBuilder b, AuditEvent e) {
    String text =
        (e.principal() == null ? "-" : e.principal())
            + ' '
            + e.operation()
            + ' '
            + e.result()
            + (e.code() == null ? "" : " (" + e.code() + ")");
    for (int i = 0; i < text.length(); i++) {
      text(b, text.charAt(i));
    }
  }

  /**
   * Control characters would let a value end the line or forge another one; they are written as
   * {@code \\uXXXX}. That cannot be confused with input text because a backslash in a PARAM-VALUE
   * is always escaped.
   */
  private static void text(StringBuilder b, char c) {
    if (c < ' ' || c == 0x7f) {
      b.append(String.format("\\u%04x", (int) c));
    } else {
      b.append(c);
    }
  }
}
