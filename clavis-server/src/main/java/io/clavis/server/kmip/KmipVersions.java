package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import java.util.List;

/**
 * The KMIP protocol versions this server speaks, and the version that introduced each operation.
 *
 * <p>Every response is written in the version of its request, so the list is also the set of
 * message layouts the message layer must produce. Its order is the server's preference (newest
 * first), which Discover Versions reports as the specification asks.
 */
public final class KmipVersions {
  /** Supported versions, most preferred first. */
  public static final List<KmipVersion> SUPPORTED =
      List.of(
          KmipVersion.V2_1,
          KmipVersion.V2_0,
          KmipVersion.V1_4,
          KmipVersion.V1_3,
          KmipVersion.V1_2,
          KmipVersion.V1_1,
          KmipVersion.V1_0);

  /** What an answer is written in when the request's own version could not be read. */
  static final KmipVersion FALLBACK = KmipVersion.V1_0;

  private KmipVersions() {}

  public static boolean isSupported(KmipVersion version) {
    return SUPPORTED.contains(version);
  }

  /** Whether a version uses the KMIP 2.x message and attribute layout. */
  public static boolean isTwoOrLater(KmipVersion version) {
    return version.compareTo(KmipVersion.V2_0) >= 0;
  }

  /**
   * The first version that defines an operation (KMIP 1.0 to 1.4 operation tables and the KMIP 2.0
   * additions). A request in an older version that names a newer operation is answered as an
   * unsupported operation, which is what a server of that version would have said.
   */
  public static KmipVersion introduced(Operation operation) {
    int v = operation.value();
    if (v <= Operation.PUT.value()) {
      return KmipVersion.V1_0;
    } else if (v <= Operation.DISCOVER_VERSIONS.value()) {
      return KmipVersion.V1_1;
    } else if (v <= Operation.JOIN_SPLIT_KEY.value()) {
      return KmipVersion.V1_2;
    } else if (v <= Operation.EXPORT.value()) {
      return KmipVersion.V1_4;
    }
    return KmipVersion.V2_0;
  }

  /** {@code 1.4, 1.3, ...} for messages. */
  static String describe() {
    return String.join(", ", SUPPORTED.stream().map(KmipVersion::toString).toList());
  }
}
