package io.clavis.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/** A MAC tag (raw bytes) and the key version that made it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MacResult(byte[] mac, String keyId, int keyVersion) {

  @Override
  public boolean equals(Object o) {
    return o instanceof MacResult r
        && keyVersion == r.keyVersion
        && Objects.equals(keyId, r.keyId)
        && Arrays.equals(mac, r.mac);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(mac), keyId, keyVersion);
  }

  @Override
  public String toString() {
    return "MacResult[mac="
        + (mac == null ? "null" : Base64.getEncoder().encodeToString(mac))
        + ", keyId="
        + keyId
        + ", keyVersion="
        + keyVersion
        + "]";
  }
}
