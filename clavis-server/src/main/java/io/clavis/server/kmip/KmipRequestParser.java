package io.clavis.server.kmip;

import io.clavis.kmip.spec.BatchErrorContinuationOption;
import io.clavis.kmip.spec.KmipTags;
import io.clavis.kmip.spec.KmipVersion;
import io.clavis.kmip.spec.ResultReason;
import io.clavis.kmip.spec.Tag;
import io.clavis.kmip.ttlv.KmipDecodingException;
import io.clavis.kmip.ttlv.Ttlv;
import io.clavis.kmip.ttlv.TtlvBoolean;
import io.clavis.kmip.ttlv.TtlvByteString;
import io.clavis.kmip.ttlv.TtlvDateTime;
import io.clavis.kmip.ttlv.TtlvDecoder;
import io.clavis.kmip.ttlv.TtlvEnumeration;
import io.clavis.kmip.ttlv.TtlvInteger;
import io.clavis.kmip.ttlv.TtlvStructure;
import io.clavis.kmip.ttlv.UnexpectedItemException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a decoded Request Message into a {@link KmipRequest}.
 *
 * <p>Fields are looked up by tag rather than position, and a single-valued field that appears twice
 * is an error (the TTLV model refuses to guess which copy counts). Header problems make the whole
 * message invalid; problems inside one batch item fail only that item, so the other items of a
 * batch still get their answers.
 */
final class KmipRequestParser {
  private static final int EPHEMERAL = tag("Ephemeral");
  private static final int HEADER_BYTES = 8;

  private KmipRequestParser() {}

  /**
   * Parses a decoded message.
   *
   * @throws InvalidRequestException when the message is not a Request Message or its header or
   *     batch list cannot be read
   */
  static KmipRequest parse(Ttlv message) throws InvalidRequestException {
    if (!(message instanceof TtlvStructure root) || root.tag() != Tag.REQUEST_MESSAGE) {
      throw new InvalidRequestException(null, "the message is not a KMIP Request Message");
    }
    KmipVersion version = null;
    try {
      TtlvStructure h = root.structure(Tag.REQUEST_HEADER);
      version = version(h.structure(Tag.PROTOCOL_VERSION));
      RequestHeader header = header(h, version);
      List<TtlvStructure> batch = root.all(Tag.BATCH_ITEM, TtlvStructure.class);
      if (batch.isEmpty()) {
        throw new InvalidRequestException(version, "the request has no batch items");
      }
      if (header.batchCount() != batch.size()) {
        throw new InvalidRequestException(
            version,
            "the Batch Count is "
                + header.batchCount()
                + " but the message holds "
                + batch.size()
                + " batch items");
      }
      List<RequestItem> items = new ArrayList<>(batch.size());
      for (TtlvStructure b : batch) {
        items.add(item(b, batch.size() > 1));
      }
      return new KmipRequest(header, items);
    } catch (KmipDecodingException | IllegalArgumentException e) {
      throw new InvalidRequestException(version, "the request header cannot be read: " + detail(e));
    }
  }

  private static RequestHeader header(TtlvStructure h, KmipVersion version)
      throws InvalidRequestException {
    Integer maxResponse =
        h.optional(Tag.MAXIMUM_RESPONSE_SIZE, TtlvInteger.class)
            .map(TtlvInteger::value)
            .orElse(null);
    if (maxResponse != null && maxResponse <= 0) {
      throw new InvalidRequestException(
          version, "the Maximum Response Size must be positive, not " + maxResponse);
    }
    h.optional(Tag.ASYNCHRONOUS_INDICATOR, TtlvBoolean.class);
    h.optional(Tag.ATTESTATION_CAPABLE_INDICATOR, TtlvBoolean.class);
    BatchErrorContinuationOption continuation = BatchErrorContinuationOption.STOP;
    Optional<TtlvEnumeration> option =
        h.optional(Tag.BATCH_ERROR_CONTINUATION_OPTION, TtlvEnumeration.class);
    if (option.isPresent()) {
      continuation =
          BatchErrorContinuationOption.fromValue(option.get().value())
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          version,
                          String.format(
                              "the Batch Error Continuation Option 0x%08X is not defined",
                              option.get().value())));
    }
    boolean order =
        h.optional(Tag.BATCH_ORDER_OPTION, TtlvBoolean.class).map(TtlvBoolean::value).orElse(true);
    Instant timeStamp =
        h.optional(Tag.TIME_STAMP, TtlvDateTime.class).map(TtlvDateTime::toInstant).orElse(null);
    int count = h.integer(Tag.BATCH_COUNT);
    boolean authentication = h.optional(Tag.AUTHENTICATION, TtlvStructure.class).isPresent();
    return new RequestHeader(
        version, maxResponse, continuation, order, timeStamp, count, authentication);
  }

  /** Reads a Protocol Version structure. */
  static KmipVersion version(TtlvStructure protocolVersion) {
    return new KmipVersion(
        protocolVersion.integer(Tag.PROTOCOL_VERSION_MAJOR),
        protocolVersion.integer(Tag.PROTOCOL_VERSION_MINOR));
  }

  private static RequestItem item(TtlvStructure b, boolean idRequired) {
    Integer operation = null;
    TtlvByteString id = null;
    try {
      operation =
          b.optional(Tag.OPERATION, TtlvEnumeration.class).map(TtlvEnumeration::value).orElse(null);
    } catch (KmipDecodingException e) {
      return invalid(null, null, "the batch item's Operation cannot be read: " + detail(e));
    }
    try {
      id = b.optional(Tag.UNIQUE_BATCH_ITEM_ID, TtlvByteString.class).orElse(null);
    } catch (KmipDecodingException e) {
      return invalid(
          operation, null, "the batch item's Unique Batch Item ID cannot be read: " + detail(e));
    }
    if (operation == null) {
      return invalid(null, id, "the batch item has no Operation");
    }
    if (id == null && idRequired) {
      return invalid(
          operation, null, "a batch of several items needs a Unique Batch Item ID in each item");
    }
    try {
      TtlvStructure payload = b.required(Tag.REQUEST_PAYLOAD, TtlvStructure.class);
      if (b.optional(EPHEMERAL, TtlvBoolean.class).map(TtlvBoolean::value).orElse(false)) {
        return new RequestItem(
            operation,
            id,
            null,
            new KmipException(
                ResultReason.FEATURE_NOT_SUPPORTED, "ephemeral objects are not supported"));
      }
      Optional<TtlvStructure> extension = b.optional(Tag.MESSAGE_EXTENSION, TtlvStructure.class);
      if (extension.isPresent() && extension.get().bool(Tag.CRITICALITY_INDICATOR)) {
        return new RequestItem(
            operation,
            id,
            null,
            new KmipException(
                ResultReason.FEATURE_NOT_SUPPORTED,
                "the batch item carries a critical Message Extension this server does not"
                    + " support"));
      }
      return new RequestItem(operation, id, payload, null);
    } catch (KmipDecodingException e) {
      return invalid(operation, id, "the batch item cannot be read: " + detail(e));
    }
  }

  private static RequestItem invalid(Integer operation, TtlvByteString id, String message) {
    return new RequestItem(operation, id, null, KmipException.invalidMessage(message));
  }

  /**
   * The protocol version of a message whose bytes are not valid TTLV as a whole, read from its
   * Request Header alone when that is the first item and decodes on its own: such a message is
   * still answered (with Invalid Message) in the client's version. Empty when the bytes do not
   * start like a Request Message with a readable header.
   */
  static Optional<KmipVersion> headerVersion(byte[] frame, TtlvDecoder.Limits limits) {
    if (frame.length < 2 * HEADER_BYTES
        || tagAt(frame, 0) != Tag.REQUEST_MESSAGE
        || frame[3] != 1
        || tagAt(frame, HEADER_BYTES) != Tag.REQUEST_HEADER
        || frame[HEADER_BYTES + 3] != 1) {
      return Optional.empty();
    }
    long length = unsignedInt(frame, HEADER_BYTES + 4);
    long end = 2L * HEADER_BYTES + length;
    if (length % 8 != 0 || end > frame.length) {
      return Optional.empty();
    }
    try {
      TtlvStructure header =
          TtlvDecoder.decode(Arrays.copyOfRange(frame, HEADER_BYTES, (int) end), limits)
              .as(TtlvStructure.class);
      return Optional.of(version(header.structure(Tag.PROTOCOL_VERSION)));
    } catch (KmipDecodingException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static int tagAt(byte[] b, int offset) {
    return ((b[offset] & 0xFF) << 16) | ((b[offset + 1] & 0xFF) << 8) | (b[offset + 2] & 0xFF);
  }

  private static long unsignedInt(byte[] b, int offset) {
    return ((long) (b[offset] & 0xFF) << 24)
        | ((b[offset + 1] & 0xFF) << 16)
        | ((b[offset + 2] & 0xFF) << 8)
        | (b[offset + 3] & 0xFF);
  }

  /** Names the tag of an unexpected item; a decoding message never quotes value bytes. */
  private static String detail(RuntimeException e) {
    if (e instanceof UnexpectedItemException u) {
      return e.getMessage() + " (" + KmipTags.displayName(u.tag()) + ")";
    }
    return e.getMessage();
  }

  private static int tag(String name) {
    return KmipTags.byName(name)
        .orElseThrow(() -> new IllegalStateException("the KMIP tag table lacks " + name))
        .value();
  }
}
