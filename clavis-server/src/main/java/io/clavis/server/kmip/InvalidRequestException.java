package io.clavis.server.kmip;

import io.clavis.kmip.spec.KmipVersion;

/**
 * A request message that cannot be processed as a whole: its header or its list of batch items is
 * unreadable. KMIP answers it with one batch item without an Operation (KMIP 1.4 section 11.1),
 * written in the request's version when the header gave one.
 */
final class InvalidRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient KmipVersion version;

  InvalidRequestException(KmipVersion version, String message) {
    super(message, null, false, false);
    this.version = version;
  }

  /** The request's protocol version, or null when it could not be read. */
  KmipVersion version() {
    return version;
  }
}
