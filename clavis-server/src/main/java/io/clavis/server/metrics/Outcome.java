package io.clavis.server.metrics;

import java.util.Locale;

/** How a request ended: the {@code outcome} label. */
public enum Outcome {
  OK,
  /** The caller's fault: bad input, not allowed, not found (HTTP 4xx). */
  CLIENT_ERROR,
  /** The node's fault or state: internal errors, sealed, read-only, audit unavailable (5xx). */
  SERVER_ERROR;

  /** The outcome of an HTTP answer with this status. */
  public static Outcome ofHttpStatus(int status) {
    return status < 400 ? OK : status < 500 ? CLIENT_ERROR : SERVER_ERROR;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
