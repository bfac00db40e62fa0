package io.clavis.kmip.spec;

import java.util.Optional;

/**
 * Which member of an object group Locate returns (KMIP 1.4 section 9.1.3.2.33).
 *
 * <p>Values and names are those of the registry's {@code Object Group Member} enumeration; a test
 * checks each constant against it.
 */
public enum ObjectGroupMember implements KmipEnum {
  GROUP_MEMBER_FRESH(0x00000001, "Group Member Fresh"),
  GROUP_MEMBER_DEFAULT(0x00000002, "Group Member Default");

  private final int value;
  private final String kmipName;

  ObjectGroupMember(int value, String kmipName) {
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
  public static Optional<ObjectGroupMember> fromValue(int value) {
    return KmipEnums.fromValue(ObjectGroupMember.class, value);
  }
}
