package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The point encoding of elliptic curve public keys (KMIP 1.4 section 9.1.3.2.2).
 *
 * <p>Values and names are those of the registry's {@code Key Compression Type} enumeration; a test
 * checks each constant against it.
 */
public enum KeyCompressionType implements KmipEnum {
  EC_PUBLIC_KEY_TYPE_UNCOMPRESSED(0x00000001, "EC Public Key Type Uncompressed"),
  EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME(
      0x00000002, "EC Public Key Type X9.62 Compressed Prime"),
  EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2(
      0x00000003, "EC Public Key Type X9.62 Compressed Char2"),
  EC_PUBLIC_KEY_TYPE_X9_62_HYBRID(0x00000004, "EC Public Key Type X9.62 Hybrid");

  private final int value;
  private final String kmipName;

  KeyCompressionType(int value, String kmipName) {
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
  public static Optional<KeyCompressionType> fromValue(int value) {
    return KmipEnums.fromValue(KeyCompressionType.class, value);
  }
}
