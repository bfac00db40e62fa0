package io.clavis.server.kmip;

import io.clavis.kmip.ttlv.ItemType;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * Reads one TTLV message from a connection: the 8-byte header of the top-level item, whose length
 * is checked against the limit before the rest is allocated, then exactly that many bytes.
 *
 * <p>It does what {@link io.clavis.kmip.ttlv.TtlvDecoder#readMessage} does and keeps the raw bytes,
 * so that a message that fails to decode can still be answered when its Request Header alone can be
 * read. Waiting for a request is bounded by the idle timeout; once its first byte has arrived, the
 * whole message must arrive within the message timeout, so a peer trickling bytes cannot hold a
 * connection slot for long.
 */
final class KmipFrameReader {
  private static final int HEADER = 8;

  /** The bytes cannot be a KMIP message of acceptable size: the connection is closed. */
  static final class MalformedFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedFrameException(String message) {
      super(message, null);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final KmipLimits limits;

  KmipFrameReader(Socket socket, InputStream in, KmipLimits limits) {
    this.socket = socket;
    this.in = in;
    this.limits = limits;
  }

  /**
   * The next message's bytes, or null when the peer closed the connection between messages.
   *
   * @throws SocketTimeoutException when the connection was idle too long or a message arrived too
   *     slowly
   * @throws MalformedFrameException when the header names no item type or declares too many bytes
   * @throws EOFException when the stream ends inside a message
   */
  byte[] next() throws IOException {
    socket.setSoTimeout((int) limits.idleTimeout().toMillis());
    int first = in.read();
    if (first < 0) {
      return null;
    }
    long deadline = System.nanoTime() + limits.messageTimeout().toNanos();
    byte[] header = new byte[HEADER];
    header[0] = (byte) first;
    readFully(header, 1, HEADER - 1, deadline);
    if (ItemType.fromCode(header[3] & 0xFF) == null) {
      throw new MalformedFrameException("type byte " + (header[3] & 0xFF) + " names no item type");
    }
    long length =
        ((long) (header[4] & 0xFF) << 24)
            | ((header[5] & 0xFF) << 16)
            | ((header[6] & 0xFF) << 8)
            | (header[7] & 0xFF);
    long total = HEADER + ((length + 7) & ~7L);
    if (total > limits.decoder().maxMessageBytes()) {
      throw new MalformedFrameException(
          "the message declares "
              + total
              + " bytes, the limit is "
              + limits.decoder().maxMessageBytes());
    }
    byte[] message = Arrays.copyOf(header, (int) total);
    readFully(message, HEADER, message.length - HEADER, deadline);
    return message;
  }

  private void readFully(byte[] buffer, int offset, int length, long deadline) throws IOException {
    int done = 0;
    while (done < length) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new SocketTimeoutException("the message did not arrive in time");
      }
      socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
      int n = in.read(buffer, offset + done, length - done);
      if (n < 0) {
        throw new EOFException("the stream ended inside a message");
      }
      done += n;
    }
  }
}
