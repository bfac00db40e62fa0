package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Whether wrapped key material keeps its TTLV encoding (KMIP 1.4 section 9.1.3.2.32).
 *
 * <p>Values and names are those of the registry's {@code Encoding Option} enumeration; a test
 * checks each constant against it.
 */
public enum EncodingOption implements KmipEnum {
  NO_ENCODING(0x00000001, "No Encoding"),
  TTLV_ENCODING(0x00000002, "TTLV Encoding");

  private final int value;
  private final String kmipName;

  EncodingOption(int value, String kmipName) {
    this.value = value;
    this.kmipName = kmipName;
  }

  @Override
  public int value() {
    return value;
  }

  @Override
  public String kmipName() {
    return kmipName;
  }

  /** Returns the constant with this wire value, or empty for a value this enum does not know. */
  public static Optional<EncodingOption> fromValue(int value) {
    return KmipEnums.fromValue(EncodingOption.class, value);
  }
}
