package io.clavis.kmip.ttlv;

import java.time.Instant;

/**
 * A Date-Time Extended item (KMIP 2.0): microseconds since 1970-01-01T00:00:00Z, sent as a signed
 * 64-bit number. Every such value fits in an {@link Instant}.
 */
public record TtlvDateTimeExtended(int tag, long epochMicros) implements Ttlv {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  public TtlvDateTimeExtended {
    TtlvTags.requireValid(tag);
  }

  /**
   * Creates an item for {@code instant}, dropping any fraction of a microsecond.
   *
   * @throws ArithmeticException if the instant is more than about 292,000 years from the epoch
   */
  public static TtlvDateTimeExtended of(int tag, Instant instant) {
    long micros =
        Math.addExact(
            Math.multiplyExact(instant.getEpochSecond(), MICROS_PER_SECOND),
            instant.getNano() / 1_000);
    return new TtlvDateTimeExtended(tag, micros);
  }

  @Override
  public ItemType type() {
    return ItemType.DATE_TIME_EXTENDED;
  }

  /** Returns the value as an instant. */
  public Instant toInstant() {
    return Instant.ofEpochSecond(
        Math.floorDiv(epochMicros, MICROS_PER_SECOND),
        Math.floorMod(epochMicros, MICROS_PER_SECOND) * 1_000);
  }

  @Override
  public String toString() {
    return "TtlvDateTimeExtended[tag=" + TtlvTags.hex(tag) + ", epochMicros=" + epochMicros + "]";
  }
}
