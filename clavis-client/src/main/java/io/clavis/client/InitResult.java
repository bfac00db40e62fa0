package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The answer of {@code POST /v1/sys/init}: the root token and, for Shamir, the unseal shares
 * (base64 strings, as they are to be stored and given back to {@link UnsealRequest#share}). They
 * are shown only once. {@link #toString()} hides them.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InitResult(String rootToken, List<String> shares) {
  public InitResult {
    shares = shares == null ? null : List.copyOf(shares);
  }

  @Override
  public String toString() {
    return "InitResult[rootToken=***"
        + (shares != null ? ", shares=" + shares.size() + " hidden" : "")
        + "]";
  }
}
