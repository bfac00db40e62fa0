package io.clavis.server.kmip;

import java.util.Objects;

/**
 * How the server describes itself to Query Server Information.
 *
 * @param vendor the Vendor Identification, {@code Clavis}
 * @param serverName this node's name
 * @param serverVersion the Clavis version
 */
public record KmipServerInfo(String vendor, String serverName, String serverVersion) {
  public KmipServerInfo {
    Objects.requireNonNull(vendor, "vendor");
    Objects.requireNonNull(serverName, "serverName");
    Objects.requireNonNull(serverVersion, "serverVersion");
  }

  /** Clavis, as every node reports itself. */
  public static KmipServerInfo clavis(String nodeName, String version) {
    return new KmipServerInfo("Clavis", nodeName, version);
  }
}
