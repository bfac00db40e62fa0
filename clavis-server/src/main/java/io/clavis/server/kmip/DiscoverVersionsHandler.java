package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvStructure;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Discover Versions (KMIP 1.1 and later): the protocol versions this server supports, most
 * preferred first; when the client lists its own, only the versions both support, still in the
 * server's order of preference, and an empty list when there are none. Any authenticated service
 * may ask.
 */
final class DiscoverVersionsHandler implements KmipOperationHandler {
  @Override
  public Operation operation() {
    return Operation.DISCOVER_VERSIONS;
  }

  @Override
  public TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    List<TtlvStructure> asked = payload.all(Tag.PROTOCOL_VERSION, TtlvStructure.class);
    Set<KmipVersion> client = new HashSet<>();
    for (TtlvStructure v : asked) {
      try {
        client.add(KmipRequestParser.version(v));
      } catch (IllegalArgumentException e) {
        throw KmipException.invalidField(e.getMessage());
      }
    }
    return KmipOperationHandler.responsePayload(
        KmipVersions.SUPPORTED.stream()
            .filter(v -> asked.isEmpty() || client.contains(v))
            .map(KmipResponse::protocolVersion)
            .toList());
  }
}
