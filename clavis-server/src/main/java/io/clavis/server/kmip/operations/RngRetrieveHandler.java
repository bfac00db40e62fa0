package io.clavis.server.kmip.operations;

import io.clavis.core.crypto.SecureRandoms;
import io.clavis.kmip.spec.Operation;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.server.kmip.KmipException;
import io.clavis.server.kmip.KmipOperationHandler;
import io.clavis.server.kmip.KmipRequestContext;
import java.util.List;

/**
 * RNG Retrieve (KMIP 1.3): Data Length bytes (1 to {@value #MAX_BYTES}) from the server's DRBG (the
 * JDK's strong SecureRandom, as everywhere in Clavis). Any authenticated service may ask.
 */
final class RngRetrieveHandler implements KmipOperationHandler {
  static final int MAX_BYTES = 1024 * 1024;

  @Override
  public Operation operation() {
    return Operation.RNG_RETRIEVE;
  }

  @Override
  public TtlvStructure handle(KmipRequestContext ctx, TtlvStructure payload) throws KmipException {
    int n = payload.integer(Tag.DATA_LENGTH);
    if (n < 1 || n > MAX_BYTES) {
      throw KmipException.invalidField("Data Length is 1 to " + MAX_BYTES + " bytes");
    }
    return KmipOperationHandler.responsePayload(
        List.of(new TtlvByteString(Tag.DATA, SecureRandoms.bytes(n))));
  }
}
