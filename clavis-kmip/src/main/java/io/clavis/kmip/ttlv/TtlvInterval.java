package io.clavis.kmip.ttlv;

import java.time.Duration;

/**
 * An Interval item: a number of seconds, sent as an unsigned 32-bit number followed by 4 zero bytes
 * of padding. The value is a {@code long} so that the whole unsigned range is representable.
 */
public record TtlvInterval(int tag, long seconds) implements Ttlv {
  /** The largest interval the four value bytes can carry, a little over 136 years. */
  public static final long MAX_SECONDS = 0xFFFF_FFFFL;

  public TtlvInterval {
    TtlvTags.requireValid(tag);
    if (seconds < 0 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("an Interval holds 0 to 2^32-1 seconds, got " + seconds);
    }
  }

  /**
   * Creates an item for {@code duration}, dropping any fraction of a second.
   *
   * @throws IllegalArgumentException if the duration is negative or longer than {@link
   *     #MAX_SECONDS}
   */
  public static TtlvInterval of(int tag, Duration duration) {
    return new TtlvInterval(tag, duration.getSeconds());
  }

  @Override
  public ItemType type() {
    return ItemType.INTERVAL;
  }

  /** Returns the value as a duration. */
  public Duration toDuration() {
    return Duration.ofSeconds(seconds);
  }

  @Override
  public String toString() {
    return "TtlvInterval[tag=" + TtlvTags.hex(tag) + ", seconds=" + seconds + "]";
  }
}
