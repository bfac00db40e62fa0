package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;

/**
 * Arbitrary bytes either decode or fail with a {@link TtlvFormatException}, never with anything
 * else; and whatever the decoder accepts is canonical, so re-encoding it gives back the input.
 */
class TtlvFuzzTest {
  @Property(tries = 20_000)
  void randomGarbageOnlyFailsCleanly(@ForAll("garbage") byte[] bytes) {
    decodeOrFailCleanly(bytes);
  }

  /** Garbage behind a plausible header reaches the value and structure checks more often. */
  @Property(tries = 20_000)
  void garbageBehindPlausibleHeadersOnlyFailsCleanly(@ForAll("plausible") byte[] bytes) {
    decodeOrFailCleanly(bytes);
  }

  /** Valid messages with a few bytes overwritten: close to valid, so deep paths are exercised. */
  @Property(tries = 20_000)
  void mutatedMessagesOnlyFailCleanly(@ForAll("mutated") byte[] bytes) {
    decodeOrFailCleanly(bytes);
  }

  @Property(tries = 5_000)
  void truncatedMessagesAreTruncated(@ForAll("truncated") byte[] bytes) {
    TtlvMalformedInputTest.assertFails(bytes, TtlvFormatException.Reason.TRUNCATED);
  }

  private static void decodeOrFailCleanly(byte[] bytes) {
    Ttlv decoded;
    try {
      decoded = TtlvDecoder.decode(bytes);
    } catch (TtlvFormatException expected) {
      assertThat(expected.reason()).isNotNull();
      Statistics.collect(expected.reason());
      return;
    }
    Statistics.collect("decoded");
    assertThat(TtlvEncoder.encode(decoded)).isEqualTo(bytes);
  }

  @Provide
  Arbitrary<byte[]> garbage() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  @Provide
  Arbitrary<byte[]> plausible() {
    Arbitrary<byte[]> header =
        Combinators.combine(
                Arbitraries.integers().between(0, 0xFF),
                Arbitraries.integers().between(0, 0x0C),
                Arbitraries.frequencyOf(
                    Tuple.of(5, Arbitraries.integers().between(0, 300)),
                    Tuple.of(1, Arbitraries.integers())))
            .as(
                (tagLow, type, length) ->
                    new byte[] {
                      0x42,
                      0x00,
                      (byte) (int) tagLow,
                      (byte) (int) type,
                      (byte) (length >>> 24),
                      (byte) (length >>> 16),
                      (byte) (length >>> 8),
                      (byte) (int) length
                    });
    return header
        .list()
        .ofMinSize(1)
        .ofMaxSize(12)
        .flatMap(
            headers ->
                Arbitraries.bytes()
                    .array(byte[].class)
                    .ofMaxSize(64)
                    .list()
                    .ofSize(headers.size())
                    .map(values -> interleave(headers, values)));
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    Arbitrary<byte[]> messages =
        TtlvArbitraries.messages().map(TtlvEncoder::encode).filter(b -> b.length > 0);
    Arbitrary<Tuple2<Integer, Byte>> edits =
        Combinators.combine(Arbitraries.integers().greaterOrEqual(0), Arbitraries.bytes())
            .as(Tuple::of);
    return Combinators.combine(messages, edits.list().ofMinSize(1).ofMaxSize(4))
        .as(
            (bytes, changes) -> {
              byte[] copy = bytes.clone();
              for (Tuple2<Integer, Byte> change : changes) {
                copy[change.get1() % copy.length] = change.get2();
              }
              return copy;
            });
  }

  @Provide
  Arbitrary<byte[]> truncated() {
    return TtlvArbitraries.messages()
        .map(TtlvEncoder::encode)
        .flatMap(
            bytes ->
                Arbitraries.integers()
                    .between(0, bytes.length - 1)
                    .map(length -> Arrays.copyOf(bytes, length)));
  }

  private static byte[] interleave(List<byte[]> headers, List<byte[]> values) {
    byte[] joined = new byte[0];
    for (int i = 0; i < headers.size(); i++) {
      joined = TtlvMalformedInputTest.concat(joined, headers.get(i));
      joined = TtlvMalformedInputTest.concat(joined, values.get(i));
    }
    return joined;
  }
}
