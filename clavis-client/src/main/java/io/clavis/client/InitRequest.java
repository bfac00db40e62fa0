package io.clavis.client;

import java.util.Objects;

/**
 * How to initialise a new Clavis cluster: with a passphrase, or with Shamir shares. Build it with
 * {@link #passphrase(String)} or {@link #shamir(int, int)}. {@link #toString()} never shows the
 * passphrase.
 */
public record InitRequest(String type, String passphrase, Integer shares, Integer threshold) {
  public static final String PASSPHRASE = "passphrase";
  public static final String SHAMIR = "shamir";

  public InitRequest {
    Objects.requireNonNull(type, "type");
  }

  /** The root key is derived from this passphrase; unsealing asks for it again. */
  public static InitRequest passphrase(String passphrase) {
    Objects.requireNonNull(passphrase, "passphrase");
    return new InitRequest(PASSPHRASE, passphrase, null, null);
  }

  /** The root key is split into {@code shares} shares, {@code threshold} of which unseal. */
  public static InitRequest shamir(int shares, int threshold) {
    return new InitRequest(SHAMIR, null, shares, threshold);
  }

  @Override
  public String toString() {
    return "InitRequest[type="
        + type
        + (passphrase != null ? ", passphrase=***" : "")
        + (shares != null ? ", shares=" + shares : "")
        + (threshold != null ? ", threshold=" + threshold : "")
        + "]";
  }
}
