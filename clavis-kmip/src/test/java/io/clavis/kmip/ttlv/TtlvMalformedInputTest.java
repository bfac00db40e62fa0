package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clavis.kmip.ttlv.TtlvDecoder.Limits;
import io.clavis.kmip.ttlv.TtlvFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every malformed shape fails with a {@link TtlvFormatException} naming the right reason. */
class TtlvMalformedInputTest {
  private static final int TAG = 0x420020;

  /** A Request Message with a header and one batch item holding every item type. */
  private static final byte[] GOOD =
      TtlvEncoder.encode(
          TtlvStructure.of(
              0x420078,
              TtlvStructure.of(
                  0x420077,
                  TtlvStructure.of(
                      0x420069, new TtlvInteger(0x42006A, 1), new TtlvInteger(0x42006B, 4)),
                  new TtlvInteger(0x42000D, 1)),
              TtlvStructure.of(
                  0x42000F,
                  new TtlvEnumeration(0x42005C, 10),
                  new TtlvLongInteger(0x420096, 7),
                  new TtlvBigInteger(0x420052, BigInteger.TWO.pow(100)),
                  new TtlvBoolean(0x420007, true),
                  new TtlvTextString(0x420094, "key-1"),
                  new TtlvByteString(0x420043, new byte[] {9, 9, 9}),
                  new TtlvDateTime(0x420092, 1_700_000_000L),
                  new TtlvInterval(0x420049, 3600),
                  new TtlvDateTimeExtended(0x420092, 1_700_000_000_000_000L))));

  @Test
  void theBaselineIsValid() {
    assertThat(TtlvDecoder.decode(GOOD)).isInstanceOf(TtlvStructure.class);
  }

  @TestFactory
  Stream<DynamicTest> everyTruncationIsReportedAsTruncated() {
    return IntStream.range(0, GOOD.length)
        .mapToObj(
            length ->
                DynamicTest.dynamicTest(
                    "truncated to " + length + " bytes",
                    () -> assertFails(Arrays.copyOf(GOOD, length), Reason.TRUNCATED)));
  }

  @TestFactory
  Stream<DynamicTest> malformedShapesFailWithTheirReason() {
    Map<String, Case> cases = new LinkedHashMap<>();
    // Types
    cases.put("type 0x00", new Case(withByte(GOOD, 3, 0x00), Reason.BAD_TYPE));
    cases.put("type 0x0C", new Case(withByte(GOOD, 3, 0x0C), Reason.BAD_TYPE));
    cases.put("type 0xFF", new Case(withByte(GOOD, 3, 0xFF), Reason.BAD_TYPE));
    cases.put("nested type 0x42", new Case(withByte(GOOD, 8 + 3, 0x42), Reason.BAD_TYPE));
    cases.put("primitive type 0x0C", new Case(item(0x0C, 8, new byte[8]), Reason.BAD_TYPE));
    // Lengths that do not fit the type
    for (ItemType type : ItemType.values()) {
      if (type.fixedLength() != ItemType.VARIABLE) {
        for (int length : new int[] {0, type.fixedLength() - 1, type.fixedLength() + 1, 16}) {
          cases.put(
              type.specName() + " of length " + length,
              new Case(item(type.code(), length, new byte[16]), Reason.BAD_LENGTH));
        }
      }
    }
    cases.put("Structure of length 4", new Case(item(0x01, 4, new byte[8]), Reason.BAD_LENGTH));
    cases.put("Structure of length 12", new Case(item(0x01, 12, new byte[16]), Reason.BAD_LENGTH));
    cases.put("Big Integer of length 0", new Case(item(0x04, 0, new byte[0]), Reason.BAD_LENGTH));
    cases.put("Big Integer of length 4", new Case(item(0x04, 4, new byte[8]), Reason.BAD_LENGTH));
    cases.put(
        "Big Integer of length 12", new Case(item(0x04, 12, new byte[16]), Reason.BAD_LENGTH));
    cases.put(
        "Integer declaring 0x7FFFFFFF bytes",
        new Case(item(0x02, 0x7FFF_FFFF, new byte[8]), Reason.BAD_LENGTH));
    // Lengths beyond the enclosing structure or the message
    cases.put(
        "child longer than its structure",
        new Case(structure(item(0x08, 64, new byte[8])), Reason.LENGTH_OVERFLOW));
    cases.put(
        "child declaring 0x7FFFFFFF bytes",
        new Case(structure(item(0x08, 0x7FFF_FFFF, new byte[8])), Reason.LENGTH_OVERFLOW));
    cases.put(
        "child declaring 0xFFFFFFFF bytes",
        new Case(structure(item(0x07, 0xFFFF_FFFF, new byte[8])), Reason.LENGTH_OVERFLOW));
    cases.put(
        "nested structure declaring 0xFFFFFFF8 bytes",
        new Case(structure(item(0x01, 0xFFFF_FFF8, new byte[8])), Reason.LENGTH_OVERFLOW));
    cases.put(
        "structure shorter than its children (underflow)",
        new Case(withInt(GOOD, 8 + 4, 0x38 - 8), Reason.LENGTH_OVERFLOW));
    cases.put(
        "top-level length larger than the rest",
        new Case(withInt(GOOD, 4, 0x1000), Reason.TRUNCATED));
    cases.put(
        "top-level length shorter than the content",
        new Case(withInt(GOOD, 4, 0x40), Reason.TRAILING_BYTES));
    cases.put(
        "top-level length 0x7FFFFFF8", new Case(withInt(GOOD, 4, 0x7FFF_FFF8), Reason.TOO_LARGE));
    cases.put(
        "top-level length 0xFFFFFFF8", new Case(withInt(GOOD, 4, 0xFFFF_FFF8), Reason.TOO_LARGE));
    cases.put(
        "top-level byte string of 0xFFFFFFFF bytes",
        new Case(item(0x08, 0xFFFF_FFFF, new byte[8]), Reason.TOO_LARGE));
    // Padding
    cases.put("Integer padding", new Case(padded(0x02, 4, 15), Reason.BAD_PADDING));
    cases.put("Enumeration padding", new Case(padded(0x05, 4, 12), Reason.BAD_PADDING));
    cases.put("Interval padding", new Case(padded(0x0A, 4, 13), Reason.BAD_PADDING));
    cases.put("Text String padding", new Case(padded(0x07, 3, 11), Reason.BAD_PADDING));
    cases.put("Byte String padding", new Case(padded(0x08, 1, 15), Reason.BAD_PADDING));
    cases.put(
        "Big Integer with a redundant 0x00 block",
        new Case(
            item(0x04, 16, Hex.bytes("0000000000000000 0000000000000001")), Reason.BAD_PADDING));
    cases.put(
        "Big Integer with a redundant 0xFF block",
        new Case(
            item(0x04, 16, Hex.bytes("ffffffffffffffff ffffffffffffffff")), Reason.BAD_PADDING));
    // Values
    cases.put(
        "Boolean 2", new Case(item(0x06, 8, Hex.bytes("0000000000000002")), Reason.BAD_BOOLEAN));
    cases.put(
        "Boolean with a high bit",
        new Case(item(0x06, 8, Hex.bytes("0100000000000001")), Reason.BAD_BOOLEAN));
    cases.put("text 0xFF", new Case(text("ff"), Reason.BAD_UTF8));
    cases.put("text with a lone continuation byte", new Case(text("41 80 42"), Reason.BAD_UTF8));
    cases.put("text with an overlong NUL", new Case(text("c0 80"), Reason.BAD_UTF8));
    cases.put("text with an encoded surrogate", new Case(text("ed a0 80"), Reason.BAD_UTF8));
    cases.put("text with a cut sequence", new Case(text("41 e2 82"), Reason.BAD_UTF8));
    cases.put("text beyond U+10FFFF", new Case(text("f4 90 80 80"), Reason.BAD_UTF8));
    // Limits
    cases.put(
        "Big Integer of 528 bytes",
        new Case(item(0x04, 528, new byte[528]), Reason.BIG_INTEGER_TOO_LARGE));
    cases.put(
        "Big Integer declaring 0x7FFFFFF8 bytes",
        new Case(structure(item(0x04, 0x7FFF_FFF8, new byte[8])), Reason.BIG_INTEGER_TOO_LARGE));
    cases.put("17 nested structures", new Case(nested(17), Reason.TOO_DEEP));
    cases.put("10,000 nested structures", new Case(nested(10_000), Reason.TOO_DEEP));
    cases.put("10,001 items", new Case(flat(10_000), Reason.TOO_MANY_ITEMS));
    cases.put(
        "a message over 1 MiB", new Case(item(0x08, 1 << 20, new byte[1 << 20]), Reason.TOO_LARGE));
    // Framing
    cases.put("empty input", new Case(new byte[0], Reason.TRUNCATED));
    cases.put("one trailing byte", new Case(concat(GOOD, new byte[1]), Reason.TRAILING_BYTES));
    cases.put("a trailing item", new Case(concat(GOOD, GOOD), Reason.TRAILING_BYTES));
    cases.put("eight zero bytes", new Case(new byte[8], Reason.BAD_TYPE));
    return cases.entrySet().stream()
        .map(
            entry ->
                DynamicTest.dynamicTest(
                    entry.getKey(),
                    () -> assertFails(entry.getValue().bytes(), entry.getValue().reason())));
  }

  @Test
  void theLimitsAreInclusive() {
    assertThat(TtlvDecoder.decode(nested(16))).isInstanceOf(TtlvStructure.class);
    assertThat(((TtlvStructure) TtlvDecoder.decode(flat(9_999))).children()).hasSize(9_999);
    // An RSA-4096 modulus: 4096 bits and a sign bit take 513 bytes, padded to 520.
    BigInteger modulus = BigInteger.TWO.pow(4096).subtract(BigInteger.ONE);
    byte[] encoded = TtlvEncoder.encode(new TtlvBigInteger(TAG, modulus));
    assertThat(encoded).hasSize(8 + 520);
    assertThat(TtlvDecoder.decode(encoded)).isEqualTo(new TtlvBigInteger(TAG, modulus));
    byte[] oneMebibyte = item(0x08, (1 << 20) - 8, new byte[(1 << 20) - 8]);
    assertThat(oneMebibyte).hasSize(1 << 20);
    assertThat(((TtlvByteString) TtlvDecoder.decode(oneMebibyte)).length())
        .isEqualTo((1 << 20) - 8);
  }

  @Test
  void tightLimitsApply() {
    Limits tight = new Limits(64, 2, 3, 8);
    assertFails(GOOD, tight, Reason.TOO_LARGE);
    assertFails(nested(3), tight, Reason.TOO_DEEP);
    assertFails(flat(3), tight, Reason.TOO_MANY_ITEMS);
    assertFails(
        item(0x04, 16, Hex.bytes("01" + "00".repeat(15))), tight, Reason.BIG_INTEGER_TOO_LARGE);
    assertThat(TtlvDecoder.decode(flat(2), tight)).isInstanceOf(TtlvStructure.class);
  }

  /** Nesting is bounded by the limit alone: the decoder keeps its own stack, not the thread's. */
  @Test
  void tenThousandNestedStructuresDoNotOverflowTheStack() {
    Limits generous = new Limits(1 << 20, 20_000, 20_000, 512);
    Ttlv item = TtlvDecoder.decode(nested(10_000), generous);
    int depth = 0;
    while (item instanceof TtlvStructure structure) {
      depth++;
      item = structure.children().isEmpty() ? null : structure.children().get(0);
    }
    assertThat(depth).isEqualTo(10_000);
  }

  @Test
  void unknownTagsAreNotACodecError() {
    for (int tag : List.of(0, 0x540001, 0x4201FF, TtlvTags.MAX_TAG)) {
      Ttlv item = TtlvStructure.of(tag, new TtlvInteger(tag, 1));
      assertThatCode(() -> TtlvDecoder.decode(TtlvEncoder.encode(item))).doesNotThrowAnyException();
      assertThat(TtlvDecoder.decode(TtlvEncoder.encode(item))).isEqualTo(item);
    }
  }

  @Test
  void errorsPointAtTheOffendingByte() {
    TtlvFormatException padding =
        catchThrowableOfType(
            TtlvFormatException.class, () -> TtlvDecoder.decode(padded(0x02, 4, 13)));
    assertThat(padding.offset()).isEqualTo(13);
    TtlvFormatException type =
        catchThrowableOfType(
            TtlvFormatException.class, () -> TtlvDecoder.decode(withByte(GOOD, 8 + 3, 0x42)));
    assertThat(type.offset()).isEqualTo(11);
    assertThat(type).hasMessageStartingWith("BAD_TYPE at byte 11");
    // A child that crosses its structure's end is caught at its own length field (byte 60), not
    // later when the next header would start beyond the structure.
    TtlvFormatException overflow =
        catchThrowableOfType(
            TtlvFormatException.class, () -> TtlvDecoder.decode(withInt(GOOD, 8 + 4, 0x38 - 8)));
    assertThat(overflow.reason()).isEqualTo(Reason.LENGTH_OVERFLOW);
    assertThat(overflow.offset()).isEqualTo(0x38 + 4);
  }

  @Test
  void messagesDoNotQuoteValues() {
    byte[] secret = item(0x08, 4, Hex.bytes("deadbeef ffffffff"));
    TtlvFormatException e =
        catchThrowableOfType(TtlvFormatException.class, () -> TtlvDecoder.decode(secret));
    assertThat(e.getMessage())
        .doesNotContainIgnoringCase("dead")
        .doesNotContainIgnoringCase("beef");
  }

  private record Case(byte[] bytes, Reason reason) {}

  static void assertFails(byte[] bytes, Reason reason) {
    assertFails(bytes, Limits.DEFAULT, reason);
  }

  static void assertFails(byte[] bytes, Limits limits, Reason reason) {
    TtlvFormatException e =
        catchThrowableOfType(TtlvFormatException.class, () -> TtlvDecoder.decode(bytes, limits));
    assertThat(e)
        .as("decoding %s", Hex.of(Arrays.copyOf(bytes, Math.min(bytes.length, 64))))
        .isNotNull();
    assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
  }

  /** An item with tag 0x420020, the given type byte and declared length, and the given value. */
  static byte[] item(int type, int length, byte[] value) {
    ByteSink out = new ByteSink();
    out.writeHeader(TAG, ItemType.STRUCTURE, length);
    byte[] bytes = concat(out.toByteArray(), value);
    bytes[3] = (byte) type;
    return bytes;
  }

  /** A structure holding the given bytes as its value. */
  static byte[] structure(byte[] content) {
    return item(0x01, content.length, content);
  }

  /** A fixed-size item whose value is zero except one padding byte at {@code offset}. */
  private static byte[] padded(int type, int length, int offset) {
    byte[] bytes = item(type, length, new byte[TtlvPadding.roundUp(length)]);
    bytes[offset] = 1;
    return bytes;
  }

  private static byte[] text(String hex) {
    byte[] value = Hex.bytes(hex);
    return item(0x07, value.length, Arrays.copyOf(value, TtlvPadding.roundUp(value.length)));
  }

  /** {@code depth} structures, each the only child of the one before; the innermost is empty. */
  static byte[] nested(int depth) {
    byte[] bytes = new byte[8 * depth];
    for (int level = 0; level < depth; level++) {
      int at = 8 * level;
      bytes[at] = 0x42;
      bytes[at + 3] = 0x01;
      int length = 8 * (depth - level - 1);
      bytes[at + 4] = (byte) (length >>> 24);
      bytes[at + 5] = (byte) (length >>> 16);
      bytes[at + 6] = (byte) (length >>> 8);
      bytes[at + 7] = (byte) length;
    }
    return bytes;
  }

  /** A structure holding {@code count} empty structures: {@code count + 1} items. */
  static byte[] flat(int count) {
    return structure(nestedRepeated(count));
  }

  private static byte[] nestedRepeated(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < count; i++) {
      out.writeBytes(nested(1));
    }
    return out.toByteArray();
  }

  static byte[] withByte(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    copy[offset] = (byte) value;
    return copy;
  }

  static byte[] withInt(byte[] bytes, int offset, int value) {
    byte[] copy = bytes.clone();
    copy[offset] = (byte) (value >>> 24);
    copy[offset + 1] = (byte) (value >>> 16);
    copy[offset + 2] = (byte) (value >>> 8);
    copy[offset + 3] = (byte) value;
    return copy;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }
}
