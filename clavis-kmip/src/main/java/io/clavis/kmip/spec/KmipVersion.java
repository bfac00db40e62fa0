package io.clavis.kmip.spec;

/**
 * A KMIP protocol version, as carried by the Protocol Version structure (major and minor Integer).
 *
 * <p>Versions are ordered by major then minor number, so that {@code version.compareTo(V1_4) >= 0}
 * reads as "1.4 or later".
 */
public record KmipVersion(int major, int minor) implements Comparable<KmipVersion> {
  public static final KmipVersion V1_0 = new KmipVersion(1, 0);
  public static final KmipVersion V1_1 = new KmipVersion(1, 1);
  public static final KmipVersion V1_2 = new KmipVersion(1, 2);
  public static final KmipVersion V1_3 = new KmipVersion(1, 3);
  public static final KmipVersion V1_4 = new KmipVersion(1, 4);
  public static final KmipVersion V2_0 = new KmipVersion(2, 0);
  public static final KmipVersion V2_1 = new KmipVersion(2, 1);

  public KmipVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException(
          "a protocol version is not negative: " + major + "." + minor);
    }
  }

  @Override
  public int compareTo(KmipVersion other) {
    return major != other.major
        ? Integer.compare(major, other.major)
        : Integer.compare(minor, other.minor);
  }

  /** Returns {@code major.minor}, as the specification writes versions. */
  @Override
  public String toString() {
    return major + "." + minor;
  }
}
