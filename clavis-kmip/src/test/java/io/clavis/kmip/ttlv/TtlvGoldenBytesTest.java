package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Byte-exact encodings: the examples of KMIP 1.4 section 9.1.2 and whole request messages built by
 * hand from the specification, each checked in both directions.
 */
class TtlvGoldenBytesTest {
  /** The tag the specification's examples use (Compromise Date; only the bytes matter here). */
  private static final int TAG = 0x420020;

  private record Example(String name, Ttlv item, String hex) {}

  /** KMIP 1.4 section 9.1.2 "Examples", with the bytes exactly as the specification prints them. */
  private static final List<Example> SPEC_EXAMPLES =
      List.of(
          new Example(
              "An Integer containing the decimal value 8",
              new TtlvInteger(TAG, 8),
              "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"),
          new Example(
              "A Long Integer containing the decimal value 123456789000000000",
              new TtlvLongInteger(TAG, 123456789000000000L),
              "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00"),
          new Example(
              "A Big Integer containing the decimal value 1234567890000000000000000000",
              new TtlvBigInteger(TAG, new BigInteger("1234567890000000000000000000")),
              "42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00"),
          new Example(
              "An Enumeration with value 255",
              new TtlvEnumeration(TAG, 255),
              "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"),
          new Example(
              "A Boolean with the value True",
              new TtlvBoolean(TAG, true),
              "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01"),
          new Example(
              "A Text String with the value 'Hello World'",
              new TtlvTextString(TAG, "Hello World"),
              "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00"),
          new Example(
              "A Byte String with the value { 0x01, 0x02, 0x03 }",
              new TtlvByteString(TAG, new byte[] {1, 2, 3}),
              "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00"),
          new Example(
              "A Date-Time, containing the value for Friday, March 14, 2008, 11:56:40 GMT",
              TtlvDateTime.of(
                  TAG, ZonedDateTime.of(2008, 3, 14, 11, 56, 40, 0, ZoneOffset.UTC).toInstant()),
              "42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8"),
          new Example(
              "An Interval, containing the value for 10 days",
              TtlvInterval.of(TAG, Duration.ofDays(10)),
              "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00"),
          new Example(
              "A Structure containing an Enumeration, value 254, followed by an Integer, value 255,"
                  + " having tags 420004 and 420005 respectively",
              TtlvStructure.of(
                  TAG, new TtlvEnumeration(0x420004, 254), new TtlvInteger(0x420005, 255)),
              "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
                  + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"));

  /**
   * A Discover Versions request in the shape PyKMIP sends by default: protocol 1.2, one batch item,
   * an empty payload (the client offers no versions, asking for all the server's).
   */
  private static final String DISCOVER_VERSIONS_REQUEST =
      """
      42 00 78 | 01 | 00 00 00 60                              # Request Message, 96 bytes
        42 00 77 | 01 | 00 00 00 38                            # Request Header, 56 bytes
          42 00 69 | 01 | 00 00 00 20                          # Protocol Version, 32 bytes
            42 00 6A | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00  # Protocol Version Major 1
            42 00 6B | 02 | 00 00 00 04 | 00 00 00 02 00 00 00 00  # Protocol Version Minor 2
          42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00    # Batch Count 1
        42 00 0F | 01 | 00 00 00 18                            # Batch Item, 24 bytes
          42 00 5C | 05 | 00 00 00 04 | 00 00 00 1E 00 00 00 00    # Operation: Discover Versions (30)
          42 00 79 | 01 | 00 00 00 00                          # Request Payload, empty
      """;

  /**
   * A KMIP 1.2 Create request for an AES-128 key usable to encrypt and decrypt, with the
   * Template-Attribute a client such as PyKMIP builds: each attribute as a name and a value.
   */
  private static final String CREATE_REQUEST =
      """
      42 00 78 | 01 | 00 00 01 20                              # Request Message, 288 bytes
        42 00 77 | 01 | 00 00 00 38                            # Request Header, 56 bytes
          42 00 69 | 01 | 00 00 00 20                          # Protocol Version, 32 bytes
            42 00 6A | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00  # Protocol Version Major 1
            42 00 6B | 02 | 00 00 00 04 | 00 00 00 02 00 00 00 00  # Protocol Version Minor 2
          42 00 0D | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00    # Batch Count 1
        42 00 0F | 01 | 00 00 00 D8                            # Batch Item, 216 bytes
          42 00 5C | 05 | 00 00 00 04 | 00 00 00 01 00 00 00 00    # Operation: Create (1)
          42 00 79 | 01 | 00 00 00 C0                          # Request Payload, 192 bytes
            42 00 57 | 05 | 00 00 00 04 | 00 00 00 02 00 00 00 00  # Object Type: Symmetric Key (2)
            42 00 91 | 01 | 00 00 00 A8                        # Template-Attribute, 168 bytes
              42 00 08 | 01 | 00 00 00 30                      # Attribute, 48 bytes
                42 00 0A | 07 | 00 00 00 17                    # Attribute Name, 23 bytes of text
                  43 72 79 70 74 6F 67 72 61 70 68 69 63 20    # "Cryptographic "
                  41 6C 67 6F 72 69 74 68 6D | 00              # "Algorithm", 1 byte of padding
                42 00 0B | 05 | 00 00 00 04 | 00 00 00 03 00 00 00 00  # Attribute Value: AES (3)
              42 00 08 | 01 | 00 00 00 30                      # Attribute, 48 bytes
                42 00 0A | 07 | 00 00 00 14                    # Attribute Name, 20 bytes of text
                  43 72 79 70 74 6F 67 72 61 70 68 69 63 20    # "Cryptographic "
                  4C 65 6E 67 74 68 | 00 00 00 00              # "Length", 4 bytes of padding
                42 00 0B | 02 | 00 00 00 04 | 00 00 00 80 00 00 00 00  # Attribute Value: 128
              42 00 08 | 01 | 00 00 00 30                      # Attribute, 48 bytes
                42 00 0A | 07 | 00 00 00 18                    # Attribute Name, 24 bytes of text
                  43 72 79 70 74 6F 67 72 61 70 68 69 63 20    # "Cryptographic "
                  55 73 61 67 65 20 4D 61 73 6B                # "Usage Mask", no padding
                42 00 0B | 02 | 00 00 00 04 | 00 00 00 0C 00 00 00 00  # Attribute Value: Encrypt | Decrypt
      """;

  @TestFactory
  Stream<DynamicTest> specificationExamplesEncodeToTheirBytes() {
    return SPEC_EXAMPLES.stream()
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.name(),
                    () ->
                        assertThat(Hex.of(TtlvEncoder.encode(example.item())))
                            .isEqualTo(Hex.of(Hex.bytes(example.hex())))));
  }

  @TestFactory
  Stream<DynamicTest> specificationExamplesDecodeToTheirItems() {
    return SPEC_EXAMPLES.stream()
        .map(
            example ->
                DynamicTest.dynamicTest(
                    example.name(),
                    () ->
                        assertThat(TtlvDecoder.decode(Hex.bytes(example.hex())))
                            .isEqualTo(example.item())));
  }

  @Test
  void specificationValuesMeanWhatTheTextSays() {
    TtlvDateTime dateTime =
        (TtlvDateTime) TtlvDecoder.decode(Hex.bytes(SPEC_EXAMPLES.get(7).hex()));
    assertThat(dateTime.toInstant()).isEqualTo(Instant.parse("2008-03-14T11:56:40Z"));
    TtlvInterval interval =
        (TtlvInterval) TtlvDecoder.decode(Hex.bytes(SPEC_EXAMPLES.get(8).hex()));
    assertThat(interval.toDuration()).isEqualTo(Duration.ofDays(10));
  }

  @Test
  void discoverVersionsRequestRoundTrips() {
    TtlvStructure expected =
        TtlvStructure.of(
            0x420078,
            header(),
            TtlvStructure.of(
                0x42000F, new TtlvEnumeration(0x42005C, 30), TtlvStructure.of(0x420079)));
    byte[] bytes = Hex.bytes(DISCOVER_VERSIONS_REQUEST);
    assertThat(bytes).hasSize(104);
    assertThat(TtlvDecoder.decode(bytes)).isEqualTo(expected);
    assertThat(Hex.of(TtlvEncoder.encode(expected))).isEqualTo(Hex.of(bytes));
  }

  @Test
  void createRequestRoundTrips() {
    TtlvStructure expected =
        TtlvStructure.of(
            0x420078,
            header(),
            TtlvStructure.of(
                0x42000F,
                new TtlvEnumeration(0x42005C, 1),
                TtlvStructure.of(
                    0x420079,
                    new TtlvEnumeration(0x420057, 2),
                    TtlvStructure.of(
                        0x420091,
                        attribute("Cryptographic Algorithm", new TtlvEnumeration(0x42000B, 3)),
                        attribute("Cryptographic Length", new TtlvInteger(0x42000B, 128)),
                        attribute("Cryptographic Usage Mask", new TtlvInteger(0x42000B, 12))))));
    byte[] bytes = Hex.bytes(CREATE_REQUEST);
    assertThat(bytes).hasSize(296);
    assertThat(TtlvDecoder.decode(bytes)).isEqualTo(expected);
    assertThat(Hex.of(TtlvEncoder.encode(expected))).isEqualTo(Hex.of(bytes));
  }

  @Test
  void createRequestReadsThroughTheLookups() {
    TtlvStructure message = (TtlvStructure) TtlvDecoder.decode(Hex.bytes(CREATE_REQUEST));
    TtlvStructure header = message.structure(0x420077);
    assertThat(header.structure(0x420069).integer(0x42006A)).isEqualTo(1);
    assertThat(header.structure(0x420069).integer(0x42006B)).isEqualTo(2);
    assertThat(header.integer(0x42000D)).isEqualTo(1);
    TtlvStructure batchItem = message.all(0x42000F, TtlvStructure.class).get(0);
    assertThat(batchItem.enumeration(0x42005C)).isEqualTo(1);
    List<TtlvStructure> attributes =
        batchItem.structure(0x420079).structure(0x420091).all(0x420008, TtlvStructure.class);
    assertThat(attributes)
        .extracting(a -> a.text(0x42000A))
        .containsExactly(
            "Cryptographic Algorithm", "Cryptographic Length", "Cryptographic Usage Mask");
  }

  /** A Big Integer's sign extension is minimal: the byte counts change exactly at the edges. */
  @Test
  void bigIntegersUseTheMinimalSignExtension() {
    assertThat(bigInteger(BigInteger.ZERO)).isEqualTo("0000000000000000");
    assertThat(bigInteger(BigInteger.ONE.negate())).isEqualTo("ffffffffffffffff");
    assertThat(bigInteger(BigInteger.valueOf(Long.MAX_VALUE))).isEqualTo("7fffffffffffffff");
    assertThat(bigInteger(BigInteger.valueOf(Long.MIN_VALUE))).isEqualTo("8000000000000000");
    assertThat(bigInteger(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE)))
        .isEqualTo("0000000000000000" + "8000000000000000");
    assertThat(bigInteger(BigInteger.valueOf(Long.MIN_VALUE).subtract(BigInteger.ONE)))
        .isEqualTo("ffffffffffffffff" + "7fffffffffffffff");
  }

  private static String bigInteger(BigInteger value) {
    byte[] encoded = TtlvEncoder.encode(new TtlvBigInteger(TAG, value));
    assertThat(TtlvDecoder.decode(encoded)).isEqualTo(new TtlvBigInteger(TAG, value));
    return Hex.of(encoded).substring(16);
  }

  private static TtlvStructure header() {
    return TtlvStructure.of(
        0x420077,
        TtlvStructure.of(0x420069, new TtlvInteger(0x42006A, 1), new TtlvInteger(0x42006B, 2)),
        new TtlvInteger(0x42000D, 1));
  }

  private static TtlvStructure attribute(String name, Ttlv value) {
    return TtlvStructure.of(0x420008, new TtlvTextString(0x42000A, name), value);
  }
}
