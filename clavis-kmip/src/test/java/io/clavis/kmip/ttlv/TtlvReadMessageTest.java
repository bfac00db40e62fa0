package io.clavis.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clavis.kmip.ttlv.TtlvDecoder.Limits;
import io.clavis.kmip.ttlv.TtlvFormatException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reading one message at a time from a connection's stream. */
class TtlvReadMessageTest {
  private static final Ttlv FIRST =
      TtlvStructure.of(0x420078, new TtlvInteger(0x42000D, 1), new TtlvTextString(0x420094, "a"));
  private static final Ttlv SECOND =
      TtlvStructure.of(0x420078, new TtlvByteString(0x420043, new byte[] {1, 2, 3, 4, 5}));

  @Test
  void readsMessagesOneByOneThenNullAtTheEnd() throws IOException {
    byte[] stream =
        TtlvMalformedInputTest.concat(TtlvEncoder.encode(FIRST), TtlvEncoder.encode(SECOND));
    InputStream in = new ByteArrayInputStream(stream);
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isEqualTo(FIRST);
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isEqualTo(SECOND);
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isNull();
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isNull();
  }

  @Test
  void readsMessagesThatArriveOneByteAtATime() throws IOException {
    InputStream in = new Trickle(TtlvEncoder.encode(FIRST));
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isEqualTo(FIRST);
    assertThat(TtlvDecoder.readMessage(in, Limits.DEFAULT)).isNull();
  }

  @Test
  void anEndInsideAMessageIsTruncation() {
    byte[] message = TtlvEncoder.encode(FIRST);
    for (int length = 1; length < message.length; length++) {
      InputStream in = new ByteArrayInputStream(Arrays.copyOf(message, length));
      TtlvFormatException e =
          catchThrowableOfType(
              TtlvFormatException.class, () -> TtlvDecoder.readMessage(in, Limits.DEFAULT));
      assertThat(e).as("cut at %d", length).isNotNull();
      assertThat(e.reason()).isEqualTo(Reason.TRUNCATED);
    }
  }

  /**
   * A peer that claims a 2 GiB message is refused after its 8-byte header: nothing more is read and
   * nothing is allocated (the test JVM has a 512 MiB heap, so an allocation would fail loudly).
   */
  @Test
  void aHugeDeclaredLengthIsRefusedBeforeAllocation() {
    for (int length : new int[] {0x7FFF_FFF8, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF}) {
      CountingZeros in =
          new CountingZeros(
              TtlvMalformedInputTest.withInt(Hex.bytes("42 00 78 | 01 | 00 00 00 00"), 4, length));
      TtlvFormatException e =
          catchThrowableOfType(
              TtlvFormatException.class, () -> TtlvDecoder.readMessage(in, Limits.DEFAULT));
      assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
      assertThat(in.consumed).isEqualTo(8);
    }
  }

  @Test
  void theSizeLimitIsInclusive() throws IOException {
    Limits limits = new Limits(32, 4, 10, 8);
    byte[] exactly32 = TtlvEncoder.encode(new TtlvByteString(0x420043, new byte[24]));
    assertThat(exactly32).hasSize(32);
    assertThat(TtlvDecoder.readMessage(new ByteArrayInputStream(exactly32), limits))
        .isEqualTo(new TtlvByteString(0x420043, new byte[24]));
    byte[] over = TtlvEncoder.encode(new TtlvByteString(0x420043, new byte[25]));
    TtlvFormatException e =
        catchThrowableOfType(
            TtlvFormatException.class,
            () -> TtlvDecoder.readMessage(new ByteArrayInputStream(over), limits));
    assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE);
  }

  @Test
  void anUnknownTypeIsRefusedAfterTheHeader() {
    CountingZeros in = new CountingZeros(Hex.bytes("42 00 78 | 0C | 00 00 00 10"));
    TtlvFormatException e =
        catchThrowableOfType(
            TtlvFormatException.class, () -> TtlvDecoder.readMessage(in, Limits.DEFAULT));
    assertThat(e.reason()).isEqualTo(Reason.BAD_TYPE);
    assertThat(in.consumed).isEqualTo(8);
  }

  @Test
  void theBodyIsCheckedLikeAWholeMessage() {
    byte[] badPadding = TtlvEncoder.encode(new TtlvInteger(0x420020, 8));
    badPadding[15] = 1;
    TtlvFormatException e =
        catchThrowableOfType(
            TtlvFormatException.class,
            () -> TtlvDecoder.readMessage(new ByteArrayInputStream(badPadding), Limits.DEFAULT));
    assertThat(e.reason()).isEqualTo(Reason.BAD_PADDING);
  }

  /** Serves a header, then zeros forever, counting what the reader takes. */
  private static final class CountingZeros extends InputStream {
    private final byte[] header;
    private long consumed;

    CountingZeros(byte[] header) {
      this.header = header;
    }

    @Override
    public int read() {
      int b = consumed < header.length ? header[(int) consumed] & 0xFF : 0;
      consumed++;
      return b;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      for (int i = 0; i < length; i++) {
        into[offset + i] = (byte) read();
      }
      return length;
    }
  }

  /** Returns at most one byte per read call, as a slow network may. */
  private static final class Trickle extends InputStream {
    private final ByteArrayInputStream in;

    Trickle(byte[] bytes) {
      in = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      return length == 0 ? 0 : in.read(into, offset, 1);
    }
  }
}
