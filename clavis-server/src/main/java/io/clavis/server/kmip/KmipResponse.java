package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvEncoder;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.time.Instant;
import java.util.List;

/**
 * A Response Message in the request's protocol version.
 *
 * <p>The Response Header holds exactly Protocol Version, Time Stamp and Batch Count: the fields
 * every version from 1.0 to 2.1 requires. The optional ones (Nonce, Attestation Type, Client and
 * Server Correlation Value, Server Hashed Password) are never sent, because this server asks for no
 * attestation or password and clients that read headers positionally (PyKMIP does) fail on a field
 * they do not expect.
 */
record KmipResponse(KmipVersion version, List<ResponseItem> items) {
  KmipResponse {
    items = List.copyOf(items);
  }

  TtlvStructure toTtlv(Instant now) {
    TtlvStructure.Builder message = TtlvStructure.builder(Tag.RESPONSE_MESSAGE);
    message.add(
        TtlvStructure.of(
            Tag.RESPONSE_HEADER,
            protocolVersion(version),
            TtlvDateTime.of(Tag.TIME_STAMP, now),
            new TtlvInteger(Tag.BATCH_COUNT, items.size())));
    items.forEach(i -> message.add(i.toTtlv()));
    return message.build();
  }

  byte[] encode(Instant now) {
    return TtlvEncoder.encode(toTtlv(now));
  }

  /** A Protocol Version structure. */
  static TtlvStructure protocolVersion(KmipVersion v) {
    return TtlvStructure.of(
        Tag.PROTOCOL_VERSION,
        new TtlvInteger(Tag.PROTOCOL_VERSION_MAJOR, v.major()),
        new TtlvInteger(Tag.PROTOCOL_VERSION_MINOR, v.minor()));
  }
}
