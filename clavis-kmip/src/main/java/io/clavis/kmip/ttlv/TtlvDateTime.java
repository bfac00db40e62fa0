package io.clavis.kmip.ttlv;

import java.time.DateTimeException;
import java.time.Instant;

/**
 * A Date-Time item: whole seconds since 1970-01-01T00:00:00Z, sent as a signed 64-bit number.
 *
 * <p>The record keeps the raw number because a peer may send any 64-bit value, including ones
 * outside the range of {@link Instant}; {@link #toInstant()} reports those as an unexpected item
 * instead of a {@link DateTimeException} deep inside the message layer.
 */
public record TtlvDateTime(int tag, long epochSeconds) implements Ttlv {
  public TtlvDateTime {
    TtlvTags.requireValid(tag);
  }

  /** Creates an item for {@code instant}, dropping any fraction of a second. */
  public static TtlvDateTime of(int tag, Instant instant) {
    return new TtlvDateTime(tag, instant.getEpochSecond());
  }

  @Override
  public ItemType type() {
    return ItemType.DATE_TIME;
  }

  /**
   * Returns the value as an instant.
   *
   * @throws UnexpectedItemException if the value is beyond the years -1000000000 to 1000000000
   */
  public Instant toInstant() {
    try {
      return Instant.ofEpochSecond(epochSeconds);
    } catch (DateTimeException e) {
      throw new UnexpectedItemException(
          tag, "Date-Time " + TtlvTags.hex(tag) + " is out of range: " + epochSeconds);
    }
  }

  @Override
  public String toString() {
    return "TtlvDateTime[tag=" + TtlvTags.hex(tag) + ", epochSeconds=" + epochSeconds + "]";
  }
}
