package io.clavis.kmip.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBigInteger;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvDateTimeExtended;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvInterval;
import io.clavis.kmip.ttlv.TtlvLongInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The readable dump of messages for logs. */
class TtlvPrinterTest {
  @Test
  void printsAnIndentedDumpWithRegistryNames() {
    Ttlv message =
        TtlvStructure.of(
            Tag.REQUEST_MESSAGE,
            TtlvStructure.of(
                Tag.REQUEST_HEADER,
                TtlvStructure.of(
                    Tag.PROTOCOL_VERSION,
                    new TtlvInteger(Tag.PROTOCOL_VERSION_MAJOR, 1),
                    new TtlvInteger(Tag.PROTOCOL_VERSION_MINOR, 4)),
                new TtlvInteger(Tag.BATCH_COUNT, 1)),
            TtlvStructure.of(
                Tag.BATCH_ITEM,
                new TtlvEnumeration(Tag.OPERATION, Operation.CREATE.value()),
                TtlvStructure.of(
                    Tag.REQUEST_PAYLOAD,
                    new TtlvEnumeration(Tag.OBJECT_TYPE, 0x0000_0099),
                    new TtlvInteger(Tag.CRYPTOGRAPHIC_USAGE_MASK, 12 | 0x4000_0000),
                    new TtlvTextString(Tag.NAME_VALUE, "orders \"eu\"\n"),
                    new TtlvInteger(0x540001, 5))));
    assertThat(TtlvPrinter.print(message))
        .isEqualTo(
            """
            Request Message (0x420078): Structure
              Request Header (0x420077): Structure
                Protocol Version (0x420069): Structure
                  Protocol Version Major (0x42006A): Integer 1
                  Protocol Version Minor (0x42006B): Integer 4
                Batch Count (0x42000D): Integer 1
              Batch Item (0x42000F): Structure
                Operation (0x42005C): Enumeration Create (0x00000001)
                Request Payload (0x420079): Structure
                  Object Type (0x420057): Enumeration 0x00000099
                  Cryptographic Usage Mask (0x42002C): Integer 1073741836 (Encrypt | Decrypt | 0x40000000)
                  Name Value (0x420055): Text String "orders \\"eu\\"\\u000a"
                  0x540001: Integer 5\
            """);
  }

  @Test
  void neverPrintsSecrets() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x5A);
    String dump =
        TtlvPrinter.print(
            TtlvStructure.of(
                Tag.KEY_VALUE,
                new TtlvByteString(Tag.KEY_MATERIAL, key),
                new TtlvBigInteger(Tag.PRIVATE_EXPONENT, new BigInteger("987654321987654321")),
                new TtlvTextString(Tag.PASSWORD, "hunter2")));
    assertThat(dump)
        .contains("Key Material (0x420043): Byte String (32 bytes)")
        .contains("Private Exponent (0x420063): Big Integer (60 bits)")
        .contains("Password (0x4200A1): Text String (redacted, 7 chars)")
        .doesNotContain("987654321")
        .doesNotContain("hunter2")
        .doesNotContainIgnoringCase("5a5a");
  }

  @Test
  void printsEveryOtherType() {
    String dump =
        TtlvPrinter.print(
            TtlvStructure.of(
                0x420020,
                new TtlvLongInteger(Tag.USAGE_LIMITS_TOTAL, 1L << 40),
                new TtlvBoolean(Tag.SENSITIVE, true),
                new TtlvDateTime(Tag.ACTIVATION_DATE, 0x47DA67F8L),
                new TtlvDateTime(Tag.DEACTIVATION_DATE, Long.MAX_VALUE),
                new TtlvInterval(Tag.LEASE_TIME, 864_000),
                new TtlvDateTimeExtended(0x420092, 1_205_495_800_000_001L),
                new TtlvTextString(Tag.DESCRIPTION, "x".repeat(300))));
    assertThat(dump)
        .contains("Usage Limits Total (0x420097): Long Integer 1099511627776")
        .contains("Sensitive (0x420120): Boolean true")
        .contains("Activation Date (0x420001): Date-Time 2008-03-14T11:56:40Z")
        .contains("Date-Time " + Long.MAX_VALUE + " s since the epoch (out of range)")
        .contains("Lease Time (0x420049): Interval 864000 s")
        .contains("Time Stamp (0x420092): Date-Time Extended 2008-03-14T11:56:40.000001Z")
        .contains("x".repeat(200) + "\"... (300 chars)");
  }
}
