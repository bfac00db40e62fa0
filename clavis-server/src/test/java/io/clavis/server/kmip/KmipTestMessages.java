package io.clavis.server.kmip;

import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.QueryFunction;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.TtlvTextString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Request messages as clients send them, and readers for the responses. */
final class KmipTestMessages {
  private KmipTestMessages() {}

  /** A request with a plain header (version and batch count) and the given items. */
  static TtlvStructure request(KmipVersion version, TtlvStructure... items) {
    return request(version, List.of(), items);
  }

  /** A request whose header also carries {@code extraHeader} (before the Batch Count). */
  static TtlvStructure request(
      KmipVersion version, List<Ttlv> extraHeader, TtlvStructure... items) {
    TtlvStructure.Builder header = TtlvStructure.builder(Tag.REQUEST_HEADER);
    header.add(KmipResponse.protocolVersion(version));
    header.addAll(extraHeader);
    header.add(new TtlvInteger(Tag.BATCH_COUNT, items.length));
    return TtlvStructure.builder(Tag.REQUEST_MESSAGE)
        .add(header.build())
        .addAll(List.of(items))
        .build();
  }

  static Ttlv continuation(BatchErrorContinuationOption option) {
    return new TtlvEnumeration(Tag.BATCH_ERROR_CONTINUATION_OPTION, option.value());
  }

  static Ttlv maximumResponseSize(int bytes) {
    return new TtlvInteger(Tag.MAXIMUM_RESPONSE_SIZE, bytes);
  }

  static TtlvStructure item(Operation op, String id, Ttlv... payload) {
    return item(op.value(), id, payload);
  }

  /** A batch item; {@code id} null for none. */
  static TtlvStructure item(int operationValue, String id, Ttlv... payload) {
    TtlvStructure.Builder b = TtlvStructure.builder(Tag.BATCH_ITEM);
    b.add(new TtlvEnumeration(Tag.OPERATION, operationValue));
    if (id != null) {
      b.add(new TtlvByteString(Tag.UNIQUE_BATCH_ITEM_ID, id.getBytes(StandardCharsets.UTF_8)));
    }
    b.add(TtlvStructure.builder(Tag.REQUEST_PAYLOAD).addAll(List.of(payload)).build());
    return b.build();
  }

  static TtlvStructure discoverVersions(String id, KmipVersion... clientVersions) {
    List<Ttlv> versions = new ArrayList<>();
    for (KmipVersion v : clientVersions) {
      versions.add(KmipResponse.protocolVersion(v));
    }
    return item(Operation.DISCOVER_VERSIONS, id, versions.toArray(new Ttlv[0]));
  }

  static TtlvStructure query(String id, QueryFunction... functions) {
    List<Ttlv> f = new ArrayList<>();
    for (QueryFunction q : functions) {
      f.add(new TtlvEnumeration(Tag.QUERY_FUNCTION, q.value()));
    }
    return item(Operation.QUERY, id, f.toArray(new Ttlv[0]));
  }

  // ---- reading responses -------------------------------------------------------------------

  static TtlvStructure header(TtlvStructure response) {
    return response.structure(Tag.RESPONSE_HEADER);
  }

  static KmipVersion version(TtlvStructure response) {
    return KmipRequestParser.version(header(response).structure(Tag.PROTOCOL_VERSION));
  }

  static List<TtlvStructure> items(TtlvStructure response) {
    return response.all(Tag.BATCH_ITEM, TtlvStructure.class);
  }

  static TtlvStructure onlyItem(TtlvStructure response) {
    List<TtlvStructure> items = items(response);
    if (items.size() != 1) {
      throw new AssertionError("expected one batch item, got " + items.size() + ": " + response);
    }
    return items.get(0);
  }

  static int status(TtlvStructure item) {
    return item.enumeration(Tag.RESULT_STATUS);
  }

  /** The Result Reason's wire value, or -1 when there is none. */
  static int reason(TtlvStructure item) {
    return item.optional(Tag.RESULT_REASON, TtlvEnumeration.class)
        .map(TtlvEnumeration::value)
        .orElse(-1);
  }

  static String message(TtlvStructure item) {
    return item.optional(Tag.RESULT_MESSAGE, TtlvTextString.class)
        .map(TtlvTextString::value)
        .orElse(null);
  }

  static String id(TtlvStructure item) {
    return item.optional(Tag.UNIQUE_BATCH_ITEM_ID, TtlvByteString.class)
        .map(b -> new String(b.value(), StandardCharsets.UTF_8))
        .orElse(null);
  }

  static Integer operation(TtlvStructure item) {
    return item.optional(Tag.OPERATION, TtlvEnumeration.class)
        .map(TtlvEnumeration::value)
        .orElse(null);
  }

  static TtlvStructure payload(TtlvStructure item) {
    return item.structure(Tag.RESPONSE_PAYLOAD);
  }

  static List<KmipVersion> versions(TtlvStructure payload) {
    return payload.all(Tag.PROTOCOL_VERSION, TtlvStructure.class).stream()
        .map(KmipRequestParser::version)
        .toList();
  }

  /** The tags of a structure's children, in order. */
  static List<Integer> tags(TtlvStructure s) {
    return s.children().stream().map(Ttlv::tag).toList();
  }
}
