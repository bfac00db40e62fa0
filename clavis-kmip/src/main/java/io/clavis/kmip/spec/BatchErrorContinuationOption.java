package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * What the server does with the rest of a batch after an item fails (KMIP 1.4 section 9.1.3.2.30).
 *
 * <p>Values and names are those of the registry's {@code Batch Error Continuation Option}
 * enumeration; a test checks each constant against it.
 */
public enum BatchErrorContinuationOption implements KmipEnum {
  CONTINUE(0x00000001, "Continue"),
  STOP(0x00000002, "Stop"),
  UNDO(0x00000003, "Undo");

  private final int value;
  private final String kmipName;

  BatchErrorContinuationOption(int value, String kmipName) {
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
  public static Optional<BatchErrorContinuationOption> fromValue(int value) {
    return KmipEnums.fromValue(BatchErrorContinuationOption.class, value);
  }
}
