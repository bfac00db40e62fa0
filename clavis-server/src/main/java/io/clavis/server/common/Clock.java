package io.clavis.server.common;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Wall-clock time as stored in commands: millisecond precision, so JSON round trips exactly. */
public final class Clock {
  private Clock() {}

  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
