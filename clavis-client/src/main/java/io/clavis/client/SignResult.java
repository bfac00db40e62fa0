package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** A signature (raw bytes; DER for ECDSA) and the key version that made it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SignResult(byte[] signature, String keyId, int keyVersion, String algorithm) {

  @Override
  public boolean equals(Object o) {
    return o instanceof SignResult r
        && keyVersion == r.keyVersion
        && Objects.equals(keyId, r.keyId)
        && Objects.equals(algorithm, r.algorithm)
        && Arrays.equals(signature, r.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(signature), keyId, keyVersion, algorithm);
  }

  @Override
  public String toString() {
    return "SignResult[signature="
        + (signature == null ? "null" : Base64.getEncoder().encodeToString(signature))
        + ", keyId="
        + keyId
        + ", keyVersion="
        + keyVersion
        + ", algorithm="
        + algorithm
        + "]";
  }
}
