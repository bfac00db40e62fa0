package io.clavis.client;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * What to sign or verify: either a message (the server hashes it) or a precomputed digest, and the
 * signature algorithm ({@code RSA_PSS_SHA256|384|512}, {@code RSA_PKCS1_SHA256|384|512}, {@code
 * ECDSA_SHA256|384|512}). Build it with {@link #message(byte[], String)} or {@link #digest(byte[],
 * String)}.
 */
public record SignRequest(byte[] message, byte[] digest, String algorithm) {

  public SignRequest {
    Objects.requireNonNull(algorithm, "algorithm");
    if ((message == null) == (digest == null)) {
      throw new IllegalArgumentException("exactly one of message and digest is required");
    }
  }

  public static SignRequest message(byte[] message, String algorithm) {
    return new SignRequest(Objects.requireNonNull(message, "message"), null, algorithm);
  }

  public static SignRequest digest(byte[] digest, String algorithm) {
    return new SignRequest(null, Objects.requireNonNull(digest, "digest"), algorithm);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignRequest r
        && Objects.equals(algorithm, r.algorithm)
        && Arrays.equals(message, r.message)
        && Arrays.equals(digest, r.digest);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(message), Arrays.hashCode(digest), algorithm);
  }

  @Override
  public String toString() {
    return "SignRequest["
        + (message != null
            ? "message=(" + message.length + " bytes)"
            : "digest=" + Base64.getEncoder().encodeToString(digest))
        + ", algorithm="
        + algorithm
        + "]";
  }
}
