package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Encoding and decoding are inverse: {@code decode(encode(x))} equals {@code x}, and re-encoding a
 * decoded message gives back the very same bytes, for every item type and for nested structures.
 */
class TtlvRoundTripTest {
  @Property
  void integersRoundTrip(@ForAll("integers") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void longIntegersRoundTrip(@ForAll("longIntegers") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void bigIntegersRoundTrip(@ForAll("bigIntegers") Ttlv item) {
    byte[] encoded = assertRoundTrip(item, -1);
    assertThat((encoded.length - 8) % 8).isZero();
  }

  @Property
  void enumerationsRoundTrip(@ForAll("enumerations") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void booleansRoundTrip(@ForAll("booleans") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void textStringsRoundTrip(@ForAll("textStrings") Ttlv item) {
    byte[] encoded = assertRoundTrip(item, -1);
    assertThat(encoded.length % 8).isZero();
  }

  @Property
  void byteStringsRoundTrip(@ForAll("byteStrings") Ttlv item) {
    TtlvByteString bytes = (TtlvByteString) item;
    assertRoundTrip(item, 8 + TtlvPadding.roundUp(bytes.length()));
  }

  @Property
  void dateTimesRoundTrip(@ForAll("dateTimes") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void intervalsRoundTrip(@ForAll("intervals") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property
  void dateTimesExtendedRoundTrip(@ForAll("dateTimesExtended") Ttlv item) {
    assertRoundTrip(item, 16);
  }

  @Property(tries = 500)
  void nestedStructuresRoundTrip(@ForAll("structures") Ttlv item) {
    assertRoundTrip(item, -1);
  }

  /** The header of an item states its tag, its type and the unpadded value length. */
  @Property
  void headersDescribeTheItem(@ForAll("messages") Ttlv item) {
    byte[] encoded = TtlvEncoder.encode(item);
    assertThat(((encoded[0] & 0xFF) << 16) | ((encoded[1] & 0xFF) << 8) | (encoded[2] & 0xFF))
        .isEqualTo(item.tag());
    assertThat(encoded[3] & 0xFF).isEqualTo(item.type().code());
    long length = TtlvParser.unsignedInt(encoded, 4);
    assertThat(encoded.length - 8 - length).isBetween(0L, 7L);
  }

  private static byte[] assertRoundTrip(Ttlv item, int expectedLength) {
    byte[] encoded = TtlvEncoder.encode(item);
    if (expectedLength >= 0) {
      assertThat(encoded).hasSize(expectedLength);
    }
    Ttlv decoded = TtlvDecoder.decode(encoded);
    assertThat(decoded).isEqualTo(item);
    assertThat(decoded.hashCode()).isEqualTo(item.hashCode());
    assertThat(TtlvEncoder.encode(decoded)).isEqualTo(encoded);
    return encoded;
  }

  @Provide
  Arbitrary<Ttlv> integers() {
    return TtlvArbitraries.integers();
  }

  @Provide
  Arbitrary<Ttlv> longIntegers() {
    return TtlvArbitraries.longIntegers();
  }

  @Provide
  Arbitrary<Ttlv> bigIntegers() {
    return TtlvArbitraries.bigIntegerItems();
  }

  @Provide
  Arbitrary<Ttlv> enumerations() {
    return TtlvArbitraries.enumerations();
  }

  @Provide
  Arbitrary<Ttlv> booleans() {
    return TtlvArbitraries.booleans();
  }

  @Provide
  Arbitrary<Ttlv> textStrings() {
    return TtlvArbitraries.textStrings();
  }

  @Provide
  Arbitrary<Ttlv> byteStrings() {
    return TtlvArbitraries.byteStrings();
  }

  @Provide
  Arbitrary<Ttlv> dateTimes() {
    return TtlvArbitraries.dateTimes();
  }

  @Provide
  Arbitrary<Ttlv> intervals() {
    return TtlvArbitraries.intervals();
  }

  @Provide
  Arbitrary<Ttlv> dateTimesExtended() {
    return TtlvArbitraries.dateTimesExtended();
  }

  @Provide
  Arbitrary<Ttlv> structures() {
    return TtlvArbitraries.structures(5).map(s -> s);
  }

  @Provide
  Arbitrary<Ttlv> messages() {
    return TtlvArbitraries.messages();
  }
}
