package io.clavis.kmip.ttlv;

import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** Test helper: jqwik generators for items of every type and for nested structures. */
final class TtlvArbitraries {
  private TtlvArbitraries() {}

  /** Any 24-bit tag, with the KMIP and extension ranges and the extremes well represented. */
  static Arbitrary<Integer> tags() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(0x420001, 0x420165)),
        Tuple.of(1, Arbitraries.integers().between(0x540000, 0x54FFFF)),
        Tuple.of(2, Arbitraries.integers().between(0, TtlvTags.MAX_TAG)),
        Tuple.of(1, Arbitraries.of(0, TtlvTags.MAX_TAG)));
  }

  /** Text without unpaired surrogates: ASCII, or any Unicode scalar values. */
  static Arbitrary<String> texts() {
    Arbitrary<String> unicode =
        Arbitraries.integers()
            .between(0, Character.MAX_CODE_POINT)
            .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
            .list()
            .ofMaxSize(24)
            .map(TtlvArbitraries::fromCodePoints);
    return Arbitraries.oneOf(Arbitraries.strings().ascii().ofMaxLength(40), unicode);
  }

  /** Big Integers from a few bits to a little over 2000 bits, positive and negative. */
  static Arbitrary<BigInteger> bigIntegers() {
    BigInteger bound = BigInteger.TWO.pow(2048);
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(bound.negate(), bound),
        Arbitraries.longs().map(BigInteger::valueOf),
        Arbitraries.integers()
            .between(0, 300)
            .flatMap(
                bits ->
                    Arbitraries.of(
                        BigInteger.TWO.pow(bits),
                        BigInteger.TWO.pow(bits).subtract(BigInteger.ONE),
                        BigInteger.TWO.pow(bits).negate(),
                        BigInteger.TWO.pow(bits).negate().subtract(BigInteger.ONE))));
  }

  static Arbitrary<Ttlv> integers() {
    return Combinators.combine(tags(), Arbitraries.integers()).as(TtlvInteger::new);
  }

  static Arbitrary<Ttlv> longIntegers() {
    return Combinators.combine(tags(), Arbitraries.longs()).as(TtlvLongInteger::new);
  }

  static Arbitrary<Ttlv> bigIntegerItems() {
    return Combinators.combine(tags(), bigIntegers()).as(TtlvBigInteger::new);
  }

  static Arbitrary<Ttlv> enumerations() {
    return Combinators.combine(tags(), Arbitraries.integers()).as(TtlvEnumeration::new);
  }

  static Arbitrary<Ttlv> booleans() {
    return Combinators.combine(tags(), Arbitraries.of(true, false)).as(TtlvBoolean::new);
  }

  static Arbitrary<Ttlv> textStrings() {
    return Combinators.combine(tags(), texts()).as(TtlvTextString::new);
  }

  static Arbitrary<Ttlv> byteStrings() {
    return Combinators.combine(tags(), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
        .as(TtlvByteString::new);
  }

  static Arbitrary<Ttlv> dateTimes() {
    return Combinators.combine(tags(), Arbitraries.longs()).as(TtlvDateTime::new);
  }

  static Arbitrary<Ttlv> intervals() {
    return Combinators.combine(tags(), Arbitraries.longs().between(0, TtlvInterval.MAX_SECONDS))
        .as(TtlvInterval::new);
  }

  static Arbitrary<Ttlv> dateTimesExtended() {
    return Combinators.combine(tags(), Arbitraries.longs()).as(TtlvDateTimeExtended::new);
  }

  /** Any item that is not a structure. */
  static Arbitrary<Ttlv> primitives() {
    return Arbitraries.oneOf(
        List.of(
            integers(),
            longIntegers(),
            bigIntegerItems(),
            enumerations(),
            booleans(),
            textStrings(),
            byteStrings(),
            dateTimes(),
            intervals(),
            dateTimesExtended()));
  }

  /** Items of any type, with structures nested at most {@code depth} deep. */
  static Arbitrary<Ttlv> items(int depth) {
    if (depth == 0) {
      return primitives();
    }
    return Arbitraries.frequencyOf(Tuple.of(3, primitives()), Tuple.of(1, structures(depth)));
  }

  /** Structures of up to 5 children, nested at most {@code depth} deep. */
  static Arbitrary<TtlvStructure> structures(int depth) {
    return Combinators.combine(tags(), items(depth - 1).list().ofMaxSize(5)).as(TtlvStructure::new);
  }

  /** A whole message: a structure up to 5 deep, well within the default limits. */
  static Arbitrary<Ttlv> messages() {
    return Arbitraries.oneOf(structures(5).map(s -> (Ttlv) s), primitives());
  }

  private static String fromCodePoints(List<Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.forEach(text::appendCodePoint);
    return text.toString();
  }
}
