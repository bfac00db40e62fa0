package io.clavis.server.kmip.objects;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.clavis.kmip.spec.LinkType;
import io.clavis.kmip.spec.NameType;
import io.clavis.kmip.spec.RevocationReasonCode;
import io.clavis.kmip.ttlv.ItemType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a KMIP attribute, independent of the protocol version that carried it: one record
 * per TTLV primitive type, and one for each of the structured values Clavis understands (Name,
 * Revocation Reason and Link).
 *
 * <p>Values travel through the Raft log and are stored in the replicated state, so they are plain
 * records that Jackson writes with a {@code type} field. None of them is secret; byte strings still
 * show only their length, because a custom attribute is the kind of place a careless client might
 * put one.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = KmipValue.Text.class, name = "text"),
  @JsonSubTypes.Type(value = KmipValue.IntegerValue.class, name = "integer"),
  @JsonSubTypes.Type(value = KmipValue.LongIntegerValue.class, name = "long"),
  @JsonSubTypes.Type(value = KmipValue.BigIntegerValue.class, name = "big-integer"),
  @JsonSubTypes.Type(value = KmipValue.EnumerationValue.class, name = "enumeration"),
  @JsonSubTypes.Type(value = KmipValue.BooleanValue.class, name = "boolean"),
  @JsonSubTypes.Type(value = KmipValue.ByteStringValue.class, name = "bytes"),
  @JsonSubTypes.Type(value = KmipValue.DateTimeValue.class, name = "date-time"),
  @JsonSubTypes.Type(value = KmipValue.IntervalValue.class, name = "interval"),
  @JsonSubTypes.Type(value = KmipValue.NameValue.class, name = "name"),
  @JsonSubTypes.Type(value = KmipValue.RevocationReasonValue.class, name = "revocation-reason"),
  @JsonSubTypes.Type(value = KmipValue.LinkValue.class, name = "link"),
})
public sealed interface KmipValue {

  /** Returns the TTLV type the value is sent as (Structure for Name, Revocation Reason, Link). */
  ItemType itemType();

  /** A Text String. */
  record Text(String value) implements KmipValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ItemType itemType() {
      return ItemType.TEXT_STRING;
    }
  }

  /** An Integer (also the Cryptographic Usage Mask, a bit mask carried as an Integer). */
  record IntegerValue(int value) implements KmipValue {
    @Override
    public ItemType itemType() {
      return ItemType.INTEGER;
    }
  }

  /** A Long Integer. */
  record LongIntegerValue(long value) implements KmipValue {
    @Override
    public ItemType itemType() {
      return ItemType.LONG_INTEGER;
    }
  }

  /** A Big Integer. */
  record BigIntegerValue(BigInteger value) implements KmipValue {
    public BigIntegerValue {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public ItemType itemType() {
      return ItemType.BIG_INTEGER;
    }
  }

  /** An Enumeration: the raw 32-bit value, so vendor values survive. */
  record EnumerationValue(int value) implements KmipValue {
    @Override
    public ItemType itemType() {
      return ItemType.ENUMERATION;
    }
  }

  /** A Boolean. */
  record BooleanValue(boolean value) implements KmipValue {
    @Override
    public ItemType itemType() {
      return ItemType.BOOLEAN;
    }
  }

  /** A Byte String; the bytes are copied in and out and never shown. */
  record ByteStringValue(byte[] value) implements KmipValue {
    public ByteStringValue {
      value = Objects.requireNonNull(value, "value").clone();
    }

    @Override
    public byte[] value() {
      return value.clone();
    }

    @Override
    public ItemType itemType() {
      return ItemType.BYTE_STRING;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof ByteStringValue that && Arrays.equals(value, that.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "ByteStringValue[" + value.length + " bytes]";
    }
  }

  /** A Date-Time: whole seconds, as TTLV carries them (any fraction is dropped). */
  record DateTimeValue(Instant value) implements KmipValue {
    public DateTimeValue {
      value = Instant.ofEpochSecond(Objects.requireNonNull(value, "value").getEpochSecond());
    }

    @Override
    public ItemType itemType() {
      return ItemType.DATE_TIME;
    }
  }

  /** An Interval, in seconds (0 to 2^32-1). */
  record IntervalValue(long seconds) implements KmipValue {
    public IntervalValue {
      if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("an Interval holds 0 to 2^32-1 seconds");
      }
    }

    @Override
    public ItemType itemType() {
      return ItemType.INTERVAL;
    }
  }

  /** The value of a Name attribute: the text and how to read it. */
  record NameValue(String value, NameType nameType) implements KmipValue {
    public NameValue {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(nameType, "nameType");
    }

    /** A name of type Uninterpreted Text String, the kind clients use for labels. */
    public static NameValue text(String value) {
      return new NameValue(value, NameType.UNINTERPRETED_TEXT_STRING);
    }

    @Override
    public ItemType itemType() {
      return ItemType.STRUCTURE;
    }
  }

  /** The value of a Revocation Reason attribute; the message is optional. */
  record RevocationReasonValue(RevocationReasonCode code, String message) implements KmipValue {
    public RevocationReasonValue {
      Objects.requireNonNull(code, "code");
    }

    @Override
    public ItemType itemType() {
      return ItemType.STRUCTURE;
    }
  }

  /** The value of a Link attribute: how the object relates to another, and which one. */
  record LinkValue(LinkType linkType, String linkedObjectIdentifier) implements KmipValue {
    public LinkValue {
      Objects.requireNonNull(linkType, "linkType");
      Objects.requireNonNull(linkedObjectIdentifier, "linkedObjectIdentifier");
    }

    @Override
    public ItemType itemType() {
      return ItemType.STRUCTURE;
    }
  }
}
