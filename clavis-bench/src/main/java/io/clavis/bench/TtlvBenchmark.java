package io.clavis.bench;

import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The KMIP codec on a 1 KiB Encrypt request, the message a KMIP encrypt load sends. */
@State(Scope.Thread)
public class TtlvBenchmark extends HotPathBenchmark {
  private Ttlv request;
  private byte[] encoded;

  @Setup
  public void setUp() {
    request =
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
                new TtlvEnumeration(Tag.OPERATION, Operation.ENCRYPT.value()),
                TtlvStructure.of(
                    Tag.REQUEST_PAYLOAD,
                    new TtlvTextString(Tag.UNIQUE_IDENTIFIER, "key_0123456789abcdef01234567"),
                    new TtlvByteString(Tag.DATA, new byte[1024]))));
    encoded = TtlvEncoder.encode(request);
  }

  @Benchmark
  public byte[] encode() {
    return TtlvEncoder.encode(request);
  }

  @Benchmark
  public Ttlv decode() {
    return TtlvDecoder.decode(encoded);
  }
}
