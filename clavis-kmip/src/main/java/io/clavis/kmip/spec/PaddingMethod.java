package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * The padding in Cryptographic Parameters (KMIP 1.4 section 9.1.3.2.15).
 *
 * <p>Values and names are those of the registry's {@code Padding Method} enumeration; a test checks
 * each constant against it.
 */
public enum PaddingMethod implements KmipEnum {
  NONE(0x00000001, "None"),
  OAEP(0x00000002, "OAEP"),
  PKCS5(0x00000003, "PKCS5"),
  SSL3(0x00000004, "SSL3"),
  ZEROS(0x00000005, "Zeros"),
  ANSI_X9_23(0x00000006, "ANSI X9.23"),
  ISO_10126(0x00000007, "ISO 10126"),
  PKCS1_V1_5(0x00000008, "PKCS1 v1.5"),
  X9_31(0x00000009, "X9.31"),
  PSS(0x0000000A, "PSS");

  private final int value;
  private final String kmipName;

  PaddingMethod(int value, String kmipName) {
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
  public static Optional<PaddingMethod> fromValue(int value) {
    return KmipEnums.fromValue(PaddingMethod.class, value);
  }
}
