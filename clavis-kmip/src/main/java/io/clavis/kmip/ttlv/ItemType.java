package io.clavis.kmip.ttlv;

/**
 * The item types of the TTLV encoding (KMIP 1.4 section 9.1.1.2, KMIP 2.0 section 9.1.1.2), with
 * the one-byte code that identifies them on the wire.
 *
 * <p>Most primitive types have a fixed value length; the decoder rejects any other declared length
 * rather than guessing, because a peer that gets a length wrong has misunderstood the message and
 * everything after that item would be read out of step.
 */
public enum ItemType {
  STRUCTURE(0x01, "Structure", ItemType.VARIABLE),
  INTEGER(0x02, "Integer", 4),
  LONG_INTEGER(0x03, "Long Integer", 8),
  BIG_INTEGER(0x04, "Big Integer", ItemType.VARIABLE),
  ENUMERATION(0x05, "Enumeration", 4),
  BOOLEAN(0x06, "Boolean", 8),
  TEXT_STRING(0x07, "Text String", ItemType.VARIABLE),
  BYTE_STRING(0x08, "Byte String", ItemType.VARIABLE),
  DATE_TIME(0x09, "Date-Time", 8),
  INTERVAL(0x0A, "Interval", 4),
  /** KMIP 2.0: microseconds since the epoch, where Date-Time has whole seconds. */
  DATE_TIME_EXTENDED(0x0B, "Date-Time Extended", 8);

  /** {@link #fixedLength()} of the types whose value length varies. */
  public static final int VARIABLE = -1;

  private static final ItemType[] BY_CODE = new ItemType[0x0C];

  static {
    for (ItemType type : values()) {
      BY_CODE[type.code] = type;
    }
  }

  private final int code;
  private final String specName;
  private final int fixedLength;

  ItemType(int code, String specName, int fixedLength) {
    this.code = code;
    this.specName = specName;
    this.fixedLength = fixedLength;
  }

  /** Returns the type byte written on the wire. */
  public int code() {
    return code;
  }

  /** Returns the name the specification uses, such as {@code Date-Time Extended}. */
  public String specName() {
    return specName;
  }

  /**
   * Returns the only valid value length in bytes (before padding), or {@link #VARIABLE} for
   * Structure, Big Integer, Text String and Byte String.
   */
  public int fixedLength() {
    return fixedLength;
  }

  /** Returns the type with this wire code, or null if the code names no type. */
  public static ItemType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }
}
