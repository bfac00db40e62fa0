package io.clavis.server.http;

/**
 * Thrown by {@link ApiRequest#offloadIf} to take a request off its I/O thread: the REST server
 * catches it and serves the request again, from the start, on a worker thread. Never reaches a
 * client; one stackless instance, as it is control flow.
 */
final class Offload extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final Offload INSTANCE = new Offload();

  private Offload() {
    super("served on a worker thread instead", null, false, false);
  }
}
