package io.clavis.server.kmip;

import io.clavis.kmip.ttlv.TtlvDecoder;
import java.time.Duration;
import java.util.Objects;

/**
 * What the KMIP listener lets one peer cost: connections, time and message size. Every bound is
 * checked before the work or memory is spent, so an unauthenticated peer cannot make the server
 * allocate what it claims or hold a connection slot forever.
 *
 * @param maxConnections open connections at once; further ones are closed as soon as accepted
 * @param handshakeTimeout how long a TLS handshake may take
 * @param idleTimeout how long a connection may wait for its next request before it is closed
 * @param messageTimeout how long one request may take to arrive once its first byte has
 * @param decoder the TTLV decoder's limits; {@link TtlvDecoder.Limits#maxMessageBytes()} bounds a
 *     request message
 */
public record KmipLimits(
    int maxConnections,
    Duration handshakeTimeout,
    Duration idleTimeout,
    Duration messageTimeout,
    TtlvDecoder.Limits decoder) {
  /** 1,000 connections, 10 s handshakes, 5 min idle, 30 s per message, 1 MiB messages. */
  public static final KmipLimits DEFAULT =
      new KmipLimits(
          1000,
          Duration.ofSeconds(10),
          Duration.ofMinutes(5),
          Duration.ofSeconds(30),
          TtlvDecoder.Limits.DEFAULT);

  public KmipLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    for (Duration d : new Duration[] {handshakeTimeout, idleTimeout, messageTimeout}) {
      if (d == null || d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("timeouts must be positive and below 24 days: " + d);
      }
    }
    Objects.requireNonNull(decoder, "decoder");
  }

  public KmipLimits withMaxConnections(int max) {
    return new KmipLimits(max, handshakeTimeout, idleTimeout, messageTimeout, decoder);
  }

  public KmipLimits withIdleTimeout(Duration idle) {
    return new KmipLimits(maxConnections, handshakeTimeout, idle, messageTimeout, decoder);
  }

  public KmipLimits withMessageTimeout(Duration perMessage) {
    return new KmipLimits(maxConnections, handshakeTimeout, idleTimeout, perMessage, decoder);
  }

  /** The same limits with another largest request message. */
  public KmipLimits withMaxMessageBytes(int max) {
    return new KmipLimits(
        maxConnections,
        handshakeTimeout,
        idleTimeout,
        messageTimeout,
        new TtlvDecoder.Limits(
            max, decoder.maxDepth(), decoder.maxItems(), decoder.maxBigIntegerBytes()));
  }
}
