package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The answer of decrypt. The plaintext array is the caller's (not copied): wipe it when done if
 * that matters. {@link #toString()} never shows the plaintext.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DecryptResult(byte[] plaintext, String keyId, int keyVersion) {

  /** The plaintext decoded as UTF-8 (malformed input is replaced, not rejected). */
  public String plaintextAsString() {
    return new String(plaintext, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DecryptResult r
        && keyVersion == r.keyVersion
        && Objects.equals(keyId, r.keyId)
        && Arrays.equals(plaintext, r.plaintext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(plaintext), keyId, keyVersion);
  }

  @Override
  public String toString() {
    return "DecryptResult[plaintext=("
        + (plaintext == null ? 0 : plaintext.length)
        + " bytes hidden), keyId="
        + keyId
        + ", keyVersion="
        + keyVersion
        + "]";
  }
}
