package io.clavis.kmip.ttlv;

import java.io.Serial;

/**
 * Something received from a KMIP peer cannot be used: either its bytes are not valid TTLV ({@link
 * TtlvFormatException}) or a valid item is not what the reader expects ({@link
 * UnexpectedItemException}).
 *
 * <p>Both kinds come from the peer, not from a bug in Clavis, so a listener can catch this one type
 * and answer with an error result (or close the connection) without losing the thread. The class is
 * unchecked because item lookups are used everywhere in message parsing and every one of them can
 * fail. Messages never quote value bytes, which may be key material.
 */
public abstract sealed class KmipDecodingException extends RuntimeException
    permits TtlvFormatException, UnexpectedItemException {
  @Serial private static final long serialVersionUID = 1L;

  KmipDecodingException(String message) {
    super(message);
  }
}
