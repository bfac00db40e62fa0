package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Arrays;
import java.util.Objects;

/**
 * A generated data key: its plaintext (null when not requested) to use locally and forget, and its
 * ciphertext (base64 wire form) to store next to the data. {@link #toString()} never shows the
 * plaintext.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DataKey(byte[] plaintext, String ciphertext, String keyId, int keyVersion) {

  @Override
  public boolean equals(Object o) {
    return o instanceof DataKey r
        && keyVersion == r.keyVersion
        && Objects.equals(keyId, r.keyId)
        && Objects.equals(ciphertext, r.ciphertext)
        && Arrays.equals(plaintext, r.plaintext);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(plaintext), ciphertext, keyId, keyVersion);
  }

  @Override
  public String toString() {
    return "DataKey[plaintext="
        + (plaintext == null ? "null" : "(" + plaintext.length + " bytes hidden)")
        + ", ciphertext="
        + ciphertext
        + ", keyId="
        + keyId
        + ", keyVersion="
        + keyVersion
        + "]";
  }
}
