package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Whether a batch item succeeded (KMIP 1.4 section 9.1.3.2.28).
 *
 * <p>Values and names are those of the registry's {@code Result Status} enumeration; a test checks
 * each constant against it.
 */
public enum ResultStatus implements KmipEnum {
  SUCCESS(0x00000000, "Success"),
  OPERATION_FAILED(0x00000001, "Operation Failed"),
  OPERATION_PENDING(0x00000002, "Operation Pending"),
  OPERATION_UNDONE(0x00000003, "Operation Undone");

  private final int value;
  private final String kmipName;

  ResultStatus(int value, String kmipName) {
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
  public static Optional<ResultStatus> fromValue(int value) {
    return KmipEnums.fromValue(ResultStatus.class, value);
  }
}
