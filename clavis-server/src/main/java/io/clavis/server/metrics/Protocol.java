package io.clavis.server.metrics;

import java.util.Locale;

/** The listener a request came through: the {@code protocol} label. */
public enum Protocol {
  REST,
  KMIP;

  /** {@code rest} or {@code kmip}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
