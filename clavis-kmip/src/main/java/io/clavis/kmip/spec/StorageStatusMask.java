package io.clavis.kmip.spec;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where Locate looks for objects (KMIP 1.4 section 9.1.3.3.2). Each constant is one bit.
 *
 * <p>Values and names are those of the registry's {@code Storage Status Mask} mask; a test checks
 * each constant against it.
 */
public enum StorageStatusMask implements KmipEnum {
  ON_LINE_STORAGE(0x00000001, "On-line storage"),
  ARCHIVAL_STORAGE(0x00000002, "Archival storage");

  private final int value;
  private final String kmipName;

  StorageStatusMask(int value, String kmipName) {
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
  public static Optional<StorageStatusMask> fromValue(int value) {
    return KmipEnums.fromValue(StorageStatusMask.class, value);
  }

  /** Returns the bitwise or of the given bits, the value of a Storage Status Mask item. */
  public static int toMask(Set<StorageStatusMask> bits) {
    int mask = 0;
    for (StorageStatusMask bit : bits) {
      mask |= bit.value;
    }
    return mask;
  }

  /**
   * Returns the bits set in {@code mask} that this enum knows; callers that must reject unknown
   * bits compare {@code toMask(fromMask(mask))} with {@code mask}.
   */
  public static EnumSet<StorageStatusMask> fromMask(int mask) {
    EnumSet<StorageStatusMask> bits = EnumSet.noneOf(StorageStatusMask.class);
    for (StorageStatusMask bit : values()) {
      if ((mask & bit.value) != 0) {
        bits.add(bit);
      }
    }
    return bits;
  }
}
