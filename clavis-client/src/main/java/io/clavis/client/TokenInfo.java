package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A newly created token ({@code POST /v1/tokens}). {@link #toString()} hides the token. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenInfo(String token, String id, Instant expiresAt) {
  @Override
  public String toString() {
    return "TokenInfo[token=***, id=" + id + ", expiresAt=" + expiresAt + "]";
  }
}
