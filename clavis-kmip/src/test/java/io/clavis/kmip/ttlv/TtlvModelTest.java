package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The item model: immutability, secrecy in {@code toString}, validation and lookups. */
class TtlvModelTest {
  private static final int TAG = 0x420043;

  @Test
  void byteStringsCopyOnTheWayInAndOut() {
    byte[] key = {1, 2, 3, 4};
    TtlvByteString item = new TtlvByteString(TAG, key);
    key[0] = 99;
    assertThat(item.value()).containsExactly(1, 2, 3, 4);
    item.value()[1] = 99;
    assertThat(item.value()).containsExactly(1, 2, 3, 4);
    assertThat(item).isEqualTo(new TtlvByteString(TAG, new byte[] {1, 2, 3, 4}));
    assertThat(item).isNotEqualTo(new TtlvByteString(TAG, new byte[] {1, 2, 3, 5}));
    assertThat(item.hashCode())
        .isEqualTo(new TtlvByteString(TAG, new byte[] {1, 2, 3, 4}).hashCode());
  }

  @Test
  void byteStringsNeverPrintTheirBytes() {
    TtlvByteString item = new TtlvByteString(TAG, new byte[] {(byte) 0xAB, (byte) 0xCD, 0x7F});
    assertThat(item.toString()).isEqualTo("TtlvByteString[tag=0x420043, length=3]");
    String nested = TtlvStructure.of(0x42008F, item).toString();
    assertThat(nested).contains("length=3").doesNotContainIgnoringCase("ab").doesNotContain("127");
  }

  @Test
  void bigIntegersPrintOnlyTheirSize() {
    TtlvBigInteger item = new TtlvBigInteger(0x420063, new BigInteger("123456789123456789"));
    assertThat(item.toString()).doesNotContain("123456789").contains("bits=57");
  }

  @Test
  void tagsHaveThreeBytes() {
    assertThat(new TtlvInteger(TtlvTags.MAX_TAG, 1).tag()).isEqualTo(0xFFFFFF);
    assertThatThrownBy(() -> new TtlvInteger(0x1000000, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvByteString(-1, new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TtlvStructure.of(0x1000000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TtlvTags.hex(0x42007B)).isEqualTo("0x42007B");
  }

  @Test
  void textStringsRejectUnpairedSurrogates() {
    assertThatThrownBy(() -> new TtlvTextString(TAG, "a\uD800b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> new TtlvTextString(TAG, "\uDC00"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvTextString(TAG, "a\uD83D"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new TtlvTextString(TAG, "key \uD83D\uDD11").value()).isEqualTo("key 🔑");
  }

  @Test
  void intervalsHoldUnsigned32BitSeconds() {
    assertThat(new TtlvInterval(TAG, 0xFFFF_FFFFL).seconds()).isEqualTo(4_294_967_295L);
    assertThatThrownBy(() -> new TtlvInterval(TAG, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvInterval(TAG, 0x1_0000_0000L))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] max = TtlvEncoder.encode(new TtlvInterval(TAG, 0xFFFF_FFFFL));
    assertThat(Hex.of(max)).endsWith("ffffffff00000000");
    assertThat(TtlvInterval.of(TAG, Duration.ofMinutes(1)).toDuration())
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void enumerationsKeepAll32Bits() {
    TtlvEnumeration extension = new TtlvEnumeration(TAG, 0x8000_0001);
    assertThat(extension.unsignedValue()).isEqualTo(0x8000_0001L);
    assertThat(TtlvDecoder.decode(TtlvEncoder.encode(extension))).isEqualTo(extension);
    assertThat(extension.toString()).contains("0x80000001");
  }

  @Test
  void dateTimesConvertOrReportTheirRange() {
    Instant now = Instant.parse("2024-02-29T12:34:56.789Z");
    assertThat(TtlvDateTime.of(TAG, now).toInstant())
        .isEqualTo(Instant.parse("2024-02-29T12:34:56Z"));
    assertThatThrownBy(() -> new TtlvDateTime(0x420092, Long.MAX_VALUE).toInstant())
        .isInstanceOf(UnexpectedItemException.class)
        .hasMessageContaining("0x420092");
    assertThat(TtlvDateTimeExtended.of(TAG, now).toInstant()).isEqualTo(now);
    assertThat(new TtlvDateTimeExtended(TAG, -1).toInstant())
        .isEqualTo(Instant.parse("1969-12-31T23:59:59.999999Z"));
    assertThat(new TtlvDateTimeExtended(TAG, Long.MIN_VALUE).toInstant()).isBefore(Instant.EPOCH);
  }

  @Test
  void structuresAreImmutable() {
    List<Ttlv> children = new ArrayList<>(List.of(new TtlvInteger(1, 1)));
    TtlvStructure structure = new TtlvStructure(TAG, children);
    children.add(new TtlvInteger(2, 2));
    assertThat(structure.children()).hasSize(1);
    assertThatThrownBy(() -> structure.children().add(new TtlvInteger(3, 3)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> TtlvStructure.of(TAG, (Ttlv) null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void lookupsFindChildrenByTag() {
    TtlvStructure s =
        TtlvStructure.builder(0x42000F)
            .add(new TtlvEnumeration(0x42005C, 1))
            .add(new TtlvTextString(0x420094, "id-1"))
            .addAll(List.of(new TtlvInteger(0x42000B, 1), new TtlvInteger(0x42000B, 2)))
            .add(new TtlvBoolean(0x420007, true))
            .add(new TtlvLongInteger(0x420096, 5L))
            .add(new TtlvBigInteger(0x420052, BigInteger.TEN))
            .add(new TtlvByteString(0x420043, new byte[] {7}))
            .add(new TtlvDateTime(0x420092, 60))
            .add(TtlvStructure.of(0x420079))
            .build();
    assertThat(s.enumeration(0x42005C)).isEqualTo(1);
    assertThat(s.text(0x420094)).isEqualTo("id-1");
    assertThat(s.bool(0x420007)).isTrue();
    assertThat(s.longInteger(0x420096)).isEqualTo(5L);
    assertThat(s.bigInteger(0x420052)).isEqualTo(BigInteger.TEN);
    assertThat(s.bytes(0x420043)).containsExactly(7);
    assertThat(s.dateTime(0x420092)).isEqualTo(Instant.ofEpochSecond(60));
    assertThat(s.structure(0x420079).children()).isEmpty();
    assertThat(s.children(0x42000B)).hasSize(2);
    assertThat(s.all(0x42000B, TtlvInteger.class))
        .extracting(TtlvInteger::value)
        .containsExactly(1, 2);
    assertThat(s.child(0x420099)).isEmpty();
    assertThat(s.optional(0x420094, TtlvTextString.class).map(TtlvTextString::value))
        .isEqualTo(Optional.of("id-1"));
    assertThat(s.children(0x420099)).isEmpty();
  }

  @Test
  void lookupsReportMissingRepeatedAndMistypedItems() {
    TtlvStructure s =
        TtlvStructure.of(
            0x42000F,
            new TtlvTextString(0x420094, "id"),
            new TtlvInteger(0x42000B, 1),
            new TtlvInteger(0x42000B, 2));
    assertThatThrownBy(() -> s.integer(0x420094))
        .isInstanceOf(UnexpectedItemException.class)
        .hasMessage("item 0x420094 is a Text String, expected a Integer")
        .extracting(e -> ((UnexpectedItemException) e).tag())
        .isEqualTo(0x420094);
    assertThatThrownBy(() -> s.text(0x420099))
        .isInstanceOf(UnexpectedItemException.class)
        .hasMessage("structure 0x42000F has no item 0x420099");
    assertThatThrownBy(() -> s.integer(0x42000B))
        .isInstanceOf(UnexpectedItemException.class)
        .hasMessage("structure 0x42000F has 2 items 0x42000B, expected at most one");
    assertThatThrownBy(() -> s.all(0x420094, TtlvInteger.class))
        .isInstanceOf(UnexpectedItemException.class);
    assertThatThrownBy(() -> s.as(TtlvInteger.class)).isInstanceOf(KmipDecodingException.class);
    assertThat(s.as(TtlvStructure.class)).isSameAs(s);
  }

  @Test
  void itemTypesMatchTheirCodes() {
    for (ItemType type : ItemType.values()) {
      assertThat(ItemType.fromCode(type.code())).isSameAs(type);
    }
    assertThat(ItemType.fromCode(0)).isNull();
    assertThat(ItemType.fromCode(0x0C)).isNull();
    assertThat(ItemType.fromCode(-1)).isNull();
    assertThat(ItemType.DATE_TIME_EXTENDED.code()).isEqualTo(0x0B);
  }

  @Test
  void limitsMustAllowSomething() {
    assertThatThrownBy(() -> new TtlvDecoder.Limits(7, 1, 1, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvDecoder.Limits(8, 0, 1, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvDecoder.Limits(8, 1, 0, 8))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TtlvDecoder.Limits(8, 1, 1, 7))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(TtlvDecoder.Limits.DEFAULT)
        .isEqualTo(new TtlvDecoder.Limits(1 << 20, 16, 10_000, 520));
  }

  /** The encoder keeps its own stack too, so a deep tree built in code can be encoded. */
  @Test
  void deepTreesEncodeWithoutRecursion() {
    Ttlv item = new TtlvInteger(TAG, 1);
    for (int i = 0; i < 50_000; i++) {
      item = TtlvStructure.of(0x420020, item);
    }
    byte[] encoded = TtlvEncoder.encode(item);
    assertThat(encoded).hasSize(50_000 * 8 + 16);
    assertThat(Hex.of(encoded)).startsWith("42002001" + String.format("%08x", 50_000 * 8 + 8));
  }
}
