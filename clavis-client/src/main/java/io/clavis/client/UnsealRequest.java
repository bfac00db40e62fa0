package io.clavis.client;

import java.util.Objects;

/**
 * One unseal submission: the passphrase, one Shamir share, or a reset of the shares submitted so
 * far. {@link #toString()} never shows the secret.
 */
public record UnsealRequest(String passphrase, String share, boolean reset) {

  public static UnsealRequest passphrase(String passphrase) {
    return new UnsealRequest(Objects.requireNonNull(passphrase, "passphrase"), null, false);
  }

  /** One Shamir share, in the base64 form returned by {@code init}. */
  public static UnsealRequest share(String share) {
    return new UnsealRequest(null, Objects.requireNonNull(share, "share"), false);
  }

  /** Forgets the shares submitted so far. */
  public static UnsealRequest resetShares() {
    return new UnsealRequest(null, null, true);
  }

  @Override
  public String toString() {
    return "UnsealRequest["
        + (passphrase != null ? "passphrase=***" : share != null ? "share=***" : "reset=" + reset)
        + "]";
  }
}
